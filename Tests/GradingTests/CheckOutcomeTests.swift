import Exercises
import Foundation
import Testing
@testable import Grading

/// Grading reads the exercise runner's result model instead of copying it: a check's verdict is
/// the runner's `CheckResult`, and only the counted points are grading's own.
@Suite struct CheckOutcomeTests {
    private let hidden = CheckResult(
        name: "no scratch keys", status: .failed, message: "scratch is left (the exercise's step at line 12)", points: 0,
        maxPoints: 2, hidden: true)
    private let visible = CheckResult(name: "counter is 3", status: .passed, message: "", points: 4, maxPoints: 4, hidden: false)

    @Test func aSubmissionsChecksAreTheRunnersResults() {
        let result = ExerciseResult(exercise: "counter", status: .failed, score: 4, maxScore: 6, checks: [visible, hidden])
        let outcome = SubmissionOutcome(result)
        #expect(outcome.checks.map(\.verdict) == [visible, CheckResult(
            name: "no scratch keys", status: .failed, message: "scratch is left", points: 0, maxPoints: 2, hidden: true)])
        #expect(outcome.checks.map(\.points) == [4, 0])
        #expect(outcome.checks[1].status == .failed && outcome.checks[1].hidden)
        // The one naming rule: hidden checks are numbered among all checks, as the runner's screens do.
        #expect(ReportText.studentNames(of: outcome.checks) == CheckNaming.shownNames([visible, hidden]))
        #expect(ReportText.studentNames(of: outcome.checks) == ["counter is 3", "hidden check 2"])
    }

    /// The submission's outcome is the runner's result itself (status, the stopping error, the
    /// student's own first error, the checks), with only the counted points and the course line
    /// grading's own.
    @Test func aSubmissionsOutcomeIsTheRunnersResult() {
        let mistake = LearnerError(line: 2, command: "SUBSCRIB news", reply: "ERR unknown command 'SUBSCRIB'")
        let result = ExerciseResult(
            exercise: "counter", status: .error, score: 4, maxScore: 6,
            error: "the time limit was spent (the exercise's step at line 9)", learnerError: mistake, checks: [visible, hidden])
        let outcome = SubmissionOutcome(result)
        #expect(outcome.verdict.exercise == "counter" && outcome.verdict.status == .error && outcome.status == .error)
        #expect(outcome.verdict.learnerError == mistake)
        #expect(outcome.verdict.error == "the time limit was spent" && outcome.error == "the time limit was spent")
        #expect(outcome.exerciseLine == 9)
        #expect(outcome.verdict.checks.map(\.name) == result.checks.map(\.name))
        // Counting scales the points and zeroes an ungradable answer; the verdict stays the runner's.
        let counted = outcome.counted(scale: 0.5)
        #expect(counted.score == 0 && counted.maxScore == 3)
        #expect(counted.checks.map(\.points) == [0, 0] && counted.checks.map(\.maxPoints) == [2, 1])
        #expect(counted.verdict == outcome.verdict)
        // Only grading knows that nothing was handed in.
        let exercise = GradedExercise(
            id: "counter", title: "Count", answerKind: .redis, points: 6,
            checks: [.init(name: "counter is 3", points: 4, hidden: false), .init(name: "no scratch keys", points: 2, hidden: true)],
            hints: [])
        let missing = SubmissionOutcome.failure(exercise, status: .missing, reason: "no submission (counter.redis)")
        #expect(missing.status == .missing && missing.isMissing && missing.verdict.status == .failed)
        #expect(missing.checks.map(\.status) == [.failed, .failed] && missing.error == "no submission (counter.redis)")
    }

    /// A result written to the grading queue by a worker reads back as the same outcome: the
    /// course line and the student's own error included, which the queue once dropped.
    @Test func aQueuedResultReadsBackWhole() throws {
        let mistake = LearnerError(line: 3, command: "INCR counter", reply: "WRONGTYPE Operation against a key holding the wrong kind of value")
        let result = ExerciseResult(
            exercise: "counter", status: .error, score: 4, maxScore: 6,
            error: "a step's reply was cut short (the exercise's step at line 12)", learnerError: mistake, checks: [visible, hidden])
        let outcome = SubmissionOutcome(result)
        let stored = QueuedResult(outcome, worker: "w2", deliveries: 3).encoded()
        let read = try #require(QueuedResult.decode(stored))
        #expect(read.outcome == outcome)
        #expect(read.worker == "w2" && read.deliveries == 3)
        #expect(read.outcome.checks.map(\.message) == ["", "scratch is left"])
        #expect(read.outcome.exerciseLine == 12)
        // The shape the queue's readers see: flat, the points counted, the errors apart.
        #expect(stored.contains(#""exercise_line":12"#) && stored.contains(#""learner_error":{"#))
        #expect(stored.contains(#""max_score":6"#) && stored.contains(#""error":"a step's reply was cut short","#))
    }

    @Test func countedPointsKeepTheReportsFlatShape() throws {
        var check = CheckOutcome(visible)
        check.points = 2.67
        check.maxPoints = 2.67
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(check), as: UTF8.self)
        #expect(json == #"{"hidden":false,"max_points":2.67,"message":"","name":"counter is 3","points":2.67,"status":"passed"}"#)
        let decoded = try JSONDecoder().decode(CheckOutcome.self, from: Data(json.utf8))
        #expect(decoded.points == 2.67 && decoded.maxPoints == 2.67)
        #expect(decoded.name == "counter is 3" && decoded.status == .passed && !decoded.hidden)
        #expect(decoded.verdict.points == 3)
    }
}
