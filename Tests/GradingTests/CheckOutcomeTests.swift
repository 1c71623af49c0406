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
