import RESP

/// One client connection's state: its id, name, selected database, transaction and subscriptions.
///
/// Mutated only under the simulator's lock.
public final class SimulatorClient: @unchecked Sendable {
    /// The unique, increasing client id (CLIENT ID).
    public let id: Int64
    /// The selected database index.
    public internal(set) var databaseIndex: Int = 0
    /// CLIENT SETNAME's name, if any.
    public internal(set) var name: ByteString?
    /// The address shown by CLIENT LIST (`addr=`); set by the server for real connections.
    public var address: String = "127.0.0.1:0"
    /// The local address shown by CLIENT LIST (`laddr=`).
    public var localAddress: String = "127.0.0.1:6379"
    /// Unix ms when the client connected.
    let connectedAt: Int64
    /// Unix ms of the client's last command.
    var lastInteraction: Int64
    /// The spec of the last command run, whose name CLIENT LIST shows (`cmd=`). Unowned: specs
    /// live as long as the command table, and a counted reference (or the name, a String) cost
    /// every command a retain and a release.
    unowned(unsafe) var lastCommandSpec: CommandSpec?
    /// The last command run (CLIENT LIST `cmd=`).
    var lastCommand: String { lastCommandSpec?.name ?? "NULL" }
    /// True once QUIT was received or the client was closed.
    public internal(set) var isClosed = false
    /// True when the connection asked to close after its reply (QUIT).
    public internal(set) var closeAfterReply = false
    /// True once the client's SHUTDOWN was accepted: whoever serves the simulator stops (Redis
    /// exits without a reply); the client closes, so nothing it sent later runs.
    public internal(set) var requestsShutdown = false
    /// The protocol HELLO chose (2 or 3): replies are adapted to it as they leave the server.
    public internal(set) var protocolVersion = 2
    /// True after a successful AUTH, or when no password is required.
    public var isAuthenticated = true
    /// The ACL user the client runs as; nil (a script engine's own client) runs anything.
    var user: ACLUser?
    /// True for the client a script engine runs `redis.call` with: blocking commands answer at
    /// once instead of blocking, as in Redis.
    public var isScriptClient = false

    /// Called, under the lock, with each message Redis pushes to this client: `message`,
    /// `pmessage` and `smessage` arrays, and (through `Simulator.send`) the confirmations after
    /// the first of a multi-reply command. It must not call back into the simulator.
    public var pushHandler: (@Sendable (RESPValue) -> Void)?
    /// Takes the place of `pushHandler` for a transport that writes bytes: called, under the
    /// lock, with each pushed message's wire form in the client's protocol. A published
    /// message's bytes are encoded once and shared by every subscriber of that protocol.
    /// It must not call back into the simulator.
    public var wirePushHandler: (@Sendable ([UInt8]) -> Void)?
    /// Called, under the lock, with the reply of a blocked command once it is served or times out.
    public var deferredReplyHandler: (@Sendable (RESPValue) -> Void)?

    /// Called, under the lock, when the server closes this client (CLIENT KILL); the transport
    /// drops the connection. It must not call back into the simulator.
    public var closeHandler: (@Sendable () -> Void)?

    /// True for network connections (serve), where CLIENT REPLY OFF and SKIP silence replies;
    /// an in-process session always gets its reply, as a request/response API needs one.
    public var honoursReplyMode = false
    /// Unsent reply bytes, as the server measures them (CLIENT LIST `omem`, output buffer limits).
    public let outputBuffer = OutputBufferGauge()
    /// The query buffer's modelled size (CLIENT LIST qbuf, qbuf-free).
    var queryBuffer = QueryBufferModel()
    /// CLIENT NO-EVICT ON: the client is exempt from client eviction (flag `e` in CLIENT LIST).
    var noEvict = false
    /// CLIENT REPLY's state (Redis's CLIENT_REPLY_OFF, _SKIP and _SKIP_NEXT flags).
    var replyMode = ReplyMode()

    /// Per-client state of the messaging, transaction and scripting subsystems.
    var transaction = TransactionState()
    var subscriptions = SubscriptionState()
    var blocked: BlockedState?
    var tracking = ClientTrackingState()
    /// For a script's client: the client that ran the script and its command line, whose
    /// declared keys a tracking caller remembers when the script reads (Redis's script_caller).
    var scriptCaller: (client: SimulatorClient, line: [ByteString])?
    /// Replies a command adds after its return value (SUBSCRIBE a b: one confirmation per
    /// channel); dispatch turns them into `ExecutionResult.replies`.
    var extraReplies: [RESPValue] = []
    /// Set by a command that sends no reply at all (REPLCONF ACK); dispatch clears it.
    var withholdsReply = false
    /// Set by a script whose error reply carries an error a command inside it already counted
    /// in INFO errorstats (Redis's ignore_error_stats_update); dispatch clears it.
    var replyErrorCounted = false
    /// The RDB snapshot SYNC or PSYNC took, for dispatch to send after the reply.
    var pendingSnapshot: [UInt8]?

    /// Sends a pushed message to the client's connection, in the client's protocol.
    func push(_ message: RESPValue) {
        if let wirePushHandler {
            wirePushHandler(RESPEncoder.encode(message.adapted(toProtocol: protocolVersion)))
        } else {
            pushHandler?(message.adapted(toProtocol: protocolVersion))
        }
    }

    /// Sends a message that other clients receive too, reusing its adaptation and encoding.
    func push(_ message: inout SharedPush) {
        if let wirePushHandler {
            wirePushHandler(message.wire(forProtocol: protocolVersion))
        } else if let pushHandler {
            pushHandler(message.value(forProtocol: protocolVersion))
        }
    }

    /// Hands a blocked command's reply to the connection, in the client's protocol.
    func answerDeferred(_ reply: RESPValue) {
        deferredReplyHandler?(reply.adapted(toProtocol: protocolVersion))
    }

    init(id: Int64, now: Int64) {
        self.id = id
        self.connectedAt = now
        self.lastInteraction = now
    }
}
