import RESP

/// Which lines the history file may keep: never one that carries a password.
public enum HistoryPolicy {
    /// False for AUTH, HELLO … AUTH, CONFIG SET of a password setting, MIGRATE … AUTH/AUTH2
    /// and ACL SETUSER, as redis-cli leaves them out of its history.
    public static func mayRemember(_ line: String) -> Bool {
        guard let words = try? CommandLineSplitter.splitText(line) else {
            // A line that cannot be split is kept only when no word of it looks like AUTH.
            return !line.lowercased().contains("auth") && !line.lowercased().contains("requirepass")
        }
        guard !words.isEmpty else { return false }
        return !ClientCommandRole(words).carriesSecret
    }
}
