import Foundation
import RESP

/// The commands a submission may not send: they reach beyond the exercise's keys (FLUSHALL,
/// SELECT), change or stop the server (CONFIG SET, SHUTDOWN, DEBUG), or hold up other clients
/// (CLIENT PAUSE, MONITOR).
enum ExerciseSandbox {
    /// Why `arguments` is refused, or nil when it may run.
    static func refusal(_ arguments: [String]) -> String? {
        guard !arguments.isEmpty, let command = ClientCommandRole(arguments).reachesBeyondOwnKeys else { return nil }
        return "\(command) is not allowed in an exercise"
    }

    /// The first `redis.call('NAME', …)` / `redis.pcall` in a Lua script whose command is
    /// refused, as (line, reason). Only literal names are seen; the scan is a guard for live
    /// Redis, where a script's FLUSHALL would reach beyond the exercise.
    static func refusalInScript(_ script: String) -> (line: Int, reason: String)? {
        guard let pattern = try? NSRegularExpression(pattern: #"redis\.p?call\s*\(\s*(['"])([A-Za-z]+)\1(\s*,\s*(['"])([A-Za-z]+)\4)?"#) else { return nil }
        for (offset, line) in script.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = String(line)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let name = Range(match.range(at: 2), in: text).map({ String(text[$0]) }) else { continue }
                let sub = Range(match.range(at: 5), in: text).map { String(text[$0]) }
                if let reason = refusal([name] + (sub.map { [$0] } ?? [])) { return (offset + 1, reason) }
            }
        }
        return nil
    }
}
