/// Where hand-in times come from. File modification times are not trusted by default:
/// copying, cloning or unzipping a class resets them, which would make everyone late.
public enum HandInSource: String, Sendable, Hashable, CaseIterable {
    /// A file's line in `submitted.csv` when there is one, else its git repository's commits.
    case auto
    /// The last commit that touched each file, in student folders that are git repositories.
    case git
    /// Only `submitted.csv`.
    case manifest
    /// File modification times (only when asked: `--lateness-from mtime`).
    case mtime
}
