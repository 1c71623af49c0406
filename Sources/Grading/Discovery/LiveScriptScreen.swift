import Foundation

/// On a live Redis the grader cannot stop a command that a script sends itself (the simulator
/// can), so before a Lua submission goes to a live server its text is screened: every
/// `redis.call`/`redis.pcall` must name its command as a string literal, that command must be
/// one the sandbox allows, and the ways to reach `redis.call` indirectly are refused.
public enum LiveScriptScreen {
    /// Commands a submission may never send (the exercise sandbox's list).
    static let refusedCommands: Set<String> = [
        "flushall", "flushdb", "shutdown", "debug", "select", "swapdb", "move", "migrate", "replicaof", "slaveof",
        "save", "bgsave", "bgrewriteaof", "monitor", "function", "failover", "sync", "psync", "module", "config",
        "client", "script", "acl", "eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro",
    ]
    /// Ways to build code or reach `redis.call` that the screen could not follow.
    static let indirections = ["loadstring", "rawget", "getfenv", "setfenv", "_G", "load("]

    /// Why `submission` may not run on a live Redis, or nil when it may (always nil for `.redis`
    /// files, whose commands the runner checks one by one).
    public static func refusal(_ submission: SubmissionText) -> String? {
        guard submission.kind == .lua else { return nil }
        let text = submission.text
        for word in indirections where text.contains(word) {
            return "on a live Redis a script may not use `\(word.trimmingCharacters(in: CharacterSet(charactersIn: "(")))` (the grader could not check what it runs)"
        }
        let call = try! NSRegularExpression(pattern: #"redis\s*(\.\s*p?call|\[)"#)
        // The command's name, alone as the first argument: `'FLUSH' .. 'ALL'` is not a literal.
        let literal = try! NSRegularExpression(pattern: #"^\s*\(\s*(['"])([A-Za-z_|]+)\1\s*[,)]"#)
        let whole = NSRange(text.startIndex..., in: text)
        for match in call.matches(in: text, range: whole) {
            let after = text[Range(match.range, in: text)!.upperBound...]
            let rest = String(after.prefix(80))
            guard let name = literal.firstMatch(in: rest, range: NSRange(rest.startIndex..., in: rest)),
                  let nameRange = Range(name.range(at: 2), in: rest)
            else {
                return "on a live Redis every redis.call and redis.pcall must name its command as a quoted string, e.g. redis.call('SET', …)"
            }
            let command = rest[nameRange].lowercased()
            if refusedCommands.contains(command) {
                return "the script calls \(command.uppercased()), which is not allowed in an exercise"
            }
        }
        return nil
    }
}
