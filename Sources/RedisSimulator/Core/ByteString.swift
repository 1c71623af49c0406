#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A binary-safe Redis string: keys, values, members and fields.
///
/// Strings of up to 22 bytes are stored inline (no heap allocation, no pointer to chase), the
/// common case for keys such as `counter:000000012345`, small values and members; longer ones in
/// an array. Either way a ByteString takes 24 bytes. Ordering is byte-wise and unsigned, like
/// Redis's `memcmp`-based comparisons.
public struct ByteString: Sendable {
    @usableFromInline enum Storage: Sendable {
        /// Up to 22 bytes in memory order (the rest zero) in words of 8, 8, 4 and 2 bytes, then
        /// the length: 23 bytes, so with the case tag the enum is no larger than the array case.
        case small(UInt64, UInt64, UInt32, UInt16, UInt8)
        case large([UInt8])
    }

    @usableFromInline var storage: Storage

    /// The most bytes stored inline.
    @usableFromInline static var inlineCapacity: Int { 22 }

    /// Wraps raw bytes.
    public init(_ bytes: [UInt8]) {
        if bytes.count <= Self.inlineCapacity {
            storage = bytes.withUnsafeBytes { Self.pack($0) }
        } else {
            storage = .large(bytes)
        }
    }

    /// Copies the bytes of a buffer.
    @inlinable
    public init(copying buffer: UnsafeRawBufferPointer) {
        storage = buffer.count <= Self.inlineCapacity ? Self.pack(buffer) : .large(Array(buffer))
    }

    /// The UTF-8 bytes of `text`.
    public init(_ text: String) {
        var text = text
        self = text.withUTF8 { ByteString(copying: UnsafeRawBufferPointer($0)) }
    }

    @inlinable
    static func pack(_ buffer: UnsafeRawBufferPointer) -> Storage {
        var words: (UInt64, UInt64, UInt32, UInt16) = (0, 0, 0, 0)
        Swift.withUnsafeMutableBytes(of: &words) { target in
            if buffer.count > 0 { target.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: buffer.count) }
        }
        return .small(words.0, words.1, words.2, words.3, UInt8(buffer.count))
    }

    /// The bytes, in order (a copy for inline strings; prefer `withUnsafeBytes` on hot paths).
    public var bytes: [UInt8] {
        get {
            switch storage {
            case .large(let array): return array
            case .small: return withUnsafeBytes { Array($0) }
            }
        }
        set { self = ByteString(newValue) }
    }

    /// Calls `body` with the bytes, without copying them.
    @inlinable public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch storage {
        case .large(let array):
            return try array.withUnsafeBytes(body)
        case .small(let a, let b, let c, let d, let length):
            // The borrowing form, not `withUnsafeBytes(of: &words)`: with -O -wmo (release),
            // Swift 6.3 treated the bytes read through the inout form as undefined in some
            // inlined callers, so `" 1.5"` lost its leading space to INCRBYFLOAT's check.
            let words = (a, b, c, d)
            return try Swift.withUnsafeBytes(of: words) { try body(UnsafeRawBufferPointer(rebasing: $0[0..<Int(length)])) }
        }
    }

    /// The number of bytes.
    @inlinable public var count: Int {
        switch storage {
        case .small(_, _, _, _, let length): return Int(length)
        case .large(let array): return array.count
        }
    }

    /// The first byte, 0 for an empty string: read from the inline words without copying them out.
    @inlinable var leadingByte: UInt8 {
        switch storage {
        case .small(let a, _, _, _, _): return UInt8(truncatingIfNeeded: a.littleEndian)
        case .large(let array): return array.first ?? 0
        }
    }

    /// True when there are no bytes.
    @inlinable public var isEmpty: Bool { count == 0 }

    /// The bytes decoded as UTF-8, invalid sequences repaired; for messages, never for storage.
    public var string: String { withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }

    /// The bytes as Redis's `%s` writes an argument into an error message: up to the first NUL,
    /// where a C string ends.
    public var errorText: ErrorText { errorText(limit: .max) }

    /// At most `limit` bytes of the argument, stopping at a NUL, as C's `%.*s` writes it.
    public func errorText(limit: Int) -> ErrorText {
        withUnsafeBytes { raw in
            let end = min(raw.firstIndex(of: 0) ?? raw.count, limit)
            return ErrorText(bytes: Array(raw[..<end]))
        }
    }
}

extension ByteString: Hashable, Comparable {
    /// - Complexity: O(min(m, n)).
    @inlinable public static func < (lhs: ByteString, rhs: ByteString) -> Bool {
        if case .small(let a0, let a1, let a2, let a3, let al) = lhs.storage,
            case .small(let b0, let b1, let b2, let b3, let bl) = rhs.storage
        {
            // Big-endian words compare as their bytes do; zero padding makes a prefix sort first
            // only through the length tie-break.
            if a0 != b0 { return a0.bigEndian < b0.bigEndian }
            if a1 != b1 { return a1.bigEndian < b1.bigEndian }
            let aTail = UInt64(a2.bigEndian) << 32 | UInt64(a3.bigEndian) << 16
            let bTail = UInt64(b2.bigEndian) << 32 | UInt64(b3.bigEndian) << 16
            if aTail != bTail { return aTail < bTail }
            return al < bl
        }
        return lhs.withUnsafeBytes { a in
            rhs.withUnsafeBytes { b in
                let common = min(a.count, b.count)
                if common > 0 {
                    let order = memcmp(a.baseAddress!, b.baseAddress!, common)
                    if order != 0 { return order < 0 }
                }
                return a.count < b.count
            }
        }
    }

    /// - Complexity: O(n).
    @inlinable public static func == (lhs: ByteString, rhs: ByteString) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case (.small(let a0, let a1, let a2, let a3, let al), .small(let b0, let b1, let b2, let b3, let bl)):
            return a0 == b0 && a1 == b1 && a2 == b2 && a3 == b3 && al == bl
        case (.large(let a), .large(let b)):
            return a == b
        default:
            // Strings up to 22 bytes are always inline, so an inline and an array one differ.
            return false
        }
    }

    /// Hashes whole words or one block of bytes rather than byte by byte.
    @inlinable public func hash(into hasher: inout Hasher) {
        switch storage {
        case .small(let a, let b, let c, let d, let length):
            hasher.combine(a)
            hasher.combine(b)
            hasher.combine(UInt64(c) | UInt64(d) << 32 | UInt64(length) << 48)
        case .large(let array):
            array.withUnsafeBytes { hasher.combine(bytes: $0) }
            hasher.combine(array.count)
        }
    }
}

extension ByteString: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(value) }
}

extension ByteString: CustomStringConvertible {
    public var description: String { string }
}
