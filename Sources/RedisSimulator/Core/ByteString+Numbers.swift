extension ByteString {
    /// The value as Redis's `string2ll` reads it: optional `-`, digits, no `+`, spaces or
    /// leading zeros, within Int64; nil otherwise.
    public var int64Value: Int64? {
        guard count > 0, count <= 20 else { return nil }
        return withUnsafeBytes { b -> Int64? in
            if b.count == 1, b[0] == UInt8(ascii: "0") { return 0 }
            var index = 0
            let negative = b[0] == UInt8(ascii: "-")
            if negative { index = 1 }
            guard index < b.count, b[index] >= UInt8(ascii: "1"), b[index] <= UInt8(ascii: "9") else { return nil }
            var magnitude: UInt64 = 0
            while index < b.count {
                let c = b[index]
                guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
                let (m1, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (m2, o2) = m1.addingReportingOverflow(UInt64(c - UInt8(ascii: "0")))
                guard !o1, !o2 else { return nil }
                magnitude = m2
                index += 1
            }
            if negative {
                guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
                return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
            }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return Int64(magnitude)
        }
    }

    /// The decimal text of `value`, as Redis writes integers.
    public init(_ value: Int64) { self.init(String(value)) }
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
