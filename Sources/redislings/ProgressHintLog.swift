import CourseProgress
import Exercises
import Foundation
import REPL

/// Hint use kept in the learner's progress database: each hint tier shown is one row, so
/// `progress` and a teacher's report can see how much help an exercise took.
struct ProgressHintLog: HintLog {
    let store: ProgressStore
    let now: Date

    func hintsShown(for exercise: String) throws -> Int {
        try store.hintsUsed(exerciseID: exercise).max() ?? 0
    }

    func recordHintsShown(_ count: Int, for exercise: String) throws {
        let shown = try hintsShown(for: exercise)
        guard count > shown else { return }
        for tier in (shown + 1)...count { try store.recordHintUsed(exerciseID: exercise, tier: tier, at: now) }
    }

    /// The log for this process: the progress database, else (when it cannot be opened) a
    /// small JSON file in the state directory, after a warning.
    static func current() -> any HintLog {
        do {
            return ProgressHintLog(store: try LearnerRecord.open(), now: try LearnerRecord.now())
        } catch {
            FileHandle.standardError.write(Data("warning: hints are kept in a file instead of the progress database: \(error)\n".utf8))
            let directory = LearnerRecord.stateDirectory()
            return HintFile(path: directory.path + "/hints.json")
        }
    }
}
