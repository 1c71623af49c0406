import RESP

/// One command's INFO commandstats counters.
struct CommandStat {
    let spec: CommandSpec
    var calls: Int64 = 0
    var microseconds: Int64 = 0
    /// Refused before running (arity, NOPERM, OOM, …).
    var rejectedCalls: Int64 = 0
    /// Ran and answered an error.
    var failedCalls: Int64 = 0
}

/// INFO commandstats and errorstats; CONFIG RESETSTAT clears them with the other counters.
struct CommandStatistics {
    /// By the spec's `serial`: an index, not a hash, on every command.
    var byCommand: [CommandStat?] = []
    /// Error replies by their code (the first word: `ERR`, `WRONGTYPE`, …), as bytes: a
    /// script's error code need not be UTF-8, and INFO lists it as sent.
    var errors: [[UInt8]: Int64] = [:]
    var totalErrorReplies: Int64 = 0

    mutating func update(_ spec: CommandSpec, _ change: (inout CommandStat) -> Void) {
        let slot = spec.serial
        if slot >= byCommand.count { byCommand += Array(repeating: nil, count: slot - byCommand.count + 64) }
        if byCommand[slot] == nil { byCommand[slot] = CommandStat(spec: spec) }
        // Changed in place: no copy of the entry on every command.
        change(&byCommand[slot]!)
    }

    /// Counts an error reply sent to a client, under its code as Redis's afterErrorReply does
    /// (the text up to the first space within 32 bytes, else `ERR`).
    mutating func countError(_ message: RESPLine) {
        totalErrorReplies += 1
        let code = message.withBytes { line in
            let head = line.prefix(32)
            return head.firstIndex(of: 32).map { Array(head[..<$0]) } ?? Array("ERR".utf8)
        }
        errors[code, default: 0] += 1
    }

    mutating func countError(_ message: String) { countError(RESPLine(message)) }
}

extension ServerState {
    /// Counts a command refused before it ran (`spec` nil when no command was found).
    func countRejection(_ spec: CommandSpec?, _ message: String) {
        stats.commands.countError(message)
        if let spec { stats.commands.update(spec) { $0.rejectedCalls += 1 } }
    }

    /// Counts a command that ran for `microseconds` and answered `error`, or no error when nil.
    /// `errorCounted`: the error reply was counted in errorstats where it arose (a script
    /// returning what a command inside it answered), so only the command's failed_calls counts it.
    func countCall(_ spec: CommandSpec, microseconds: Int64, error: RESPLine?, errorCounted: Bool = false) {
        let failed = error != nil
        if let error, !errorCounted { stats.commands.countError(error) }
        stats.commands.update(spec) { stat in
            stat.calls += 1
            stat.microseconds += microseconds
            if failed { stat.failedCalls += 1 }
        }
    }

    /// Counts the error a blocked command answers when it is woken with one (UNBLOCKED, a
    /// deleted stream).
    func countDeferredReply(_ spec: CommandSpec, _ reply: RESPValue) {
        guard case .error(let message) = reply else { return }
        stats.commands.countError(message)
        stats.commands.update(spec) { $0.failedCalls += 1 }
    }

    /// The spec a refused command line names, for its rejected_calls: nil for an unknown
    /// command or subcommand, as Redis has no command to count then.
    func specForStatistics(_ args: [ByteString]) -> CommandSpec? {
        table.lookupCommandLine(args)
    }

    /// INFO commandstats lines, by command name as Redis's table order gives them.
    var commandStatsFields: [(String, String)] {
        stats.commands.byCommand.compactMap { $0 }.sorted { $0.spec.name < $1.spec.name }.map { stat in
            let perCall = stat.calls == 0 ? 0 : Double(stat.microseconds) / Double(stat.calls)
            return ("cmdstat_" + stat.spec.name,
                    "calls=\(stat.calls),usec=\(stat.microseconds),usec_per_call=\(RedisNumberFormat.printf("%.2f", perCall)),"
                        + "rejected_calls=\(stat.rejectedCalls),failed_calls=\(stat.failedCalls)")
        }
    }

    /// INFO errorstats lines, in byte order of their error codes as Redis's radix tree keeps them.
    var errorStatsLines: [[UInt8]] {
        stats.commands.errors.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { code, count in
            Array("errorstat_".utf8) + code + Array(":count=\(count)".utf8)
        }
    }
}
