import RESP

/// CLIENT REPLY ON|OFF|SKIP (Redis's CLIENT_REPLY_OFF, CLIENT_REPLY_SKIP and _SKIP_NEXT): whether
/// a client's commands send their replies. Pub/Sub confirmations are pushes in Redis and still
/// go out; a blocked command's later reply goes out too.
struct ReplyMode {
    private var off = false
    private var skip = false
    private var skipNextCommand = false
    /// The CLIENT REPLY command running now sends nothing (OFF and SKIP add no reply in Redis).
    private var silentCommand = false

    mutating func turnOn() {
        off = false
        skip = false
    }

    mutating func turnOff() {
        off = true
        silentCommand = true
    }

    mutating func skipNext() {
        if !off { skipNextCommand = true }
        silentCommand = true
    }

    /// True when replies are on and no CLIENT REPLY is pending: `filter` would change nothing.
    var passesEverything: Bool { !(off || skip || silentCommand || skipNextCommand) }

    /// The result to send for a command just processed, and the step to the next command's state
    /// (Redis's resetClient): SKIP lasts one command, SKIP_NEXT becomes SKIP.
    mutating func filter(_ result: ExecutionResult, args: [ByteString], honoured: Bool) -> ExecutionResult {
        let silenced = off || skip || silentCommand
        silentCommand = false
        skip = false
        if skipNextCommand {
            skip = true
            skipNextCommand = false
        }
        guard honoured, silenced, !Self.isPush(args) else { return result }
        if case .blocked = result { return result }
        return .replies([])
    }

    private static func isPush(_ args: [ByteString]) -> Bool {
        guard let name = args.first else { return false }
        return ["subscribe", "psubscribe", "ssubscribe", "unsubscribe", "punsubscribe", "sunsubscribe"]
            .contains(CommandTable.lowercased(name))
    }
}
