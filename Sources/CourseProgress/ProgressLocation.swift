import Foundation

/// Where the learner's record lives. The progress database: `$REDISLINGS_HOME/progress.sqlite`,
/// else `$XDG_DATA_HOME/redislings/progress.sqlite`, else `~/.local/share/redislings/progress.sqlite`.
/// The learner's place and command history (small files the REPL keeps): `$REDISLINGS_HOME`,
/// else `$XDG_STATE_HOME/redislings`, else `~/.local/state/redislings`.
public enum ProgressLocation {
    /// The database file's name.
    public static let fileName = "progress.sqlite"

    /// The database path the environment chooses.
    public static func databasePath(environment: [String: String]) -> String {
        directory(environment: environment) + "/" + fileName
    }

    /// The database's directory the environment chooses.
    public static func directory(environment: [String: String]) -> String {
        chosen(environment: environment, xdgVariable: "XDG_DATA_HOME", homeFallback: ".local/share")
    }

    /// The directory of the learner's place and command history the environment chooses.
    public static func stateDirectory(environment: [String: String]) -> String {
        chosen(environment: environment, xdgVariable: "XDG_STATE_HOME", homeFallback: ".local/state")
    }

    /// `$REDISLINGS_HOME`, else `$<xdgVariable>/redislings` (an absolute path only, as the XDG
    /// base directory specification asks), else `~/<homeFallback>/redislings`.
    private static func chosen(environment: [String: String], xdgVariable: String, homeFallback: String) -> String {
        if let home = environment["REDISLINGS_HOME"], !home.isEmpty { return home }
        if let base = environment[xdgVariable], base.hasPrefix("/") { return base + "/redislings" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/" + homeFallback + "/redislings"
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
