import Dispatch
import Foundation
import REPL

/// A closed terminal (SIGHUP) or a kill (SIGTERM) ends `learn` at once, before its loop can wind
/// down: the time on the lesson is recorded, and the session closed (on a live Redis, the keys
/// it made deleted), before the program ends as the signal would have ended it.
enum SessionHangup {
    /// How long closing the session may take before the program ends anyway.
    static let closingLimit: DispatchTimeInterval = .seconds(3)

    /// Watches for SIGHUP and SIGTERM while `session` runs; cancel the sources when it ends.
    static func watch(_ session: ReplSession, course: CourseNavigator?) -> [any DispatchSourceSignal] {
        [SIGHUP, SIGTERM].map { number in
            // Ignored, so only the source sees it; the pager starts with it at its default.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                course?.finishTiming()
                DispatchQueue.global().asyncAfter(deadline: .now() + closingLimit) { exit(128 + number) }
                Task {
                    await session.close()
                    exit(128 + number)
                }
            }
            source.resume()
            return source
        }
    }
}
