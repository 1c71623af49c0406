/// When a key was last used and how often, as Redis keeps it in each object's `lru` field:
/// the LRU clock for the LRU policies and OBJECT IDLETIME, a logarithmic counter that decays
/// with time for the LFU policies and OBJECT FREQ (evict.c).
///
/// Redis keeps one 24-bit field, read as an LRU clock or as LFU minutes and counter by the
/// policy in force, so a record written under the other policy reads as Redis's reads it (see
/// `lruField`). Here too one word holds either: the last access in milliseconds (LRU), or the
/// minutes of the last decay above the counter (LFU), so a key's record costs 8 bytes in its
/// `KeyTable` slot.
struct KeyAccess {
    /// The word as a `KeyTable` slot stores it; `absent` (0) for a key with no record yet.
    typealias Stored = UInt64
    static let absent: Stored = 0

    /// Top two bits: 1 for an LRU record, 2 for an LFU one; below, 62 bits of payload.
    private var bits: UInt64

    private static let lruTag: UInt64 = 1 << 62, lfuTag: UInt64 = 2 << 62
    private static let payloadMask: UInt64 = (1 << 62) - 1

    static let initialFrequency: UInt8 = 5

    init(now: Int64, lfu: Bool = false) {
        bits = 0
        if lfu { setLFU(frequency: Self.initialFrequency, decayedAt: now / 60_000) } else { setLRU(lastAccess: now) }
    }

    /// The record a slot stores, nil for `absent`.
    init?(stored: Stored) {
        guard stored != Self.absent else { return nil }
        bits = stored
    }

    /// The word a slot stores.
    var stored: Stored { bits }

    /// True when an LFU policy wrote the record last.
    var writtenByLFU: Bool { bits & Self.lfuTag != 0 }

    /// Sign-extends the 62-bit payload.
    private var payload: Int64 { Int64(bitPattern: bits << 2) >> 2 }

    /// Unix ms of the last access (LRU records).
    private var lastAccess: Int64 { payload }
    /// The LFU counter: 5 for a new key, up to 255, growing more slowly the higher it is.
    private var frequency: UInt8 { UInt8(truncatingIfNeeded: payload) }
    /// Minutes (Unix time / 60000) when the counter was last decayed.
    private var decayedAt: Int64 { payload >> 8 }

    private mutating func setLRU(lastAccess: Int64) {
        bits = Self.lruTag | UInt64(bitPattern: lastAccess) & Self.payloadMask
    }

    private mutating func setLFU(frequency: UInt8, decayedAt: Int64) {
        bits = Self.lfuTag | UInt64(bitPattern: decayedAt << 8 | Int64(frequency)) & Self.payloadMask
    }

    /// How long the key has been idle for the LRU policies: to the millisecond for an LRU
    /// record, else from the 24-bit field as Redis's estimateObjectIdleTime reads it.
    func idleMilliseconds(now: Int64) -> Int64 {
        writtenByLFU ? idleSeconds(now: now) * 1000 : now - lastAccess
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
            setLFU(frequency: UInt8(clamping: restored), decayedAt: now / 60_000)
        } else if let idleSeconds {
            // Redis dates the access back on its 24-bit LRU clock, wrapping once below zero and
            // keeping 24 bits; the idle time OBJECT IDLETIME then reads back is kept here.
            let clock = (now / 1000) & 0xFFFFFF
            var field = clock &- (idleSeconds &* 1000) / 1000
            if field < 0 { field &+= 0xFFFFFF }
            field &= 0xFFFFFF
            let idle = clock >= field ? clock - field : clock + (0xFFFFFF - field)
            setLRU(lastAccess: now - idle * 1000)
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
            setLFU(frequency: counter, decayedAt: now / 60_000)
        } else {
            setLRU(lastAccess: now)
        }
    }
}
