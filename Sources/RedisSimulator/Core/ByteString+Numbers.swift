import RESP

extension ByteString {
    /// The value as Redis's `string2ll` reads it: optional `-`, digits, no `+`, spaces or
    /// leading zeros, within Int64; nil otherwise.
    public var int64Value: Int64? {
        guard count > 0, count <= 20 else { return nil }
        return withUnsafeBytes { RESPDecimal.parse($0) }
    }

    /// The decimal text of `value`, as Redis writes integers.
    public init(_ value: Int64) { self.init(String(value)) }

    /// C's `strtoull` from where its leading blanks end to the end of `text`: an optional sign,
    /// then decimal digits, a `-` negating modulo 2^64 as C does; nil when no digit follows the
    /// sign, a byte is not a digit, or the value passes UInt64. The one home of this reading
    /// (SCAN's cursor, a stream id's parts); each caller decides what a blank or an empty string means.
    static func wrappingUnsigned(_ text: ArraySlice<UInt8>) -> UInt64? {
        var digits = text
        var negative = false
        if let sign = digits.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return negative ? 0 &- value : value
    }
}

extension CommandContext {
    /// Argument `index` as an integer, or Redis's "not an integer" error.
    public func integer(at index: Int) throws(RedisError) -> Int64 {
        guard let value = args[index].int64Value else { throw .notInteger }
        return value
    }

    /// Argument `index` as a C `int`, as Redis's getIntFromObjectOrReply reads it (SELECT, COPY
    /// … DB): "not an integer" past Int64, its own range error past Int32.
    public func int32(at index: Int) throws(RedisError) -> Int32 {
        let value = try integer(at: index)
        guard let narrow = Int32(exactly: value) else {
            throw RedisError("ERR value is out of range, value must between \(Int32.min) and \(Int32.max)")
        }
        return narrow
    }
}
