import Basics
import CourseProgress
import Foundation
import Synchronization
import REPL

/// Opens the learner's progress database and reads "now", turning problems into command-line errors.
enum LearnerRecord {
    /// The store the environment points at.
    static func open(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ProgressStore {
        do {
            return try ProgressStore(path: ProgressLocation.databasePath(environment: environment))
        } catch {
            throw CommandLineError(message: error.description + ".", help: error.remedy + ".")
        }
    }

    /// The directory of the learner's place and history the environment chooses.
    static func stateDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> StateDirectory {
        StateDirectory(path: ProgressLocation.stateDirectory(environment: environment))
    }

    /// Now, or the date `REDISLINGS_NOW` sets (for tests).
    static func now(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Date {
        do {
            return try ProgressLocation.now(environment: environment)
        } catch {
            throw CommandLineError(message: "\(error.path): \(error.problem).", help: error.remedy + ".")
        }
    }

    /// Runs `body` on the store, or prints why progress could not be saved (reading a lesson
    /// must not fail because the record is unusable).
    /// With `once`, only its first failure is told: time is recorded every few seconds, and a
    /// warning each time would cut into the line the learner types.
    static func bestEffort(_ what: String, once: WarningOnce? = nil, _ body: (ProgressStore, Date) throws -> Void) {
        do {
            try body(try open(), try now())
        } catch {
            guard once?.isFirst() ?? true else { return }
            FileHandle.standardError.write(Data("warning: \(what) was not recorded\(once == nil ? "" : " (nor will be later ones)"): \(error)\n".utf8))
        }
    }
}

/// True the first time it is asked, false after: a warning told once per session.
final class WarningOnce: Sendable {
    private let told = Mutex(false)

    /// True on the first call only.
    func isFirst() -> Bool { told.withLock { told in defer { told = true }; return !told } }
}
