#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where redislings keeps the learner's state: `$REDISLINGS_HOME`, else
/// `$XDG_STATE_HOME/redislings`, else `~/.local/state/redislings`.
public struct StateDirectory: Sendable, Equatable {
    /// The directory's path.
    public let path: String

    /// A state directory at `path`.
    public init(path: String) { self.path = path }

    /// The directory chosen by the environment.
    public static func fromEnvironment(_ environment: [String: String]) -> StateDirectory {
        if let home = environment["REDISLINGS_HOME"], !home.isEmpty { return StateDirectory(path: home) }
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return StateDirectory(path: state + "/redislings")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
        return StateDirectory(path: home + "/.local/state/redislings")
    }

    /// The process environment as a dictionary.
    public static func processEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }

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
