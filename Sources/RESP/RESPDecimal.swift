/// Redis's strict decimal reading (`string2ll`): an optional `-`, no `+`, no leading zeros, no
/// spaces, and nothing that overflows a signed 64-bit integer. The project's one integer reader:
/// the request parser, the reply parser and every command argument go through it.
public enum RESPDecimal {
    /// The value of `bytes[start..<end]`, or nil when it is not a strict decimal integer.
    @inlinable
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int64? {
        let length = end - start
        guard length > 0, length < 21 else { return nil }
        if length == 1, bytes[start] == UInt8(ascii: "0") { return 0 }
        var index = start
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative {
            index += 1
            guard index < end else { return nil }
        }
        guard bytes[index] >= UInt8(ascii: "1"), bytes[index] <= UInt8(ascii: "9") else { return nil }
        var magnitude = UInt64(bytes[index] - UInt8(ascii: "0"))
        index += 1
        while index < end {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            magnitude = sum
            index += 1
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// Parses a whole array of bytes.
    @inlinable
    public static func parse(_ bytes: [UInt8]) -> Int64? {
        bytes.withUnsafeBufferPointer { parse($0, from: 0, to: $0.count) }
    }

    /// Parses the whole of a raw buffer.
    @inlinable
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        let typed = bytes.assumingMemoryBound(to: UInt8.self)
        return parse(typed, from: 0, to: typed.count)
    }
}
