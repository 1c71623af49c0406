import Exercises

/// The status of one student's exercise: the exercise runner's own status (every check passed,
/// some failed, the submission could not be graded), or `missing` (nothing was handed in, so
/// nothing ran).
public enum GradeStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case passed, failed, error, missing

    /// The runner's status.
    public init(_ status: ExerciseResult.Status) {
        switch status {
        case .passed: self = .passed
        case .failed: self = .failed
        case .error: self = .error
        }
    }

    /// The runner's status this one stands for: a missing submission counts as failed.
    var runStatus: ExerciseResult.Status {
        switch self {
        case .passed: .passed
        case .failed, .missing: .failed
        case .error: .error
        }
    }
}
