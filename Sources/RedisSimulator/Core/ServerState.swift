import RESP

/// Everything the simulator holds: databases, clients, configuration and the subsystems' state.
/// Only touched under `Simulator`'s lock.
final class ServerState {
    let clock: SimulatorClock
    let table: CommandTable
    var databases: [Database]
    var clients: [Int64: SimulatorClient] = [:]
    var nextClientID: Int64 = 1
    var config = ServerConfig() {
        didSet {
            limits.publish(config.connectionLimits)
            if config.requirePassword != oldValue.requirePassword { acl.setDefaultPassword(config.requirePassword, table: table) }
            acl.follow(config)
        }
    }
    /// ACL users and the ACL log.
    var acl: ACLRegistry
    /// The connection limits of `config`, for servers to read without the lock.
    let limits = PublishedLimits()
    var stats = ServerStats()
    let startedAt: Int64
    let runID: String

    /// Pub/Sub channels and patterns.
    var pubsub = PubSubRegistry()
    /// WATCHed keys.
    var watches = WatchRegistry()
    /// Clients blocked on keys.
    var blocking = BlockingRegistry()
    /// Client-side caching: who read what, and broadcast prefixes.
    var tracking = TrackingRegistry()
    /// The client whose command is running (Redis's server.current_client), nil between commands.
    /// Unowned: it is set only while a call that holds the client runs, and a counted reference
    /// cost every command three retains and releases.
    unowned(unsafe) var currentClient: SimulatorClient?
    /// The Lua engine, when the program wired one in (RedisScripting).
    var scripting: (any ScriptingEngine)?
    /// The running script, as other clients see it without the lock (BUSY, SCRIPT KILL).
    let scriptMonitor = ScriptMonitor()

    /// The slow log, the latency monitor and the clients in MONITOR mode (Observability/).
    var slowlog = SlowLog()
    var latency = LatencyMonitor()
    var monitors: [SimulatorClient] = []
    /// CLIENT PAUSE, and the commands waiting for it to end.
    var pause: ClientPause?
    var postponed: [(SimulatorClient, [ByteString])] = []
    /// When the clients cron (query buffer resizing) runs next, in Unix ms.
    var nextClientsCron: Int64 = 0
    /// INFO's client_recent_max_output_buffer.
    var outputPeaks = RecentOutputPeaks()

    /// The next time the active expiry sweep should run, in Unix ms.
    var nextExpireSweep: Int64 = 0
    /// The cached dataset size `maxmemory` is checked against.
    var memoryCheck = MemoryCheck()
    /// Saves, loads and changes since the last save.
    var persistence: PersistenceState
    /// Connected replicas and what the commands propagate to them.
    var replication: ReplicationState
    /// The command name `resolve` last found and its spec: a pipeline mostly repeats one
    /// command, and comparing the name costs a tenth of the table's lookup. Unowned: the table
    /// holds its specs for the server's life.
    var lastResolvedName = ByteString("")
    var lastResolvedSpec: Unmanaged<CommandSpec>?

    /// Registers a new client session.
    func connectClient() -> SimulatorClient {
        let client = SimulatorClient(id: nextClientID, now: clock.nowMilliseconds())
        resetUser(of: client)
        nextClientID += 1
        clients[client.id] = client
        stats.connectionsReceived += 1
        return client
    }

    init(clock: SimulatorClock, table: CommandTable) {
        self.clock = clock
        self.table = table
        self.acl = ACLRegistry(table: table)
        self.databases = (0..<16).map { Database(index: $0) }
        self.startedAt = clock.nowMilliseconds()
        self.persistence = PersistenceState(now: startedAt)
        var generator = SystemRandomNumberGenerator()
        self.runID = String((0..<40).map { _ in "0123456789abcdef".randomElement(using: &generator)! })
        self.replication = ReplicationState(id: String((0..<40).map { _ in "0123456789abcdef".randomElement(using: &generator)! }))
    }

    /// Removes an expired key, counting it and firing the `expired` event (Redis's deleteExpiredKeyAndPropagate).
    func deleteExpiredKey(_ key: ByteString, in db: Database) {
        db.entries[key] = nil
        db.setExpireTime(nil, for: key)
        db.forgetKey(key)
        stats.expiredKeys += 1
        propagate([ByteString("DEL"), key], database: db.index)
        if replication.depth == 0 { flushPropagation() }
        touchWatchedKey(key, in: db.index)
        trackingInvalidateKey(key, by: nil)
        notifyKeyspaceEvent(.expired, event: "expired", key: key, db: db.index)
    }

    /// Removes the expired keys whose time has come (the active expiry cycle). The simulator
    /// sweeps completely rather than by sampling, so a moved clock empties DBSIZE at once; each
    /// database's expiry queue makes that cost O(k log n) for k keys due, not a scan of all TTLs.
    /// With a `budget` (nanoseconds) the sweep stops when it is spent and the next one goes on
    /// soon after, as Redis's cycle does (25 ms slow cycles, 1 ms fast ones): a million keys due
    /// at one instant then cost other clients slices, not one long stall.
    func sweepExpiredKeys(now: Int64, budget: Int64? = nil) {
        if pausesExpiry(now: now) {
            nextExpireSweep = now + 100
            return
        }
        let started = ScriptMonitor.monotonicNanoseconds()
        defer { recordExpireCycle(since: started, now: now) }
        let deadline = budget.map { started + $0 }
        for db in databases where db.expiresCount > 0 {
            while true {
                let due = db.popDueKeys(now: now, limit: Self.expirySliceKeys)
                for key in due { deleteExpiredKey(key, in: db) }
                if due.count < Self.expirySliceKeys { break }
                if let deadline, ScriptMonitor.monotonicNanoseconds() >= deadline {
                    nextExpireSweep = now + 2
                    return
                }
            }
        }
        nextExpireSweep = now + 100
    }

    /// How many keys a sweep deletes between looks at the clock.
    static let expirySliceKeys = 64
    /// The budget of the sweep a command runs on its way (Redis's fast cycle).
    static let fastExpiryBudget: Int64 = 1_000_000
    /// The budget of a server's periodic sweep (Redis's slow cycle at hz 10).
    static let slowExpiryBudget: Int64 = 25_000_000
}

/// Counters INFO stats reports.
struct ServerStats {
    var commandsProcessed: Int64 = 0
    var connectionsReceived: Int64 = 0
    var expiredKeys: Int64 = 0
    var keyspaceHits: Int64 = 0
    var keyspaceMisses: Int64 = 0
    var evictedKeys: Int64 = 0
    /// Full resynchronizations served (SYNC, or a PSYNC answered with FULLRESYNC).
    var fullSyncs: Int64 = 0
    /// PSYNCs that named a replication history this server could not continue.
    var partialSyncErrors: Int64 = 0
    /// INFO commandstats and errorstats.
    var commands = CommandStatistics()
}
