import RESP

extension Simulator {
    /// SCRIPT KILL from outside any client, at once: the in-process owner of the simulator (a
    /// learner's Ctrl-C) need not wait for `busy-reply-threshold` as a client does. Replies as
    /// SCRIPT KILL does (OK, NOTBUSY or UNKILLABLE); reads only the lock-free script monitor.
    public func killRunningScript() -> RESPValue {
        state.scriptMonitor.kill()
    }
}
