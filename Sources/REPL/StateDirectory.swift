#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The directory of the learner's state file and history; where it is, the executable asks
/// `ProgressLocation.stateDirectory`, the one place that reads the environment for it.
public struct StateDirectory: Sendable, Equatable {
    /// The directory's path.
    public let path: String

    /// A state directory at `path`.
    public init(path: String) { self.path = path }

    /// The progress file (`state`).
    public var stateFile: String { path + "/state" }
    /// The REPL's history file (`history`).
    public var historyFile: String { path + "/history" }

    /// Creates the directory and its parents (mode 0700) when missing.
    public func create() throws(StateFileError) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o700) != 0 && errno != EEXIST {
                throw StateFileError(path: current, line: nil,
                    problem: "cannot create this directory (\(String(cString: strerror(errno))))",
                    remedy: "Set REDISLINGS_HOME to a directory you can write")
            }
        }
    }
}
