extension Simulator {
    /// True while `client` waits in a blocking command (BLPOP, XREAD BLOCK, …): a driver of
    /// several in-process clients uses it to move on instead of waiting for the reply.
    public func isBlocked(_ client: SimulatorClient) -> Bool {
        withLock { _ in client.blocked != nil }
    }
}
