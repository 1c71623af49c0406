/// The replica's side of replication: the primary REPLICAOF named, how far the link to it got
/// (Redis's repl_state), and the offsets of the stream read from it.
struct PrimaryLink {
    /// Redis's repl_state, as ROLE names it.
    enum Phase: String {
        /// Waiting for the next attempt to connect (once a second, as Redis's replicationCron).
        case connect
        /// A TCP connection is being opened.
        case connecting
        /// PING, REPLCONF and PSYNC are being exchanged.
        case handshake
        /// The RDB snapshot is arriving (ROLE's `sync`).
        case sync
        /// The snapshot is loaded and the command stream flows.
        case connected
    }

    let host: String
    let port: Int64
    var phase = Phase.connect
    /// Increases with every REPLICAOF and every dropped link: a connection of an earlier
    /// generation finds it stale and closes instead of touching the dataset.
    var generation: Int64
    /// The client the primary's commands run as (Redis's server.master): it may write on a
    /// read-only replica and gets no replies.
    var primaryClient: SimulatorClient?
    /// Bytes of the stream applied (slave_repl_offset) and read (slave_read_repl_offset),
    /// kept after the link drops as Redis keeps its cached master's; nil before any sync.
    var appliedOffset: Int64?
    var readOffset: Int64?
    /// Unix ms the link last dropped (master_link_down_since_seconds), nil if it never was up.
    var downSince: Int64?
    /// Unix ms of the last byte read from the primary (master_last_io_seconds_ago).
    var lastIO: Int64 = 0
    /// Unix ms before which no new connection is tried.
    var nextAttempt: Int64 = 0
    /// The snapshot's size while it arrives, when the primary announced it (`$<size>`), and
    /// how much of it has been read (INFO's master_sync_* fields).
    var transferSize: Int64 = -1
    var transferRead: Int64 = 0
}

/// Where a server should open a replication link, handed out by `Simulator.replicaLinkToOpen`.
public struct ReplicaLinkTarget: Sendable, Equatable {
    public let host: String
    public let port: Int
    /// The link's generation, passed back with every report about it.
    public let generation: Int64
    /// The port this server listens on, announced with REPLCONF listening-port.
    public let listeningPort: Int
    /// repl-timeout in seconds: how long the link may stay silent before it is dropped.
    public let timeoutSeconds: Int64
    /// The AUTH command the handshake sends after PING (from masteruser and masterauth), or
    /// nil when masterauth is empty.
    public let authentication: [String]?
}
