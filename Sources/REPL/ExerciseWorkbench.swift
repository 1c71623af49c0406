import Exercises
import Foundation
import RESP
import Synchronization

/// The exercises a REPL session can open, the one in progress, and where hint use is kept.
public final class ExerciseWorkbench: Sendable {
    /// The exercises of the course.
    public let catalog: ExerciseCatalog
    /// Where hint use is recorded.
    public let hintLog: any HintLog
    /// Where the learner's answer files live (for `lua` exercises).
    public let workspace: ExerciseWorkspace
    private let current = Mutex<ExerciseSession?>(nil)

    /// The exercise in progress and its run, if any.
    public var active: ExerciseSession? { current.withLock { $0 } }

    /// Told of every `:check` result, so the program can record it (nil: nothing is recorded).
    public let recordResult: (@Sendable (Exercise, ExerciseResult) -> Void)?

    /// The learner's standing in an exercise, by id: "✓" passed, "~" tried, " " new (nil: not known).
    public let standingMark: (@Sendable (String) -> String)?

    /// A workbench over `catalog`.
    public init(
        catalog: ExerciseCatalog, hintLog: any HintLog, workspace: ExerciseWorkspace,
        recordResult: (@Sendable (Exercise, ExerciseResult) -> Void)? = nil, standingMark: (@Sendable (String) -> String)? = nil
    ) {
        self.catalog = catalog
        self.standingMark = standingMark
        self.recordResult = recordResult
        self.hintLog = hintLog
        self.workspace = workspace
    }

    /// Makes `session` the exercise in progress, finishing the previous one.
    func begin(_ session: ExerciseSession) async {
        await end()
        current.withLock { $0 = session }
    }

    /// Finishes the exercise in progress: its peers disconnect; on a live Redis its keys go.
    public func end() async {
        let ending = current.withLock { session -> ExerciseSession? in
            defer { session = nil }
            return session
        }
        if let ending { await ending.finish() }
    }

    /// Files a reply to the learner's own command, for `replied` checks.
    func recordLearnerReply(_ reply: RESPValue, command: [[UInt8]]) {
        active?.learner.record(reply: reply, command: command.map { String(decoding: $0, as: UTF8.self) }, line: 0)
    }

    /// Files a message pushed to the learner, for `received` checks.
    func recordLearnerPush(_ message: RESPValue) {
        active?.learner.record(push: message)
    }
}
