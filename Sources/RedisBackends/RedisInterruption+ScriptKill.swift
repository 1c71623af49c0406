import RESP

extension RedisInterruption {
    /// What SCRIPT KILL's reply says happened: OK stopped it, NOTBUSY found nothing, UNKILLABLE
    /// means the script wrote and only SHUTDOWN NOSAVE could stop it.
    init(scriptKillReply reply: RESPValue) {
        switch reply {
        case .simpleString: self = .stopped
        case .error(let text) where text.hasPrefix("UNKILLABLE"):
            self = .unstoppable(
                "the script has already written to the database, so Redis will not kill it; "
                    + "wait for it to end, or stop the server with SHUTDOWN NOSAVE (which loses unsaved data)")
        default: self = .nothingRunning
        }
    }
}
