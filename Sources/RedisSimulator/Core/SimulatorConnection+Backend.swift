import RESP

/// What an in-process connection can tell that a socket cannot: whether its client is parked,
/// and its pushes the moment they happen.
extension SimulatorConnection {
    public var isParked: Bool? { simulator.isBlocked(client) }

    /// Nothing must be subscribed yet: the handler is swapped without the simulator's lock.
    public func deliverPushes(to handler: @escaping @Sendable (RESPValue) -> Void) -> Bool {
        client.pushHandler = handler
        return true
    }
}
