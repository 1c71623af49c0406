import RESP

/// Typed key access for the aggregate families (lists, hashes, sets, sorted sets).
extension CommandContext {
    /// The list at `key`; WRONGTYPE for another type; nil when absent.
    func lookupList(_ key: ByteString) throws(RedisError) -> ListValue? {
        switch lookup(key) {
        case nil: return nil
        case .list(let value)?: return value
        default: throw .wrongType
        }
    }

    /// The hash at `key`, holding the server's current listpack limits for the next write;
    /// WRONGTYPE for another type; nil when absent.
    func lookupHash(_ key: ByteString) throws(RedisError) -> HashValue? {
        switch lookup(key) {
        case nil: return nil
        case .hash(let value)?:
            value.limits = server.config.encodingLimits.hash
            return value
        default: throw .wrongType
        }
    }

    /// The set at `key`; WRONGTYPE for another type; nil when absent. Its insertions take
    /// `maxIntsetEntries`.
    func lookupSet(_ key: ByteString) throws(RedisError) -> SetValue? {
        switch lookup(key) {
        case nil: return nil
        case .set(let value)?: return value
        default: throw .wrongType
        }
    }

    /// The server's set-max-intset-entries now, which every insertion into a set converts by
    /// (Redis reads it at each write; a set does not keep a copy).
    var maxIntsetEntries: Int { server.config.encodingLimits.intsetEntries }

    /// The sorted set at `key`, holding the server's current listpack limits for the next
    /// write; WRONGTYPE for another type; nil when absent.
    func lookupSortedSet(_ key: ByteString) throws(RedisError) -> SortedSetValue? {
        switch lookup(key) {
        case nil: return nil
        case .zset(let value)?:
            value.limits = server.config.encodingLimits.sortedSet
            return value
        default: throw .wrongType
        }
    }

    /// An empty hash or sorted set that will convert by the server's current limits.
    func newHash() -> HashValue {
        let hash = HashValue()
        hash.limits = server.config.encodingLimits.hash
        return hash
    }

    func newSortedSet(listpack: Bool) -> SortedSetValue {
        SortedSetValue(listpack: listpack, limits: server.config.encodingLimits.sortedSet)
    }

    /// Deletes `key` when its collection became empty, with the `del` event Redis fires then.
    func deleteIfEmpty(_ key: ByteString, _ isEmpty: Bool) {
        guard isEmpty else { return }
        deleteKey(key)
        notify(.generic, "del", key)
    }

    /// Removes the arguments from 2 on from the collection at argument 1 (HDEL's fields, SREM's
    /// members), stopping once it is empty; if any went, marks the key modified, fires `event`
    /// of `eventClass` and deletes the key once empty. Returns how many were removed.
    func removeArguments(
        _ eventClass: KeyspaceEventClass, event: String, isEmpty: () -> Bool, remove: (ByteString) -> Bool
    ) -> RESPValue {
        var removed: Int64 = 0
        for member in args[2...] where remove(member) {
            removed += 1
            if isEmpty() { break }
        }
        if removed > 0 {
            signalModified(args[1])
            notify(eventClass, event, args[1])
            deleteIfEmpty(args[1], isEmpty())
        }
        return .integer(removed)
    }

    /// Argument `index` as a non-negative integer (Redis's getPositiveLongFromObjectOrReply:
    /// the message answers both a non-integer and a negative value).
    func positiveInteger(at index: Int, message: String = "ERR value is out of range, must be positive") throws(RedisError) -> Int64 {
        guard let value = args[index].int64Value, value >= 0 else { throw RedisError(message) }
        return value
    }

    /// Argument `index` as an integer in `range` (Redis's getRangeLongFromObjectOrReply with a message).
    func integer(at index: Int, in range: ClosedRange<Int64>, message: String) throws(RedisError) -> Int64 {
        guard let value = args[index].int64Value, range.contains(value) else { throw RedisError(message) }
        return value
    }

    /// Argument `index` as a double, as Redis's getDoubleFromObjectOrReply reads it.
    func double(at index: Int, message: String? = nil) throws(RedisError) -> Double {
        // The message is built only on failure: a default of `notFloat.message` decoded its
        // text into a new String on every call.
        guard let value = args[index].doubleValue else { throw message.map { RedisError($0) } ?? .notFloat }
        return value
    }

    /// True when argument `index` equals `word`, ignoring ASCII case.
    func word(at index: Int, is word: StaticString) -> Bool {
        let argument = args[index]
        guard argument.count == word.utf8CodeUnitCount else { return false }
        // Read in place: copying the argument's bytes out cost an allocation per option checked.
        return argument.withUnsafeBytes { argument in
            word.withUTF8Buffer { expected in
                for i in 0..<expected.count {
                    let a = argument[i], b = expected[i]
                    if a != b, !(a >= 65 && a <= 90 && a + 32 == b) { return false }
                }
                return true
            }
        }
    }
}
