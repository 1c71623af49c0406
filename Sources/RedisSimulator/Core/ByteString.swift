/// A binary-safe Redis string: keys, values, members and fields.
///
/// Ordering is byte-wise and unsigned, like Redis's `memcmp`-based comparisons.
public struct ByteString: Hashable, Sendable, Comparable {
    /// The bytes, in order.
    public var bytes: [UInt8]

    /// Wraps raw bytes.
    @inlinable public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The UTF-8 bytes of `text`.
    @inlinable public init(_ text: String) { self.bytes = Array(text.utf8) }

    /// The number of bytes.
    @inlinable public var count: Int { bytes.count }

    /// True when there are no bytes.
    @inlinable public var isEmpty: Bool { bytes.isEmpty }

    /// The bytes decoded as UTF-8, invalid sequences repaired; for messages, never for storage.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// - Complexity: O(min(m, n)).
    public static func < (lhs: ByteString, rhs: ByteString) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }
}

extension ByteString: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(value) }
}

extension ByteString: CustomStringConvertible {
    public var description: String { string }
}
