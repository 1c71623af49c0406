/// When a key was last used and how often, as Redis keeps it in each object's `lru` field:
/// the LRU clock for the LRU policies and OBJECT IDLETIME, a logarithmic counter that decays
/// with time for the LFU policies and OBJECT FREQ (evict.c).
struct KeyAccess {
    /// Unix ms of the last access.
    var lastAccess: Int64
    /// The LFU counter: 5 for a new key, up to 255, growing more slowly the higher it is.
    var frequency: UInt8 = KeyAccess.initialFrequency
    /// Minutes (Unix time / 60000) when the counter was last decayed.
    var decayedAt: Int64
    /// True when an LFU policy wrote the record last. Redis keeps one 24-bit field, read as an
    /// LRU clock or as LFU minutes and counter by the policy in force, so a record written under
    /// the other policy reads as Redis's reads it (see `lruField`).
    var writtenByLFU = false

    static let initialFrequency: UInt8 = 5

    init(now: Int64, lfu: Bool = false) {
        lastAccess = now
        decayedAt = now / 60_000
        writtenByLFU = lfu
    }

    /// Redis's `lru` field as the last writer left it: the LRU clock (Unix seconds, 24 bits), or
    /// the LFU minutes (16 bits) above the 8-bit counter.
    var lruField: Int64 {
        writtenByLFU ? ((decayedAt & 0xFFFF) << 8) | Int64(frequency) : (lastAccess / 1000) & 0xFFFFFF
    }

    /// OBJECT IDLETIME's seconds (Redis's estimateObjectIdleTime over the 24-bit clock).
    func idleSeconds(now: Int64) -> Int64 {
        guard writtenByLFU else { return max(0, now - lastAccess) / 1000 }
        let clock = (now / 1000) & 0xFFFFFF, field = lruField
        return clock >= field ? clock - field : clock + (0xFFFFFF - field)
    }

    /// The counter after the decay due by `now` (Redis's LFUDecrAndReturn): one step per
    /// `lfu-decay-time` minutes.
    func decayedFrequency(now: Int64, decayTime: Int64) -> UInt8 {
        let field = lruField
        let counter = field & 255, minutes = (field >> 8) & 0xFFFF
        guard decayTime > 0 else { return UInt8(counter) }
        let current = (now / 60_000) & 0xFFFF
        let elapsed = current >= minutes ? current - minutes : 65_535 - minutes + current
        let periods = elapsed / decayTime
        return periods > counter ? 0 : UInt8(counter - periods)
    }

    /// RESTORE's IDLETIME or FREQ (Redis's objectSetLRUOrLFU): under an LFU policy FREQ sets the
    /// counter, otherwise IDLETIME dates the last access back; the other one is ignored.
    mutating func restore(idleSeconds: Int64?, frequency restored: Int64?, lfu: Bool, now: Int64) {
        if lfu {
            guard let restored else { return }
            frequency = UInt8(clamping: restored)
            decayedAt = now / 60_000
            writtenByLFU = true
        } else if let idleSeconds {
            // Redis dates the access back on its 24-bit LRU clock, wrapping once below zero and
            // keeping 24 bits; the idle time OBJECT IDLETIME then reads back is kept here.
            let clock = (now / 1000) & 0xFFFFFF
            var field = clock &- (idleSeconds &* 1000) / 1000
            if field < 0 { field &+= 0xFFFFFF }
            field &= 0xFFFFFF
            let idle = clock >= field ? clock - field : clock + (0xFFFFFF - field)
            lastAccess = now - idle * 1000
            writtenByLFU = false
        }
    }

    /// Records an access (Redis's updateLFU with LFULogIncr, or the LRU clock).
    mutating func touch(now: Int64, lfu: Bool, logFactor: Int64, decayTime: Int64) {
        if lfu {
            var counter = decayedFrequency(now: now, decayTime: decayTime)
            if counter < 255 {
                let base = Double(max(0, Int(counter) - Int(Self.initialFrequency)))
                let chance = 1.0 / (base * Double(logFactor) + 1)
                if Double.random(in: 0..<1) < chance { counter += 1 }
            }
            frequency = counter
            decayedAt = now / 60_000
            writtenByLFU = true
        } else {
            lastAccess = now
            writtenByLFU = false
        }
    }
}
