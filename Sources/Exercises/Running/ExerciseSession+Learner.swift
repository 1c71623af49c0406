import Foundation
import RESP

extension ExerciseSession {
    /// Runs the lines of a `.redis` file on the learner's connection: blank lines and `#`
    /// comments skipped, each line split as redis-cli splits it, every limit enforced.
    public func runLearner(file text: String) async throws(ExerciseRunError) {
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let split = RESPArgumentSplitter.split(String(line)) else {
                throw ExerciseRunError("line \(lineNumber): unbalanced quotes in `\(Self.shortened(trimmed))`; close every quote")
            }
            _ = try await runLearnerCommand(split.map { String(decoding: $0, as: UTF8.self) }, line: lineNumber)
        }
    }

    /// Runs one learner command under the limits: the sandbox, the command count, the reply cap,
    /// the memory and Lua budgets. A broken limit throws, naming the line.
    public func runLearnerCommand(_ arguments: [String], line: Int) async throws(ExerciseRunError) -> RESPValue {
        if limits.sandbox, let refusal = ExerciseSandbox.refusal(arguments) {
            throw ExerciseRunError("line \(line): \(refusal): it reaches beyond the exercise's own keys; remove it")
        }
        if limits.sandbox, ["eval", "eval_ro"].contains(arguments.first?.lowercased() ?? ""), arguments.count > 1,
           let refusal = ExerciseSandbox.refusalInScript(arguments[1]) {
            throw ExerciseRunError("line \(line): the script calls \(refusal.reason.replacingOccurrences(of: " is not allowed in an exercise", with: "")), which is not allowed in an exercise; remove it")
        }
        let count = state.withLock { state -> Int in
            state.commandsSent += 1
            return state.commandsSent
        }
        guard count <= limits.maxCommands else {
            throw ExerciseRunError("line \(line): more than \(limits.maxCommands) commands, the most one answer may send")
        }
        let reply = try await sendWithinBudget(arguments, on: learner, line: line, what: "your command")
        try checkLimits(reply: reply, line: line, client: learner)
        return reply
    }

    /// Turns a reply that shows a broken limit into an error naming the line and the limit.
    /// Only the learner's lines are named: a check's line is in the exercise's definition,
    /// which the learner never sees (their script's own line is in `learnerError`).
    /// How a script stopped at its time budget is reported (the rehearsal on a live Redis looks for it).
    static let scriptTimeBudgetText = "the script ran past the Lua time budget of"

    func checkLimits(reply: RESPValue, line: Int, client: ExerciseClient) throws(ExerciseRunError) {
        let line = client === learner ? line : 0
        if case .error(let errorLine) = reply {
            let text = errorLine.text
            if text.hasPrefix("ERR Script exceeded the time budget") {
                let budget = limits.luaTimeBudget.map(ExerciseLimits.durationText) ?? "?"
                throw ExerciseRunError("\(Self.place(line))\(Self.scriptTimeBudgetText) \(budget) and was stopped (an endless loop?)")
            }
            if ExerciseLimits.isScriptOutOfMemory(text) {
                let budget = limits.memoryBytes.map { " of \(ExerciseLimits.bytesText($0))" } ?? ""
                throw ExerciseRunError("\(Self.place(line))the script passed the Lua memory budget\(budget) (it allocates without end?) and was stopped")
            }
            if let refusal = ExerciseSandbox.scriptRefusal(in: text) {
                throw ExerciseRunError("\(Self.place(line))the script sent \(refusal): it reaches beyond the exercise's own keys; remove it")
            }
            if text.hasPrefix("OOM "), let memory = limits.memoryBytes, !environment.isLive {
                throw ExerciseRunError("\(Self.place(line))the data passed the memory budget of \(ExerciseLimits.bytesText(memory)): \(text)")
            }
        }
        if let overflow = client.overflowLine {
            // Only the learner's own client counts lines of their file.
            throw ExerciseRunError("\(Self.place(client === learner ? overflow : 0))the replies passed \(ExerciseLimits.bytesText(Int64(limits.maxReplyBytes))), the most kept for one client")
        }
    }

    static func shortened(_ text: String) -> String { text.count > 60 ? String(text.prefix(57)) + "…" : text }
}
