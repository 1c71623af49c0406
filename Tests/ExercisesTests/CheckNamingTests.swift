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
}
