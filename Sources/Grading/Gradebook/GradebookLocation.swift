import Foundation

/// Where the gradebook lives: in the learner's progress database, `progress.sqlite`, in
/// `$REDISLINGS_HOME`, else `$XDG_DATA_HOME/redislings/`, else `~/.local/share/redislings/`.
public enum GradebookLocation {
    /// The database file for `environment`.
    public static func databaseURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let home = environment["REDISLINGS_HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home).appendingPathComponent("progress.sqlite")
        }
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty {
            return URL(fileURLWithPath: data).appendingPathComponent("redislings/progress.sqlite")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/redislings/progress.sqlite")
    }
}
