/// Error replies that more than one command (or the scripting engine beside the simulator)
/// sends: each text is written once, here, in Redis 7.0's exact words.
extension RedisError {
    /// A `no-multi` command (SHUTDOWN, SAVE, SYNC, …) sent inside MULTI.
    public static let notAllowedInsideTransaction = RedisError("ERR Command not allowed inside a transaction")
    public static let countNotPositive = RedisError("ERR count should be greater than 0")
    /// The COUNT option's refusal (GEOSEARCH, XAUTOCLAIM), worded unlike `countNotPositive`.
    public static let countOptionNotPositive = RedisError("ERR COUNT must be > 0")
    public static let numkeysNotPositive = RedisError("ERR numkeys should be greater than 0")
    public static let moreKeysThanArguments = RedisError("ERR Number of keys can't be greater than number of args")
    public static let negativeKeyCount = RedisError("ERR Number of keys can't be negative")
    public static let negativeLimit = RedisError("ERR LIMIT can't be negative")
    public static let negativeTimeout = RedisError("ERR timeout is negative")
    public static let minOrMaxNotFloat = RedisError("ERR min or max is not a float")
    public static let minOrMaxNotLexItem = RedisError("ERR min or max not valid string range item")
    public static let incrementNotFinite = RedisError("ERR increment would produce NaN or Infinity")
    public static let sameSourceAndDestination = RedisError("ERR source and destination objects are the same")
    public static let undecodableMember = RedisError("ERR could not decode requested zset member")
    public static let badDumpPayload = RedisError("ERR DUMP payload version or checksum are wrong")
    public static let scriptingUnavailable = RedisError("ERR scripting is not available: no Lua engine is installed in this simulator")
    public static let writeScriptFromReadOnlyCall = RedisError("ERR Can not execute a script with write flag using *_ro command.")
    public static let unknownCommandFromScript = RedisError("ERR Unknown Redis command called from script")
    /// What a script's error reply says when the script gave no text of its own.
    public static let unknownError = RedisError("ERR unknown error")

    /// `ERR unknown subcommand or wrong number of arguments for '<sub>'. Try <PARENT> HELP.`
    public static func unknownSubcommandOrArity(_ subcommand: ErrorText, parent: String) -> RedisError {
        RedisError("ERR unknown subcommand or wrong number of arguments for '\(subcommand)'. Try \(parent.uppercased()) HELP.")
    }

    /// The ACL refusal of a command the user may not run (also what a confined live run answers).
    public static func noPermissionToRun(_ command: String) -> RedisError {
        RedisError("NOPERM this user has no permissions to run the '\(command)' command")
    }

    /// CLIENT LIST TYPE and CLIENT KILL TYPE with a type Redis does not know.
    static func unknownClientType(_ type: ByteString) -> RedisError {
        RedisError("ERR Unknown client type '\(type.errorText)'")
    }

    /// `ERR invalid expire time in '<command>' command`, with the command's lowercase name.
    public static func invalidExpireTime(in command: String) -> RedisError {
        RedisError("ERR invalid expire time in '\(command)' command")
    }

    /// NOGROUP for a group that `key`'s stream does not have (XGROUP CREATECONSUMER…, XINFO CONSUMERS).
    public static func noGroup(_ group: ErrorText, forKey key: ErrorText) -> RedisError {
        RedisError("NOGROUP No such consumer group '\(group)' for key name '\(key)'")
    }
}
