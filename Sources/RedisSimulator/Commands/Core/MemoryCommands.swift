import RESP

/// MEMORY USAGE|STATS|DOCTOR|MALLOC-STATS|PURGE|HELP (Redis's object.c). Sizes are estimates
/// of what Redis 7.0 with jemalloc would allocate for the same value in the same encoding
/// (`MemoryEstimate`); the simulator reports `mem_allocator:libc`, so MALLOC-STATS answers as a
/// libc build of Redis does.
extension CommandTable {
    static let memoryCommands: [CommandSpec] = [
        CommandSpec("memory", arity: -2, flags: [], categories: ["@slow"], subcommands: [
            CommandSpec("memory|usage", arity: -3, flags: ["readonly"], keys: KeyPositions(first: 2, last: 2, step: 1),
                        categories: ["@read", "@slow"], handler: memoryUsage),
            CommandSpec("memory|stats", arity: 2, flags: [], categories: ["@slow"]) { ctx in
                ctx.server.memoryStats()
            },
            CommandSpec("memory|doctor", arity: 2, flags: [], categories: ["@slow"]) { ctx in
                .verbatim(ctx.server.memoryDoctorReport())
            },
            CommandSpec("memory|malloc-stats", arity: 2, flags: [], categories: ["@slow"]) { _ in
                .bulk("Stats not supported for the current allocator")
            },
            CommandSpec("memory|purge", arity: 2, flags: [], categories: ["@slow"]) { _ in .ok },
            CommandSpec("memory|help", arity: 2, flags: ["loading", "stale"], categories: ["@slow"]) { _ in
                CommandTable.helpReply("MEMORY", [
                    "DOCTOR",
                    "    Return memory problems reports.",
                    "MALLOC-STATS",
                    "    Return internal statistics report from the memory allocator.",
                    "PURGE",
                    "    Attempt to purge dirty pages for reclamation by the allocator.",
                    "STATS",
                    "    Return information about the memory usage of the server.",
                    "USAGE <key> [SAMPLES <count>]",
                    "    Return memory in bytes used by <key> and its value. Nested values are",
                    "    sampled up to <count> times (default: 5, 0 means sample all).",
                ])
            },
        ]) { _ in .ok },
    ]

    private static func memoryUsage(_ ctx: CommandContext) throws(RedisError) -> RESPValue {
        // SAMPLES is checked as Redis checks it, although every element is counted here.
        var index = 3
        while index < ctx.count {
            guard ctx.word(at: index, is: "samples"), index + 1 < ctx.count else { throw RedisError.syntax }
            guard try ctx.integer(at: index + 1) >= 0 else { throw RedisError.syntax }
            index += 2
        }
        // Redis looks the key up without expiring it or counting a hit.
        guard let value = ctx.db.entries[ctx[2]] else { return .nullBulkString }
        let encoding = ctx.encodingName(of: ctx[2], value)
        return .integer(MemoryEstimate.keyUsage(key: ctx[2], value: value, encoding: encoding))
    }
}

extension ServerState {
    /// MEMORY STATS: Redis's fields in its order, the numbers from the simulator's estimate.
    func memoryStats() -> RESPValue {
        let used = estimatedMemoryUsage()
        let startup = Self.baseMemory
        let keys = databases.reduce(0) { $0 + $1.count }
        var overheadTotal = startup
        var perDatabase: [(String, RESPValue)] = []
        for db in databases where db.count > 0 {
            let main = MemoryEstimate.dictionaryOverhead(entries: db.count)
            let expires = MemoryEstimate.dictionaryOverhead(entries: db.expiresCount)
            overheadTotal += main + expires
            perDatabase.append(("db.\(db.index)", .map(fields: [
                ("overhead.hashtable.main", .integer(main)),
                ("overhead.hashtable.expires", .integer(expires)),
                ("overhead.hashtable.slot-to-keys", .integer(0)),
            ])))
        }
        let dataset = max(0, used - overheadTotal)
        let netUsage = max(1, used - startup)
        let pairs: [(String, RESPValue)] = [
            ("peak.allocated", .integer(used)), ("total.allocated", .integer(used)),
            ("startup.allocated", .integer(startup)), ("replication.backlog", .integer(0)),
            ("clients.slaves", .integer(0)), ("clients.normal", .integer(0)), ("cluster.links", .integer(0)),
            ("aof.buffer", .integer(0)), ("lua.caches", .integer(0)), ("functions.caches", .integer(200)),
        ] + perDatabase + [
            ("overhead.total", .integer(overheadTotal)), ("keys.count", .integer(Int64(keys))),
            ("keys.bytes-per-key", .integer(keys == 0 ? 0 : (used - startup) / Int64(keys))),
            ("dataset.bytes", .integer(dataset)),
            ("dataset.percentage", .double(Double(dataset) * 100 / Double(netUsage))),
            ("peak.percentage", .double(100)),
            ("allocator.allocated", .integer(used)), ("allocator.active", .integer(used)),
            ("allocator.resident", .integer(used)),
            ("allocator-fragmentation.ratio", .double(1)), ("allocator-fragmentation.bytes", .integer(0)),
            ("allocator-rss.ratio", .double(1)), ("allocator-rss.bytes", .integer(0)),
            ("rss-overhead.ratio", .double(1)), ("rss-overhead.bytes", .integer(0)),
            ("fragmentation", .double(1)), ("fragmentation.bytes", .integer(0)),
        ]
        return .map(fields: pairs)
    }

    /// MEMORY DOCTOR's report. The simulator has no fragmentation, RSS overhead, big client
    /// buffers or peaks of its own, so past Redis's 5 MB "too little data" threshold its
    /// diagnosis is the one Redis gives a healthy instance.
    func memoryDoctorReport() -> String {
        if estimatedMemoryUsage() < 1024 * 1024 * 5 {
            return "Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used in these conditions. Please, leave for your mission on Earth and fill it with some data. The new Sam and I will be back to our programming as soon as I finished rebooting."
        }
        return "Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this base."
    }
}

/// What Redis 7.0 would allocate for a key and its value, by encoding, with jemalloc's size
/// classes: the figures MEMORY USAGE reports on a real server, approximately.
enum MemoryEstimate {
    /// The size of a dictEntry, which MEMORY USAGE adds unrounded.
    static let dictEntry: Int64 = 24
    /// The size of a robj header.
    static let object: Int64 = 16

    /// MEMORY USAGE of `key` holding `value` stored as `encoding`.
    static func keyUsage(key: ByteString, value: RedisValue, encoding: String) -> Int64 {
        sds(key.count) + dictEntry + valueSize(value, encoding: encoding)
    }

    static func valueSize(_ value: RedisValue, encoding: String) -> Int64 {
        switch value {
        case .string(let s):
            switch encoding {
            case "int": return object
            case "embstr": return jemalloc(Int(object) + 3 + s.count + 1)
            default: return object + sds(s.count)
            }
        case .list(let list):
            // A quicklist of listpack nodes (8 KB each at list-max-listpack-size -2).
            var nodes: Int64 = 0, current: [ByteString] = [], bytes = 0
            for element in list.elements {
                bytes += listpackEntry(element)
                current.append(element)
                if bytes >= 8192 {
                    nodes += 32 + listpack(current)
                    current = []
                    bytes = 0
                }
            }
            if !current.isEmpty || nodes == 0 { nodes += 32 + listpack(current) }
            return object + 40 + nodes
        case .hash(let hash):
            if encoding == "listpack" { return object + listpack(hash.pairs.flatMap { [$0.field, $0.value] }) }
            return object + dictionaryOverhead(entries: hash.count)
                + hash.pairs.reduce(0) { $0 + dictEntry + sds($1.field.count) + sds($1.value.count) }
        case .set(let set):
            if encoding == "intset" {
                let members = set.members.compactMap(\.int64Value)
                let width = members.contains { $0 < Int64(Int32.min) || $0 > Int64(Int32.max) } ? 8
                    : members.contains { $0 < Int64(Int16.min) || $0 > Int64(Int16.max) } ? 4 : 2
                return object + jemalloc(8 + width * members.count)
            }
            return object + dictionaryOverhead(entries: set.count)
                + set.members.reduce(0) { $0 + dictEntry + sds($1.count) }
        case .zset(let zset):
            let all = zset.all
            if encoding == "listpack" {
                return object + listpack(all.flatMap { [$0.member, ByteString(double: $0.score)] })
            }
            // A dict from member to score and a skiplist node per member (about 1.33 levels).
            return object + 16 + dictionaryOverhead(entries: all.count) + jemalloc(32 + 32 * 16)
                + all.reduce(0) { $0 + dictEntry + sds($1.member.count) + jemalloc(32 + 16 * 2) }
        case .stream(let stream):
            // The stream struct, its radix tree and one 4 KB listpack per 100 entries.
            let nodes = Int64(max(1, (stream.count + 99) / 100))
            return object + 96 + nodes * (4096 + 48) + Int64(stream.groups.count) * 256
        }
    }

    /// The allocation of an sds string of `length` bytes (header, bytes and terminator).
    static func sds(_ length: Int) -> Int64 {
        let header = length < 32 ? 1 : length < 256 ? 3 : length < 65_536 ? 5 : length < 1 << 32 ? 9 : 17
        return jemalloc(header + length + 1)
    }

    /// The allocation of a listpack holding `entries`.
    static func listpack(_ entries: [ByteString]) -> Int64 {
        jemalloc(entries.reduce(7) { $0 + listpackEntry($1) })
    }

    /// The bytes one listpack entry takes: encoding, data and back-length.
    static func listpackEntry(_ entry: ByteString) -> Int {
        if let n = entry.int64Value {
            let data = (0...127).contains(n) ? 1 : (-4096...4095).contains(n) ? 2
                : (-32768...32767).contains(n) ? 3 : (-8_388_608...8_388_607).contains(n) ? 4
                : (Int64(Int32.min)...Int64(Int32.max)).contains(n) ? 5 : 9
            return data + 1
        }
        let header = entry.count < 64 ? 1 : entry.count < 4096 ? 2 : 5
        let body = header + entry.count
        return body + (body < 128 ? 1 : body < 16384 ? 2 : 3)
    }

    /// A dict's fixed part and bucket table for `entries` entries (the table a power of two).
    static func dictionaryOverhead(entries: Int) -> Int64 {
        guard entries > 0 else { return 0 }
        var buckets = 4
        while buckets < entries { buckets *= 2 }
        return 56 + jemalloc(buckets * 8)
    }

    /// jemalloc's size class for a request of `bytes`: 8, then multiples of 16 up to 128, then
    /// four classes per doubling (160, 192, 224, 256, 320, …).
    static func jemalloc(_ bytes: Int) -> Int64 {
        if bytes <= 8 { return 8 }
        if bytes <= 128 { return Int64((bytes + 15) / 16 * 16) }
        var group = 128
        while group * 2 < bytes { group *= 2 }
        let step = group / 4
        return Int64((bytes + step - 1) / step * step)
    }
}
