import RESP

/// Eviction under `maxmemory` by `maxmemory-policy` (Redis's evict.c performEvictions): before
/// each command, while the dataset is over the limit, keys are chosen by the policy among
/// `maxmemory-samples` random candidates per database and deleted, each firing `evicted` and
/// counting in INFO's evicted_keys.
extension ServerState {
    /// Evicts until the dataset fits; false when it still does not (noeviction, or a volatile
    /// policy with no key that has a TTL), so `denyoom` commands must be refused.
    func evictUntilUnderLimit(now: Int64) -> Bool {
        let policy = config.maxmemoryPolicy
        guard policy != "noeviction" else { return false }
        let started = ScriptMonitor.monotonicNanoseconds()
        defer {
            let milliseconds = (ScriptMonitor.monotonicNanoseconds() - started) / 1_000_000
            latency.addSampleIfNeeded("eviction-cycle", milliseconds: milliseconds,
                                      threshold: config.integer("latency-monitor-threshold"), now: now)
        }
        while memoryCheck.estimate > config.maxmemory {
            guard let (db, key) = evictionCandidate(policy: policy, now: now) else { return false }
            let size = db.entries[key].map { estimatedKeyMemory(key, $0, countingElements: true) } ?? 0
            let hadExpiry = db.expireTime(of: key) != nil
            db.entries[key] = nil
            db.setExpireTime(nil, for: key)
            db.forgetKey(key)
            stats.evictedKeys += 1
            memoryCheck.estimate -= size + (hadExpiry ? 32 : 0)
            touchWatchedKey(key, in: db.index)
            trackingInvalidateEvicted(key)
            notifyKeyspaceEvent(.evicted, event: "evicted", key: key, db: db.index)
        }
        return true
    }

    /// Tells the clients that read an evicted key. Eviction before a command runs is not part
    /// of it, so even the client about to run the command hears of it before the reply, as in
    /// Redis (whose pending invalidations are only those of a command in progress); eviction
    /// inside one (CONFIG SET maxmemory) waits for its reply like any write of the command.
    private func trackingInvalidateEvicted(_ key: ByteString) {
        guard replication.depth == 0, let current = currentClient else {
            trackingInvalidateKey(key, by: nil)
            return
        }
        let held = tracking.pendingForCurrent
        tracking.pendingForCurrent = []
        trackingInvalidateKey(key, by: nil)
        tracking.beforeReplyForCurrent += trackingPendingMessages(current)
        tracking.pendingForCurrent = held
    }

    /// CONFIG SET maxmemory: measures the dataset afresh and evicts down to the new limit.
    func evictAfterMaxmemoryChange(now: Int64) {
        memoryCheck.countdown = 0
        if isOverMaxMemory { _ = evictUntilUnderLimit(now: now) }
    }

    /// The best of `maxmemory-samples` random keys per database under `policy`: the longest
    /// idle (LRU), the least used (LFU), the soonest to expire (volatile-ttl) or any (random).
    private func evictionCandidate(policy: String, now: Int64) -> (Database, ByteString)? {
        let volatile = policy.hasPrefix("volatile")
        let samples = max(1, Int(config.integer("maxmemory-samples")))
        let decayTime = config.integer("lfu-decay-time")
        var best: (db: Database, key: ByteString, score: Int64)?
        for db in databases {
            let pool = volatile ? db.keysWithExpiry(sample: samples) : db.randomKeys(samples)
            for key in pool {
                let score: Int64
                switch policy {
                case "allkeys-lru", "volatile-lru":
                    score = db.entries[access: key]?.idleMilliseconds(now: now) ?? now
                case "allkeys-lfu", "volatile-lfu":
                    score = 255 - Int64(db.entries[access: key]?.decayedFrequency(now: now, decayTime: decayTime) ?? 0)
                case "volatile-ttl":
                    score = -(db.expireTime(of: key) ?? Int64.max)
                default:
                    score = 0
                }
                if score > best?.score ?? Int64.min { best = (db, key, score) }
            }
            if policy.hasSuffix("random"), best != nil { break }
        }
        return best.map { ($0.db, $0.key) }
    }
}

extension Database {
    /// Up to `count` keys chosen at random (with repeats, as Redis's dictGetSomeKeys may).
    func randomKeys(_ count: Int) -> [ByteString] {
        guard !entries.isEmpty else { return [] }
        return (0..<count).compactMap { _ in entries.randomElement()?.key }
    }

    /// Up to `sample` keys that have a TTL, chosen at random.
    func keysWithExpiry(sample: Int) -> [ByteString] {
        guard expiresCount > 0 else { return [] }
        return (0..<sample).compactMap { _ in randomKeyWithExpiry() }
    }

    /// Drops what a deleted key left beside its slot.
    func forgetKey(_ key: ByteString) {
        if !encodingOverrides.isEmpty { encodingOverrides[key] = nil }
    }
}
