/// A stream entry id: milliseconds and a sequence number, ordered as Redis orders them.
public struct StreamID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var ms: UInt64
    public var seq: UInt64

    public init(ms: UInt64, seq: UInt64) {
        self.ms = ms
        self.seq = seq
    }

    public static let zero = StreamID(ms: 0, seq: 0)
    public static let max = StreamID(ms: .max, seq: .max)

    public static func < (lhs: StreamID, rhs: StreamID) -> Bool {
        lhs.ms != rhs.ms ? lhs.ms < rhs.ms : lhs.seq < rhs.seq
    }

    /// `ms-seq`, as replies show it.
    public var description: String { String(decoding: textBytes, as: UTF8.self) }

    /// `ms-seq` as bytes, as replies carry it: every XADD answers one, and String
    /// interpolation cost more than the append itself.
    public var textBytes: [UInt8] {
        // Written backwards on the stack (the longest id takes 20 + 1 + 20 bytes), then copied
        // into an array of the exact size: the array initializers that write in place go
        // through unspecialized code that looks up the array's type metadata on every call.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 41) { buffer in
            let base = buffer.baseAddress!
            var index = 41
            func put(_ value: UInt64) {
                var rest = value
                repeat {
                    index -= 1
                    base[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
                    rest /= 10
                } while rest > 0
            }
            put(seq)
            index -= 1
            base[index] = UInt8(ascii: "-")
            put(ms)
            return Array(UnsafeBufferPointer(start: base + index, count: 41 - index))
        }
    }

    /// The next id, or nil after the last possible one (Redis's streamIncrID).
    public var successor: StreamID? {
        if seq < .max { return StreamID(ms: ms, seq: seq + 1) }
        if ms < .max { return StreamID(ms: ms + 1, seq: 0) }
        return nil
    }

    /// The previous id, or nil before 0-0 (Redis's streamDecrID).
    public var predecessor: StreamID? {
        if seq > 0 { return StreamID(ms: ms, seq: seq - 1) }
        if ms > 0 { return StreamID(ms: ms - 1, seq: .max) }
        return nil
    }

    /// Parses `ms-seq`, `ms` (the sequence then being `missingSeq`), and unless `strict` the
    /// specials `-` and `+`; with `allowAutoSeq`, `ms-*` parses with `autoSeq` set.
    /// Mirrors Redis's streamGenericParseIDOrReply.
    static func parse(
        _ text: ByteString, missingSeq: UInt64 = 0, strict: Bool = false, allowAutoSeq: Bool = false
    ) -> (id: StreamID, autoSeq: Bool)? {
        guard text.count <= 127 else { return nil }
        // Redis reads the id as a C string: it ends at a NUL.
        let b = Array(text.bytes.prefix { $0 != 0 })
        if b.count == 1 && (b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+")) {
            if strict { return nil }
            return (b[0] == UInt8(ascii: "-") ? .zero : .max, false)
        }
        let dash = b.firstIndex(of: UInt8(ascii: "-"))
        guard let ms = parseUnsigned(dash.map { b[..<$0] } ?? b[...]) else { return nil }
        guard let dash else { return (StreamID(ms: ms, seq: missingSeq), false) }
        let rest = b[(dash + 1)...]
        if allowAutoSeq, rest.count == 1, rest.first == UInt8(ascii: "*") {
            return (StreamID(ms: ms, seq: 0), true)
        }
        guard let seq = parseUnsigned(rest) else { return nil }
        return (StreamID(ms: ms, seq: seq), false)
    }

    /// Redis's string2ull over a C string (up to a NUL): a non-negative `string2ll` integer,
    /// else C's `strtoull` over the whole string, which takes leading spaces and a sign
    /// (`" 1"` and `"+1"` are 1; `"-01"` wraps to 2^64 - 1), within UInt64.
    private static func parseUnsigned(_ digits: ArraySlice<UInt8>) -> UInt64? {
        let text = digits.prefix { $0 != 0 }
        if let value = ByteString(Array(text)).int64Value { return value < 0 ? nil : UInt64(value) }
        var index = text.startIndex
        while index < text.endIndex, ByteString.isCSpace(text[index]) { index += 1 }
        return ByteString.wrappingUnsigned(text[index...])
    }
}
