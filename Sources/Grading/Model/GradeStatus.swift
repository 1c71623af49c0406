/// The status of one student's exercise: every check passed, some failed, the submission could
/// not be graded (an error of its own), or there was no submission.
public enum GradeStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case passed, failed, error, missing
}
