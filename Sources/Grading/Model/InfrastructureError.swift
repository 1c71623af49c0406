/// A submission that could not be graded for a reason that is not its student's (a grading
/// worker that would not start, a shared server another run disturbed): the text says so first,
/// and the same words travel from a worker process into the reports and back.
public enum InfrastructureError {
    /// How every such error begins.
    public static let prefix = "infrastructure error, not the student's: "

    /// The error text for `what` went wrong, telling the instructor how to grade `exercise` again.
    public static func text(_ what: String, exercise: String) -> String {
        prefix + what + "; grade this exercise again (--only \(exercise))"
    }

    /// Whether `error` is one of these.
    public static func describes(_ error: String?) -> Bool {
        error?.hasPrefix(prefix) ?? false
    }
}

extension ClassResults {
    /// The cells that could not be graded for a reason that is not their student's.
    public var infrastructureErrors: [(student: String, grade: ExerciseGrade)] {
        students.flatMap { student in
            student.exercises.filter { $0.status == .error && InfrastructureError.describes($0.error) }.map { (student.student, $0) }
        }
    }
}
