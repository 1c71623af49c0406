extension Simulator {
    /// True while `client` waits in a blocking command (BLPOP, XREAD BLOCK, …): a driver of
    /// several in-process clients uses it to move on instead of waiting for the reply.
    public func isBlocked(_ client: SimulatorClient) -> Bool {
        withLock { _ in client.blocked != nil }
    }

    /// `isBlocked` without waiting: nil while another command or a script holds the simulator,
    /// so an interrupt that raced a script's start can go back and kill it instead of waiting
    /// for it to end.
    public func isBlockedIfFree(_ client: SimulatorClient) -> Bool? {
        mutex.withLockIfAvailable { _ in client.blocked != nil }
    }
}
