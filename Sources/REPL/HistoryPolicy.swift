/// Which lines the history file may keep: never one that carries a password.
public enum HistoryPolicy {
    /// False for AUTH, HELLO … AUTH, CONFIG SET of a password setting, MIGRATE … AUTH/AUTH2
    /// and ACL SETUSER, as redis-cli leaves them out of its history.
    public static func mayRemember(_ line: String) -> Bool {
        guard let words = try? CommandLineSplitter.splitText(line) else {
            // A line that cannot be split is kept only when no word of it looks like AUTH.
            return !line.lowercased().contains("auth") && !line.lowercased().contains("requirepass")
        }
        let lower = words.map { $0.lowercased() }
        guard let command = lower.first else { return false }
        switch command {
        case "auth": return false
        case "hello", "migrate": return !lower.dropFirst().contains { $0 == "auth" || $0 == "auth2" }
        case "config":
            guard lower.count > 1, lower[1] == "set" else { return true }
            let secrets: Set<String> = ["requirepass", "masterauth", "masteruser"]
            return !lower.dropFirst(2).contains { secrets.contains($0) }
        case "acl": return !(lower.count > 1 && lower[1] == "setuser")
        default: return true
        }
    }
}
