/// `maxmemory` with the `noeviction` policy: once the dataset's estimated size passes the limit,
/// commands flagged `denyoom` are refused with Redis's OOM error, as a real server does. The
/// exercise runner uses this as the memory budget of a graded submission.
extension ServerState {
    /// Redis's reply to a `denyoom` command over `maxmemory`.
    static let outOfMemoryMessage = "OOM command not allowed when used memory > 'maxmemory'."

    /// True when `maxmemory` is set and the dataset is over it, so `spec` must be refused.
    func refusesForMemory(_ spec: CommandSpec) -> Bool {
        let limit = config.maxmemory
        guard limit > 0, spec.flags.contains("denyoom") else { return false }
        // The estimate walks every key, so it is refreshed only every keys/64 writes: a constant
        // amortised cost per write, at the price of overshooting the limit by a sliver.
        if memoryCheck.countdown <= 0 {
            memoryCheck.estimate = boundedMemoryEstimate()
            memoryCheck.countdown = max(1, databases.reduce(0) { $0 + $1.count } / 64)
        }
        memoryCheck.countdown -= 1
        return memoryCheck.estimate > limit
    }

    /// `estimatedMemoryUsage`, but with aggregates growing with their element count, so a list or
    /// set filled in a loop counts against `maxmemory`.
    func boundedMemoryEstimate() -> Int64 {
        var total = Self.baseMemory
        for db in databases {
            for (key, value) in db.entries {
                total += 24 + Self.allocation(key.count + 4) + 16
                switch value {
                case .string(let s): total += s.count <= 44 ? 0 : Self.allocation(s.count + 4)
                case .list(let list): total += 200 + Int64(list.count) * 16
                case .hash(let hash): total += 200 + Int64(hash.count) * 32
                case .set(let set): total += 200 + Int64(set.count) * 16
                case .zset(let zset): total += 200 + Int64(zset.count) * 48
                case .stream(let stream): total += 600 + Int64(stream.count) * 64
                }
            }
            total += Int64(db.expiresCount) * 32
        }
        return total
    }
}

/// The cached estimate behind `refusesForMemory`.
struct MemoryCheck {
    var estimate: Int64 = 0
    var countdown = 0
}
