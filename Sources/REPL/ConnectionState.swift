import RESP

/// What the prompt shows about the learner's connection, followed from the commands sent and
/// the replies received, as redis-cli follows it: the selected database, MULTI, subscriptions.
public struct ConnectionState: Sendable, Equatable {
    /// The selected database.
    public var database = 0
    /// True between MULTI and EXEC/DISCARD.
    public var inTransaction = false
    /// Channels plus patterns subscribed to, as the last (un)subscribe confirmation counted.
    public var subscriptions = 0
    private var databaseBeforeMulti = 0

    /// A connection in its initial state, in `database`.
    public init(database: Int = 0) {
        self.database = database
        databaseBeforeMulti = database
    }

    /// True while subscribed (to a channel or a pattern).
    public var isSubscribed: Bool { subscriptions > 0 }

    /// The prompt: `simulator> `, `simulator[2](TX)> `, `127.0.0.1:6379(subscribed)> `.
    public func prompt(label: String) -> String {
        label + (database != 0 ? "[\(database)]" : "") + (inTransaction ? "(TX)" : "")
            + (isSubscribed ? "(subscribed)" : "") + "> "
    }

    /// Follows the effect of `arguments` answered by `reply`.
    public mutating func observe(command arguments: [[UInt8]], reply: RESPValue) {
        guard !arguments.isEmpty else { return }
        let role = ClientCommandRole(bytes: arguments)
        if let index = role.selectedDatabase, !reply.isError {
            database = index
        } else if role.opensTransaction, !reply.isError {
            inTransaction = true
            databaseBeforeMulti = database
        } else if role.discardsTransaction {
            if inTransaction { database = databaseBeforeMulti }
            inTransaction = false
        } else if role.executesTransaction {
            if inTransaction, reply.isError || reply.isNull { database = databaseBeforeMulti }
            inTransaction = false
        } else if role.resetsConnection, !reply.isError {
            // RESET selects database 0 whatever the connection started in.
            self = ConnectionState()
        }
        observe(message: reply)
    }

    /// Follows a (un)subscribe confirmation, whether it came as a reply or was pushed (an array
    /// in RESP2, a push in RESP3).
    public mutating func observe(message: RESPValue) {
        guard case .array(let items) = message.adapted(toProtocol: 2), items.count == 3,
              let kind = items[0].stringValue?.lowercased(), case .integer(let count) = items[2] else { return }
        if ["subscribe", "psubscribe", "unsubscribe", "punsubscribe"].contains(kind) {
            subscriptions = Int(count)
        }
    }
}
