/// Why the progress database cannot be used: always names the file and what to do.
public struct ProgressStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database file.
    public let path: String
    /// What is wrong with it.
    public let problem: String
    /// What the learner can do about it.
    public let remedy: String

    /// An error about the database at `path`.
    public init(path: String, problem: String, remedy: String) {
        self.path = path
        self.problem = problem
        self.remedy = remedy
    }

    public var description: String { "\(path): \(problem)" }

    static func damaged(_ path: String, detail: String) -> ProgressStoreError {
        ProgressStoreError(
            path: path, problem: "this is not a readable progress database (\(detail))",
            remedy: "redislings will not overwrite it: move it aside (mv \(path) \(path).damaged) to start a new record, or restore a backup")
    }

    static func newer(_ path: String, unknown: [String]) -> ProgressStoreError {
        ProgressStoreError(
            path: path,
            problem: "this progress database was written by a newer redislings (unknown schema steps: \(unknown.joined(separator: ", ")))",
            remedy: "update redislings to the version that wrote it; this one will not change the file")
    }

    static func unusable(_ path: String, detail: String) -> ProgressStoreError {
        ProgressStoreError(
            path: path, problem: "cannot open or write the progress database (\(detail))",
            remedy: "check the directory's permissions, or set REDISLINGS_HOME to a directory you can write")
    }
}
