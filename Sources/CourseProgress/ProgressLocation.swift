import Foundation

/// Where the progress database lives: `$REDISLINGS_HOME/progress.sqlite`, else
/// `$XDG_DATA_HOME/redislings/progress.sqlite`, else `~/.local/share/redislings/progress.sqlite`.
public enum ProgressLocation {
    /// The database file's name.
    public static let fileName = "progress.sqlite"

    /// The database path the environment chooses.
    public static func databasePath(environment: [String: String]) -> String {
        directory(environment: environment) + "/" + fileName
    }

    /// The directory the environment chooses.
    public static func directory(environment: [String: String]) -> String {
        if let home = environment["REDISLINGS_HOME"], !home.isEmpty { return home }
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/redislings" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/redislings"
    }

    /// "Now" for the program: `REDISLINGS_NOW` (ISO 8601, for tests) when set, else the clock.
    /// A malformed value is an error naming the variable, never silently ignored.
    public static func now(environment: [String: String]) throws(ProgressStoreError) -> Date {
        guard let text = environment["REDISLINGS_NOW"], !text.isEmpty else { return Date() }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        throw ProgressStoreError(
            path: "REDISLINGS_NOW", problem: "'\(text)' is not an ISO 8601 date and time",
            remedy: "write it like 2026-11-28T09:00:00Z, or unset REDISLINGS_NOW to use the clock")
    }
}
