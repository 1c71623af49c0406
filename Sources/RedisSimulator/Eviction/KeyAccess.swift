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

    static let initialFrequency: UInt8 = 5

    init(now: Int64) {
        lastAccess = now
        decayedAt = now / 60_000
    }

    /// The counter after the decay due by `now` (Redis's LFUDecrAndReturn): one step per
    /// `lfu-decay-time` minutes.
    func decayedFrequency(now: Int64, decayTime: Int64) -> UInt8 {
        guard decayTime > 0 else { return frequency }
        let periods = (now / 60_000 - decayedAt) / decayTime
        return periods >= Int64(frequency) ? 0 : frequency - UInt8(max(0, periods))
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
        } else {
            lastAccess = now
        }
    }
}
