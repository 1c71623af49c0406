/// A hash: field → value.
///
/// Like Redis 7.0 it has two encodings: `listpack` while small, which keeps insertion order
/// (HGETALL answers in that order), and `hashtable` once it outgrows the limits, which it never
/// leaves. Both store fields in dense arrays indexed by a dictionary, so lookups are O(1), a
/// random field is O(1), and deletion is O(1) in `hashtable` (swap with the last) and O(n) in
/// `listpack` (shift to keep the order), as in Redis where n ≤ 512.
public final class HashValue {
    private var keys: [ByteString] = []
    private var values: [ByteString] = []
    private var positions: [ByteString: Int] = [:]
    /// True while the hash is in its small, insertion-ordered encoding.
    public private(set) var isListpack = true
    /// The scan order of a `hashtable` hash, built by HSCAN and dropped by writes.
    var scanOrderCache: ScanOrder?

    /// Redis 7.0's default `hash-max-listpack-entries`.
    public static let maxListpackEntries = ListpackLimits.hashDefault.entries
    /// Redis 7.0's default `hash-max-listpack-value`: the longest field or value a listpack keeps.
    public static let maxListpackValue = ListpackLimits.hashDefault.value
    /// The thresholds the next write converts by: the server's CONFIG when it last looked the
    /// hash up (Redis reads them at each write).
    public var limits = ListpackLimits.hashDefault

    /// An empty hash in the listpack encoding.
    public init() {}

    /// A hash holding `pairs`, in order.
    public convenience init(_ pairs: [(ByteString, ByteString)]) {
        self.init()
        for (field, value) in pairs { set(field, value) }
    }

    /// A deep copy, for COPY (the encoding is kept).
    public func clone() -> HashValue {
        let copy = HashValue()
        copy.keys = keys
        copy.values = values
        copy.positions = positions
        copy.isListpack = isListpack
        copy.limits = limits
        return copy
    }
}

extension HashValue {
    /// `listpack` while small, else `hashtable`.
    public var encodingName: String { isListpack ? "listpack" : "hashtable" }

    /// The number of fields.
    public var count: Int { keys.count }

    /// True when there are no fields (the key must then be deleted).
    public var isEmpty: Bool { keys.isEmpty }

    /// The value of `field`, or nil.
    ///
    /// - Complexity: O(1).
    public subscript(field: ByteString) -> ByteString? {
        positions[field].map { values[$0] }
    }

    /// The fields and values in the order HGETALL reports them.
    public var pairs: [(field: ByteString, value: ByteString)] {
        (0..<keys.count).map { (keys[$0], values[$0]) }
    }

    /// The fields, in HKEYS order.
    public var fields: [ByteString] { keys }

    /// The values, in HVALS order.
    public var fieldValues: [ByteString] { values }

    /// The field and value at storage position `index` (0..<count), for random picks.
    public func pair(at index: Int) -> (field: ByteString, value: ByteString) { (keys[index], values[index]) }

    /// Converts to `hashtable` if any of `arguments` is longer than a listpack keeps, as Redis's
    /// hashTypeTryConversion does before a write (even one that then changes nothing).
    public func convertIfAnyTooLong(_ arguments: some Sequence<ByteString>) {
        guard isListpack else { return }
        if arguments.contains(where: { $0.count > limits.value }) { isListpack = false }
    }

    /// Sets `field` to `value`; returns true when the field is new.
    ///
    /// - Complexity: O(1) amortized.
    @discardableResult
    public func set(_ field: ByteString, _ value: ByteString) -> Bool {
        scanOrderCache = nil
        if isListpack, field.count > limits.value || value.count > limits.value {
            isListpack = false
        }
        if let index = positions[field] {
            values[index] = value
            return false
        }
        positions[field] = keys.count
        keys.append(field)
        values.append(value)
        if isListpack, keys.count > limits.entries { isListpack = false }
        return true
    }

    /// Removes `field`; returns true if it was there.
    ///
    /// - Complexity: O(n) in `listpack` (order kept), O(1) in `hashtable`.
    @discardableResult
    public func remove(_ field: ByteString) -> Bool {
        scanOrderCache = nil
        guard let index = positions.removeValue(forKey: field) else { return false }
        if isListpack {
            keys.remove(at: index)
            values.remove(at: index)
            for i in index..<keys.count { positions[keys[i]] = i }
        } else {
            let last = keys.count - 1
            if index != last {
                keys[index] = keys[last]
                values[index] = values[last]
                positions[keys[index]] = index
            }
            keys.removeLast()
            values.removeLast()
        }
        return true
    }

    /// Checks the structure's invariants; the tests call it after every operation.
    public func checkInvariants() {
        precondition(keys.count == values.count && keys.count == positions.count)
        for (i, key) in keys.enumerated() { precondition(positions[key] == i) }
        if isListpack {
            precondition(keys.count <= limits.entries)
            precondition(keys.allSatisfy { $0.count <= limits.value })
            precondition(values.allSatisfy { $0.count <= limits.value })
        }
    }
}

extension HashValue {
    /// The fields in HSCAN order, cached until the next write.
    func scanOrder() -> ScanOrder {
        if let cached = scanOrderCache { return cached }
        let order = ScanOrder(keys)
        scanOrderCache = order
        return order
    }
}
