import LessonKit

/// What to tell a learner whose command Redis did not know: a redis-cli prompt pasted with
/// the command, or the known command closest to what they typed.
public enum UnknownCommandAdvice {
    /// Advice for Redis's reply `error` to `command`, or nil when it is not "unknown command"
    /// or nothing useful can be said. `known` holds the server's command names.
    public static func advice(command: [String], error: String, known: some Sequence<String>) -> String? {
        guard isUnknownCommand(error), let name = command.first else { return nil }
        if looksLikePrompt(name) {
            let rest = command.dropFirst().joined(separator: " ")
            return "this looks like a pasted redis-cli prompt: type only what follows `\(name)`\(rest.isEmpty ? "" : ", `\(rest)`")"
        }
        let wanted = name.lowercased()
        var best: (name: String, distance: Int)?
        for candidate in known {
            let distance = editDistance(wanted, candidate.lowercased())
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best, best.distance > 0, best.distance <= max(1, min(2, wanted.count / 3)) else { return nil }
        return "did you mean \(best.name.uppercased())?"
    }

    /// Whether `error` is Redis's reply to a command name it does not know.
    public static func isUnknownCommand(_ error: String) -> Bool {
        error.hasPrefix("ERR unknown command '")
    }

    /// True for `127.0.0.1:6379>`, `localhost:6380[2]>`, `redis>` and the like.
    static func looksLikePrompt(_ word: String) -> Bool {
        guard word.hasSuffix(">"), word.count > 1 else { return false }
        let body = word.dropLast()
        return body.contains(":") || body.lowercased().hasPrefix("redis") || body.lowercased().hasPrefix("simulator")
    }
}
