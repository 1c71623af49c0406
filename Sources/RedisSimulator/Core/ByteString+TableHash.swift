/// The hash `DenseTable` files a key under: SipHash-1-2 keyed once per process, the function
/// Redis's own dict uses, so a client cannot choose keys that collide. Written out over the
/// inline string's three words instead of going through `Hasher` (SipHash-1-3 behind four
/// calls into the runtime), it costs a keyspace lookup about a third of what `hashValue` did.
extension ByteString {
    /// A 64-bit keyed hash of the bytes; equal strings hash equally within one process.
    @inlinable @inline(__always) var tableHash: UInt64 {
        var state = TableHashState()
        switch storage {
        case .small(let a, let b, let c, let d, let length):
            state.compress(a)
            state.compress(b)
            state.compress(UInt64(c) | UInt64(d) << 32 | UInt64(length) << 56)
        case .large(let array):
            array.withUnsafeBytes { raw in
                var offset = 0
                while offset + 8 <= raw.count {
                    state.compress(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                    offset += 8
                }
                var last = UInt64(truncatingIfNeeded: raw.count) << 56
                var shift: UInt64 = 0
                while offset < raw.count {
                    last |= UInt64(raw[offset]) << shift
                    shift += 8
                    offset += 1
                }
                state.compress(last)
            }
        }
        return state.finalize()
    }
}

/// SipHash's four words of state, started from the process's random key.
@usableFromInline struct TableHashState {
    @usableFromInline var v0: UInt64, v1: UInt64, v2: UInt64, v3: UInt64

    @inlinable @inline(__always) init() {
        let key = tableHashKey
        v0 = key.0 ^ 0x736f_6d65_7073_6575
        v1 = key.1 ^ 0x646f_7261_6e64_6f6d
        v2 = key.0 ^ 0x6c79_6765_6e65_7261
        v3 = key.1 ^ 0x7465_6462_7974_6573
    }

    // Always inlined: left to the optimizer, each round was a call, five per key hashed.
    @inlinable @inline(__always) mutating func round() {
        v0 = v0 &+ v1; v1 = (v1 << 13 | v1 >> 51) ^ v0; v0 = v0 << 32 | v0 >> 32
        v2 = v2 &+ v3; v3 = (v3 << 16 | v3 >> 48) ^ v2
        v0 = v0 &+ v3; v3 = (v3 << 21 | v3 >> 43) ^ v0
        v2 = v2 &+ v1; v1 = (v1 << 17 | v1 >> 47) ^ v2; v2 = v2 << 32 | v2 >> 32
    }

    /// One message word, one round (the "1" of SipHash-1-2).
    @inlinable @inline(__always) mutating func compress(_ word: UInt64) {
        v3 ^= word
        round()
        v0 ^= word
    }

    /// Two finishing rounds (the "2").
    @inlinable @inline(__always) mutating func finalize() -> UInt64 {
        v2 ^= 0xff
        round()
        round()
        return v0 ^ v1 ^ v2 ^ v3
    }
}

/// The process's SipHash key, drawn once from the system's random source.
@usableFromInline let tableHashKey: (UInt64, UInt64) = {
    var generator = SystemRandomNumberGenerator()
    return (generator.next(), generator.next())
}()
