/// How a reply built in its RESP3 shape reaches a client of either protocol, as Redis's
/// networking layer decides per client (`c->resp`).
extension RESPValue {
    /// This value as a client speaking `protocolVersion` (2 or 3) reads it.
    ///
    /// For RESP2: maps, sets and pushes become arrays (a map flattened key, value, …), a double
    /// its `%.17g` bulk string, a boolean 1 or 0, RESP3's null a null bulk string, a verbatim
    /// string its text and a big number its digits. For RESP3: RESP2's null bulk string and null
    /// array both become `_`, as Redis's `addReplyNull` and `addReplyNullArray` send it.
    public func adapted(toProtocol protocolVersion: Int) -> RESPValue {
        guard needsAdapting(toProtocol: protocolVersion) else { return self }
        if protocolVersion >= 3 {
            switch self {
            case .nullBulkString, .nullArray: return .null
            case .array(let items): return .array(items.map { $0.adapted(toProtocol: 3) })
            case .map(let items): return .map(items.map { $0.adapted(toProtocol: 3) })
            case .set(let items): return .set(items.map { $0.adapted(toProtocol: 3) })
            case .push(let items): return .push(items.map { $0.adapted(toProtocol: 3) })
            default: return self
            }
        }
        switch self {
        case .array(let items), .map(let items), .set(let items), .push(let items):
            return .array(items.map { $0.adapted(toProtocol: 2) })
        case .double(let number): return .bulkString(Array(RESPDouble.text(number).utf8))
        case .boolean(let truth): return .integer(truth ? 1 : 0)
        case .null: return .nullBulkString
        case .verbatimString(_, let text): return .bulkString(text)
        case .bigNumber(let digits): return .bulkString(Array(digits.utf8))
        default: return self
        }
    }

    /// False when the value already reads the same for `protocolVersion`, so the common reply
    /// (no RESP3 type in RESP2, no null in RESP3) is passed on without being copied.
    public func needsAdapting(toProtocol protocolVersion: Int) -> Bool {
        switch self {
        case .simpleString, .error, .integer, .bulkString:
            return false
        case .nullBulkString, .nullArray:
            return protocolVersion >= 3
        case .array(let items):
            return Self.anyNeedsAdapting(items, toProtocol: protocolVersion)
        case .map(let items), .set(let items), .push(let items):
            return protocolVersion < 3 || Self.anyNeedsAdapting(items, toProtocol: protocolVersion)
        case .double, .boolean, .null, .verbatimString, .bigNumber:
            return protocolVersion < 3
        }
    }

    /// True when an item needs adapting; the items are read in place through the array's
    /// buffer, as `contains` would copy each (a retain and a release per element).
    private static func anyNeedsAdapting(_ items: [RESPValue], toProtocol protocolVersion: Int) -> Bool {
        items.withUnsafeBufferPointer { items in
            for index in items.indices where items[index].needsAdapting(toProtocol: protocolVersion) { return true }
            return false
        }
    }
}
