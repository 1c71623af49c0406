extension ByteString {
    /// Calls `body` with the bytes as one array it may change in place, first zero-extended to at
    /// least `minimumCount` bytes (as Redis's sdsgrowzero does), then stores the result.
    ///
    /// A long string hands its own array over, so a bit edit on a large bitmap or HyperLogLog
    /// writes in place instead of copying the whole value: the storage is emptied first, which
    /// leaves the array with a single owner.
    ///
    /// - Complexity: O(1) for a long string not grown, plus whatever `body` does; O(n) when it grows.
    mutating func editBytes<R>(zeroExtendingTo minimumCount: Int = 0, _ body: (inout [UInt8]) throws -> R) rethrows -> R {
        var array: [UInt8]
        if case .large(let owned) = storage {
            array = owned
            storage = .large([])
        } else {
            array = bytes
        }
        if array.count < minimumCount {
            array.append(contentsOf: repeatElement(0, count: minimumCount - array.count))
        }
        defer { storage = array.count <= Self.inlineCapacity ? ByteString(array).storage : .large(array) }
        return try body(&array)
    }
}

extension RedisValue {
    /// Edits the bytes of a string value in place (see `ByteString.editBytes`); nil when the
    /// value is not a string.
    mutating func editStringBytes<R>(zeroExtendingTo minimumCount: Int = 0, _ body: (inout [UInt8]) throws -> R) rethrows -> R? {
        guard case .string(var string) = self else { return nil }
        // Drop this enum's reference before editing, so the string's array has one owner.
        self = .string(ByteString([]))
        defer { self = .string(string) }
        return try string.editBytes(zeroExtendingTo: minimumCount, body)
    }
}

extension Database {
    /// Edits the string at `key` in place without looking the key up twice or copying its
    /// bytes; nil when the key is absent or not a string. Callers handle expiry, types,
    /// notifications and `signalModified` as for any write.
    func editString<R>(_ key: ByteString, zeroExtendingTo minimumCount: Int = 0, _ body: (inout [UInt8]) throws -> R) rethrows -> R? {
        guard let index = entries.slotIndex(of: key) else { return nil }
        let result = try entries[slot: index].value.editStringBytes(zeroExtendingTo: minimumCount, body)
        encodingOverrides[key] = "raw"
        return result
    }
}
