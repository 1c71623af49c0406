import RESP

/// Tells replies from pushed messages on a connection, where both arrive on one stream: in
/// RESP2 by their content, in RESP3 by the push type.
///
/// While subscribed, `message`/`pmessage`/`smessage` arrays are pushes. A (P|S)(UN)SUBSCRIBE
/// command naming several channels is answered by one confirmation per channel: the first
/// answers the command, the others are delivered as pushes, as the simulator does.
struct ReplyRouter {
    /// The subscription count from the latest confirmation.
    private(set) var subscriptionCount = 0

    enum Route: Equatable {
        /// Answers the oldest command waiting.
        case reply
        /// Goes to the `pushes` stream.
        case push
    }

    static let subscriptionCommands: Set<String> = [
        "subscribe", "unsubscribe", "psubscribe", "punsubscribe", "ssubscribe", "sunsubscribe",
    ]
    static let messageKinds: Set<String> = ["message", "pmessage", "smessage"]

    /// Where `value` goes, given whether the oldest waiting command is a subscription command
    /// still waiting for its first confirmation.
    mutating func route(_ value: RESPValue, headAwaitsConfirmation: Bool) -> Route {
        if value == .simpleString("RESET") {
            subscriptionCount = 0
            return .reply
        }
        if case .push(let items) = value {
            // RESP3 marks out-of-band data itself; only a subscription confirmation can answer
            // the command waiting for it.
            if let kind = items.first?.stringValue?.lowercased(), Self.subscriptionCommands.contains(kind),
                items.count == 3, let count = items[2].integerValue {
                subscriptionCount = Int(count)
                return headAwaitsConfirmation ? .reply : .push
            }
            return .push
        }
        guard case .array(let items) = value, let kind = items.first?.stringValue?.lowercased() else {
            return .reply
        }
        if subscriptionCount > 0, Self.messageKinds.contains(kind), items.count >= 3 { return .push }
        if Self.subscriptionCommands.contains(kind), items.count == 3, let count = items[2].integerValue {
            subscriptionCount = Int(count)
            return headAwaitsConfirmation ? .reply : .push
        }
        return .reply
    }
}
