import Foundation
import Synchronization
@testable import Grading

/// A grader for tests of the machinery around the runner: a submission's first line says what
/// happens — `pass`, `fail N` (the first N checks fail), `error TEXT`, `sleep MS`, `hang`.
/// It records the slots in use, to prove two jobs never share one.
final class ScriptedGrader: SubmissionGrading {
    private let busy = Mutex<Set<Int>>([])
    private let overlap = Mutex(false)
    private let maximum = Mutex(0)
    private let texts = Mutex<[String]>([])

    /// True when two jobs ran on one slot at once.
    var slotsOverlapped: Bool { overlap.withLock { $0 } }
    /// The most jobs seen running at once.
    var mostAtOnce: Int { maximum.withLock { $0 } }
    /// The submissions graded, sorted.
    var graded: [String] { texts.withLock { $0.sorted() } }

    func grade(_ exercise: GradedExercise, submission: SubmissionText, slot: Int) async -> SubmissionOutcome {
        let clash = busy.withLock { slots in
            let clash = slots.contains(slot)
            slots.insert(slot)
            let count = slots.count
            maximum.withLock { $0 = max($0, count) }
            return clash
        }
        if clash { overlap.withLock { $0 = true } }
        texts.withLock { $0.append(submission.text) }
        defer { _ = busy.withLock { $0.remove(slot) } }
        let words = submission.text.split(separator: "\n").first?.split(separator: " ").map(String.init) ?? []
        switch words.first {
        case "sleep":
            try? await Task.sleep(for: .milliseconds(Int(words[1]) ?? 0))
            return judge(exercise, failing: 0)
        case "hang":
            // Answers far too late, as a grader stuck in a child process would.
            try? await Task.sleep(for: .seconds(6))
            return judge(exercise, failing: 0)
        case "fail":
            return judge(exercise, failing: Int(words[1]) ?? 0)
        case "error":
            return .failure(exercise, reason: words.dropFirst().joined(separator: " "))
        default:
            return judge(exercise, failing: 0)
        }
    }

    private func judge(_ exercise: GradedExercise, failing: Int) -> SubmissionOutcome {
        let checks = exercise.checks.enumerated().map { index, check in
            CheckOutcome(
                name: check.name, status: index < failing ? .failed : .passed, message: index < failing ? "\(check.name) is not so" : "",
                points: index < failing ? 0 : Double(check.points), maxPoints: Double(check.points), hidden: check.hidden)
        }
        let score = checks.reduce(0) { $0 + $1.points }
        return SubmissionOutcome(
            exercise: exercise.id, status: failing > 0 ? .failed : .passed, score: score, maxScore: Double(exercise.points), error: nil, checks: checks)
    }
}
