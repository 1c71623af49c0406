/// The names people see for an exercise's checks: the one rule the REPL, the command line, the
/// exercise page and the grading reports all follow.
public enum CheckNaming {
    /// For each check, in order: its own name, or "hidden check N" where N is its place among
    /// all the checks (1-based), so the number points at the same line of the check list
    /// wherever it is shown.
    public static func shownNames(_ checks: [(name: String, hidden: Bool)]) -> [String] {
        checks.enumerated().map { index, check in check.hidden ? "hidden check \(index + 1)" : check.name }
    }

    /// The names people see for the checks of a result.
    public static func shownNames(_ checks: [CheckResult]) -> [String] {
        shownNames(checks.map { ($0.name, $0.hidden) })
    }

    /// The names people see for the checks of an exercise.
    public static func shownNames(_ checks: [ExerciseCheck]) -> [String] {
        shownNames(checks.map { ($0.name, $0.hidden) })
    }

    /// `result` as a student may read it: each hidden check named "hidden check N" and its
    /// message withheld (it counts, with its status and points, but what it looks at stays
    /// hidden), as the grading feedback shows it.
    public static func shownToStudent(_ result: ExerciseResult) -> ExerciseResult {
        var shown = result
        for (index, name) in shownNames(result.checks).enumerated() where result.checks[index].hidden {
            shown.checks[index].name = name
            shown.checks[index].message = ""
        }
        return shown
    }
}
