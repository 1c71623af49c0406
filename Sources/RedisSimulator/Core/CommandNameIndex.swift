/// Finds a command's spec from its name as a client sends it, in any letter case, without
/// building a String or running the standard library's hasher: every request looks its name up
/// several times (the server's checks before the run, then dispatch), and SipHash over a
/// ByteString cost more than the rest of a PING.
///
/// A name of up to 22 bytes (every command name) is an inline ByteString: its words are
/// lowercased in place (ASCII letters only, as Redis's case-insensitive lookup does), hashed with
/// two multiplications and compared as words against an open-addressed table of the lowercase
/// names. Longer names are not in the table; the caller looks them up by String.
struct CommandNameIndex: Sendable {
    /// A lowercase name's inline words, or none in an empty slot.
    private struct Key: Equatable, Sendable {
        var a: UInt64, b: UInt64, c: UInt32, d: UInt16, length: UInt8
    }

    private let keys: [Key?]
    private let specs: [CommandSpec?]
    private let mask: Int

    /// An index of `specs` by their names; those longer than an inline ByteString are left out.
    init(_ specs: [CommandSpec]) {
        var size = 16
        while size < specs.count * 4 { size *= 2 }
        var keys = [Key?](repeating: nil, count: size)
        var slots = [CommandSpec?](repeating: nil, count: size)
        for spec in specs {
            guard let key = Self.key(ByteString(spec.name)) else { continue }
            var slot = Self.hash(key) & (size - 1)
            while keys[slot] != nil { slot = (slot + 1) & (size - 1) }
            keys[slot] = key
            slots[slot] = spec
        }
        self.keys = keys
        self.specs = slots
        mask = size - 1
    }

    /// The spec named `name` in any case; nil when there is none of up to 22 bytes.
    func lookup(_ name: ByteString) -> CommandSpec? {
        guard let key = Self.key(name) else { return nil }
        var slot = Self.hash(key) & mask
        while let candidate = keys[slot] {
            if candidate == key { return specs[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// The lowercase words of an inline name; nil for a name stored out of line.
    private static func key(_ name: ByteString) -> Key? {
        guard case .small(let a, let b, let c, let d, let length) = name.storage else { return nil }
        return Key(
            a: lowercased(a), b: lowercased(b), c: UInt32(truncatingIfNeeded: lowercased(UInt64(c))),
            d: UInt16(truncatingIfNeeded: lowercased(UInt64(d))), length: length)
    }

    /// `word` with each byte from `A` to `Z` made lowercase and every other byte as it was,
    /// eight at a time (Hacker's Delight's byte-wise range test: no byte carries into the next).
    @inline(__always)
    private static func lowercased(_ word: UInt64) -> UInt64 {
        let low7 = word & 0x7F7F_7F7F_7F7F_7F7F
        let atLeastA = low7 &+ 0x3F3F_3F3F_3F3F_3F3F
        let pastZ = low7 &+ 0x2525_2525_2525_2525
        let upper = atLeastA & ~pastZ & ~word & 0x8080_8080_8080_8080
        return word | (upper >> 2)
    }

    @inline(__always)
    private static func hash(_ key: Key) -> Int {
        let tail = UInt64(key.c) | UInt64(key.d) << 32 | UInt64(key.length) << 48
        var h = (key.a &* 0x9E37_79B9_7F4A_7C15) ^ (key.b &* 0xC2B2_AE3D_27D4_EB4F) ^ (tail &* 0x1656_67B1_9E37_79F9)
        h ^= h >> 31
        return Int(truncatingIfNeeded: h)
    }
}
