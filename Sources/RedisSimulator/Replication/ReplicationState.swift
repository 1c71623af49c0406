/// The primary's side of replication: its replication id and offset, the connected replicas,
/// and the commands the running command propagates (Redis's also_propagate).
struct ReplicationState {
    /// One connected replica and the offset it last acknowledged.
    struct Replica {
        let client: SimulatorClient
        /// The port it said it listens on (REPLCONF listening-port), for INFO.
        var listeningPort: Int64 = 0
        var acknowledgedOffset: Int64 = 0
        /// Unix ms of its last REPLCONF ACK (or of its SYNC), for min-replicas-max-lag.
        var acknowledgedAt: Int64 = 0
    }

    /// A command to propagate and the database it ran in.
    struct Operation {
        let args: [ByteString]
        let database: Int
    }

    /// The replication id (INFO's master_replid, PSYNC's FULLRESYNC id); a replica takes its
    /// primary's, and REPLICAOF NO ONE starts a new one.
    var id: String
    /// The id this server had before the last promotion (master_replid2) and the offset from
    /// which it stops being valid (second_repl_offset).
    var previousID = String(repeating: "0", count: 40)
    var previousIDValidUntil: Int64 = -1
    /// The primary this server replicates from (REPLICAOF host port); nil on a primary.
    var primary: PrimaryLink?
    /// The last link generation handed out, so that a new REPLICAOF never reuses one.
    var lastLinkGeneration: Int64 = 0
    /// Bytes of the stream sent so far (master_repl_offset).
    var offset: Int64 = 0
    /// Replicas by client id.
    var replicas: [Int64: Replica] = [:]
    /// Ports announced with REPLCONF listening-port before PSYNC, by client id.
    var announcedPorts: [Int64: Int64] = [:]
    /// The database the stream last SELECTed; -1 forces a SELECT before the next command.
    var streamDatabase = -1
    /// What the commands running now propagate, sent when the outermost one ends.
    var pending: [Operation] = []
    /// How deep the running commands nest (EXEC and scripts call commands).
    var depth = 0
    /// What the running command propagates instead of its own arguments, when it says so.
    var replacement: [[ByteString]]?
    /// Clients blocked in WAIT.
    var waiters: [ReplicaWaiter] = []
    /// When the next PING goes to the replicas (repl-ping-replica-period, 10 s).
    var nextPing: Int64 = 0

    init(id: String) { self.id = id }
}
