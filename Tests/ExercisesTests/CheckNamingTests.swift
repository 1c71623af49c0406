import Exercises
import Testing

/// A hidden check has one name everywhere: the REPL, `exercise check`, `exercise show` and the
/// grading reports all number it by its place among all the checks.
@Suite struct CheckNamingTests {
    @Test func aHiddenCheckIsNumberedAmongAllTheChecks() {
        let names = CheckNaming.shownNames([("visible", false), ("secret one", true), ("also visible", false), ("secret two", true)])
        #expect(names == ["visible", "hidden check 2", "also visible", "hidden check 4"])
    }

    @Test func resultsAndExercisesAreNamedAlike() {
        let results = [
            CheckResult(name: "a", status: .passed, message: "", points: 1, maxPoints: 1, hidden: false),
            CheckResult(name: "b", status: .failed, message: "", points: 0, maxPoints: 1, hidden: true),
        ]
        #expect(CheckNaming.shownNames(results) == ["a", "hidden check 2"])
    }

    @Test func aStudentSeesAHiddenChecksStatusAndPointsButNotWhatItLooksAt() {
        let result = ExerciseResult(exercise: "x", status: .failed, score: 3, maxScore: 5, checks: [
            CheckResult(name: "counter is 3", status: .passed, message: "`GET counter` replied \"3\"", points: 3, maxPoints: 3, hidden: false),
            CheckResult(name: "no scratch key left", status: .failed, message: "scratch is still there", points: 0, maxPoints: 2, hidden: true),
        ])
        let shown = CheckNaming.shownToStudent(result)
        #expect(shown.checks[0] == result.checks[0])
        #expect(shown.checks[1] == CheckResult(name: "hidden check 2", status: .failed, message: "", points: 0, maxPoints: 2, hidden: true))
        #expect(shown.score == 3 && shown.maxScore == 5 && shown.status == .failed)
    }
}
