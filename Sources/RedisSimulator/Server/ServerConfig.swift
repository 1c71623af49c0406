/// The CONFIG parameters the simulator knows, with Redis 7.0's defaults and its validation.
struct ServerConfig {
    /// Current values by canonical name.
    var values: [String: String] {
        didSet {
            keyspaceEvents = Self.parseKeyspaceEvents(values)
            maxmemory = Self.parseMaxmemory(values)
            usesLFU = values["maxmemory-policy"]?.hasSuffix("lfu") ?? false
            encodingLimits = Self.parseEncodingLimits(values)
            commandTiming = CommandTiming(values)
        }
    }

    /// The listpack and intset thresholds, decided once per change: every collection write asks.
    private(set) var encodingLimits = EncodingLimits()

    /// True under an LFU `maxmemory-policy`, decided once per change: every key read asks.
    private(set) var usesLFU = false

    /// `notify-keyspace-events`, parsed once per change: every write asks for it, and most
    /// servers have it empty.
    private(set) var keyspaceEvents: KeyspaceEventFlags?

    init() {
        var values: [String: String] = [:]
        for parameter in ConfigParameter.all { values[parameter.name] = parameter.defaultValue }
        self.values = values
        keyspaceEvents = Self.parseKeyspaceEvents(values)
        maxmemory = Self.parseMaxmemory(values)
        encodingLimits = Self.parseEncodingLimits(values)
        commandTiming = CommandTiming(values)
    }

    private static func parseEncodingLimits(_ values: [String: String]) -> EncodingLimits {
        func number(_ name: String) -> Int { Int(clamping: values[name].flatMap { Int64($0) } ?? 0) }
        var limits = EncodingLimits()
        limits.hash = ListpackLimits(entries: number("hash-max-listpack-entries"), value: number("hash-max-listpack-value"))
        limits.sortedSet = ListpackLimits(entries: number("zset-max-listpack-entries"), value: number("zset-max-listpack-value"))
        limits.intsetEntries = number("set-max-intset-entries")
        limits.streamNodeEntries = number("stream-node-max-entries")
        return limits
    }

    /// What every command's run time is held against, parsed once per change rather than on
    /// every command.
    struct CommandTiming {
        /// `latency-monitor-threshold` (ms; 0: off).
        var latencyMonitorThreshold: Int64 = 0
        /// `latency-tracking`: whether per-command latency histograms are kept.
        var latencyTracking = true
        /// `slowlog-log-slower-than` (µs; negative: off).
        var slowlogSlowerThan: Int64 = 10_000
        /// `min-replicas-to-write` and `min-replicas-max-lag`, which every write checks.
        var minReplicasToWrite: Int64 = 0
        var minReplicasMaxLag: Int64 = 10

        init() {}

        init(_ values: [String: String]) {
            latencyMonitorThreshold = values["latency-monitor-threshold"].flatMap { Int64($0) } ?? 0
            latencyTracking = values["latency-tracking"] != "no"
            slowlogSlowerThan = values["slowlog-log-slower-than"].flatMap { Int64($0) } ?? 0
            minReplicasToWrite = values["min-replicas-to-write"].flatMap { Int64($0) } ?? 0
            minReplicasMaxLag = values["min-replicas-max-lag"].flatMap { Int64($0) } ?? 0
        }
    }

    /// The timing settings every command reads.
    private(set) var commandTiming = CommandTiming()

    private static func parseKeyspaceEvents(_ values: [String: String]) -> KeyspaceEventFlags? {
        guard let text = values["notify-keyspace-events"], !text.isEmpty else { return nil }
        return KeyspaceEventFlags(parsing: text)
    }

    /// The eviction policy (`maxmemory-policy`).
    var maxmemoryPolicy: String { values["maxmemory-policy"] ?? "noeviction" }

    /// The password every client must AUTH with (`requirepass`), or nil when none is set.
    var requirePassword: String? {
        guard let value = values["requirepass"], !value.isEmpty else { return nil }
        return value
    }

    /// `proto-max-bulk-len`: the longest string a command may build (APPEND, SETRANGE).
    var protoMaxBulkLength: Int64 { values["proto-max-bulk-len"].flatMap { Int64($0) } ?? 536_870_912 }

    /// The `maxmemory` limit in bytes (0: none), parsed once per change: every command that
    /// may grow the dataset asks for it.
    private(set) var maxmemory: Int64 = 0

    private static func parseMaxmemory(_ values: [String: String]) -> Int64 {
        Int64(values["maxmemory"] ?? "0") ?? 0
    }
}

/// One CONFIG parameter: its name, aliases, default and how values are checked.
struct ConfigParameter: Sendable {
    enum Kind: Sendable {
        case integer(min: Int64, max: Int64)
        case memory
        /// A memory value Redis bounds (its createLongLongConfig/createSizeTConfig with MEMORY_CONFIG).
        case memoryBetween(min: Int64, max: Int64)
        /// `client-output-buffer-limit`: groups of `class hard soft seconds`, merged into the current value.
        case clientOutputBufferLimit
        case boolean
        case choice([String])
        case text
        case keyspaceEvents
        case immutable
        /// Refused by CONFIG SET unless `enable-protected-configs` (Redis 7.0's PROTECTED_CONFIG).
        case protected
    }

    let name: String
    let aliases: [String]
    let defaultValue: String
    let kind: Kind

    init(_ name: String, _ defaultValue: String, _ kind: Kind, aliases: [String] = []) {
        self.name = name
        self.defaultValue = defaultValue
        self.kind = kind
        self.aliases = aliases
    }

    static let intMax: Int64 = 2_147_483_647
    static let policies = ["volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl", "allkeys-lru",
                           "allkeys-lfu", "allkeys-random", "noeviction"]

    /// The parameters, as Redis 7.0 names them.
    static let all: [ConfigParameter] = [
        ConfigParameter("maxmemory", "0", .memory),
        ConfigParameter("maxmemory-policy", "noeviction", .choice(policies)),
        ConfigParameter("maxmemory-samples", "5", .integer(min: 1, max: 64)),
        ConfigParameter("maxmemory-clients", "0", .memory),
        ConfigParameter("maxmemory-eviction-tenacity", "10", .integer(min: 0, max: 100)),
        ConfigParameter("notify-keyspace-events", "", .keyspaceEvents),
        ConfigParameter("requirepass", "", .text),
        ConfigParameter("acllog-max-len", "128", .integer(min: 0, max: Int64.max)),
        ConfigParameter("acl-pubsub-default", "resetchannels", .choice(["allchannels", "resetchannels"])),
        ConfigParameter("timeout", "0", .integer(min: 0, max: intMax)),
        ConfigParameter("tcp-keepalive", "300", .integer(min: 0, max: intMax)),
        ConfigParameter("hz", "10", .integer(min: 0, max: intMax)),
        ConfigParameter("databases", "16", .immutable),
        ConfigParameter("enable-debug-command", "no", .immutable),
        ConfigParameter("enable-module-command", "no", .immutable),
        ConfigParameter("save", "3600 1 300 100 60 10000", .text),
        ConfigParameter("appendonly", "no", .boolean),
        ConfigParameter("appendfsync", "everysec", .choice(["always", "everysec", "no"])),
        ConfigParameter("dbfilename", "dump.rdb", .protected),
        ConfigParameter("dir", "/var/lib/redis", .protected),
        ConfigParameter("min-replicas-to-write", "0", .integer(min: 0, max: intMax), aliases: ["min-slaves-to-write"]),
        ConfigParameter("min-replicas-max-lag", "10", .integer(min: 0, max: intMax), aliases: ["min-slaves-max-lag"]),
        ConfigParameter("repl-ping-replica-period", "10", .integer(min: 1, max: intMax), aliases: ["repl-ping-slave-period"]),
        ConfigParameter("loglevel", "notice", .choice(["debug", "verbose", "notice", "warning", "nothing"])),
        ConfigParameter("tracking-table-max-keys", "1000000", .integer(min: 0, max: Int64.max)),
        ConfigParameter("busy-reply-threshold", "5000", .integer(min: 0, max: Int64.max), aliases: ["lua-time-limit"]),
        ConfigParameter("slowlog-log-slower-than", "10000", .integer(min: -1, max: Int64.max)),
        ConfigParameter("slowlog-max-len", "128", .integer(min: 0, max: Int64(UInt32.max))),
        ConfigParameter("latency-monitor-threshold", "0", .integer(min: 0, max: Int64.max)),
        ConfigParameter("latency-tracking", "yes", .boolean),
        ConfigParameter("maxclients", "10000", .integer(min: 1, max: Int64(UInt32.max))),
        ConfigParameter("list-max-listpack-size", "-2", .integer(min: Int64(Int32.min), max: Int64(Int32.max)), aliases: ["list-max-ziplist-size"]),
        ConfigParameter("hash-max-listpack-entries", "512", .integer(min: 0, max: Int64.max), aliases: ["hash-max-ziplist-entries"]),
        ConfigParameter("hash-max-listpack-value", "64", .integer(min: 0, max: Int64.max), aliases: ["hash-max-ziplist-value"]),
        ConfigParameter("set-max-intset-entries", "512", .integer(min: 0, max: Int64.max)),
        ConfigParameter("zset-max-listpack-entries", "128", .integer(min: 0, max: Int64.max), aliases: ["zset-max-ziplist-entries"]),
        ConfigParameter("zset-max-listpack-value", "64", .integer(min: 0, max: Int64.max), aliases: ["zset-max-ziplist-value"]),
        ConfigParameter("stream-node-max-entries", "100", .integer(min: 0, max: Int64.max)),
        ConfigParameter("stream-node-max-bytes", "4096", .memory),
        ConfigParameter("proto-max-bulk-len", "536870912", .memoryBetween(min: 1024 * 1024, max: Int64.max)),
        ConfigParameter("client-query-buffer-limit", "1073741824", .memoryBetween(min: 1024 * 1024, max: Int64.max)),
        ConfigParameter("client-output-buffer-limit", OutputBufferLimitClasses.defaultText, .clientOutputBufferLimit),
        ConfigParameter("hll-sparse-max-bytes", "3000", .memory),
        ConfigParameter("lazyfree-lazy-user-del", "no", .boolean),
        ConfigParameter("lazyfree-lazy-user-flush", "no", .boolean),
        ConfigParameter("lazyfree-lazy-expire", "no", .boolean),
        ConfigParameter("lazyfree-lazy-eviction", "no", .boolean),
        ConfigParameter("lazyfree-lazy-server-del", "no", .boolean),
        ConfigParameter("active-expire-effort", "1", .integer(min: 1, max: 10)),
        ConfigParameter("protected-mode", "yes", .boolean),
        ConfigParameter("port", "6379", .integer(min: 0, max: 65535)),
        ConfigParameter("bind", "* -::*", .text),
    ] + coreSurfaceParameters + replicaParameters

    /// The parameter called `name` (or one of its aliases), case-insensitively.
    static func named(_ name: String) -> ConfigParameter? {
        let lower = name.lowercased()
        return byName[lower]
    }

    private static let byName: [String: ConfigParameter] = {
        var table: [String: ConfigParameter] = [:]
        for parameter in all {
            table[parameter.name] = parameter
            for alias in parameter.aliases { table[alias] = parameter }
        }
        return table
    }()

    /// The value to store for `text` (replacing `current`), or the reason Redis gives for refusing it.
    func normalize(_ text: String, replacing current: String? = nil) -> Result<String, ConfigRefusal> {
        switch kind {
        case .memoryBetween(let min, let max):
            guard let value = ConfigParameter.memoryValue(text) else { return .failure(ConfigRefusal("argument must be a memory value")) }
            guard value >= min, value <= max else {
                return .failure(ConfigRefusal("argument must be between \(min) and \(max) inclusive"))
            }
            return .success(String(value))
        case .clientOutputBufferLimit:
            let base = OutputBufferLimitClasses(configText: current ?? defaultValue)
            return OutputBufferLimitClasses.parse(text, over: base).map(\.configText)
        case .immutable:
            return .failure(ConfigRefusal("can't set immutable config"))
        case .protected:
            return .failure(ConfigRefusal("can't set protected config"))
        case .text:
            return .success(text)
        case .boolean:
            switch text.lowercased() {
            case "yes": return .success("yes")
            case "no": return .success("no")
            default: return .failure(ConfigRefusal("argument must be 'yes' or 'no'"))
            }
        case .choice(let options):
            guard options.contains(text.lowercased()) else {
                return .failure(ConfigRefusal("argument(s) must be one of the following: " + options.joined(separator: ", ")))
            }
            return .success(text.lowercased())
        case .integer(let min, let max):
            guard let value = ByteString(text).int64Value else {
                return .failure(ConfigRefusal("argument couldn't be parsed into an integer"))
            }
            guard value >= min, value <= max else {
                return .failure(ConfigRefusal("argument must be between \(min) and \(max) inclusive"))
            }
            return .success(String(value))
        case .memory:
            guard let value = ConfigParameter.memoryValue(text) else { return .failure(ConfigRefusal("argument must be a memory value")) }
            return .success(String(value))
        case .keyspaceEvents:
            guard let flags = KeyspaceEventFlags(parsing: text) else {
                return .failure(ConfigRefusal("Invalid event class character. Use 'Ag$lshzxeKEtmdn'."))
            }
            return .success(flags.configText)
        }
    }

    /// Redis's memtoull: digits with an optional b, k, kb, m, mb, g or gb (case-insensitive).
    static func memoryValue(_ text: String) -> Int64? {
        let lower = text.lowercased()
        let units: [(String, Int64)] = [("gb", 1 << 30), ("mb", 1 << 20), ("kb", 1 << 10), ("g", 1_000_000_000),
                                        ("m", 1_000_000), ("k", 1000), ("b", 1)]
        var digits = Substring(lower), multiplier: Int64 = 1
        for (suffix, factor) in units where lower.hasSuffix(suffix) {
            digits = lower.dropLast(suffix.count)
            multiplier = factor
            break
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int64(digits) else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : product
    }
}

/// Why CONFIG SET refused a value (Redis's text after "… - ").
struct ConfigRefusal: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
