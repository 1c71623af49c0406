import RESP

/// Tells replies from pushed messages on a RESP2 connection, where both arrive on one stream.
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
