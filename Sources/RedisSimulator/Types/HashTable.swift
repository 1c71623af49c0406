/// The `hashtable` encoding of a hash: fields in dense arrays indexed by a dictionary, so a
/// lookup and a random field are O(1), and deletion swaps with the last. A class apart, so a
/// small hash (a listpack) carries one reference for it, not three collections.
final class HashTable {
    private(set) var keys: [ByteString]
    private(set) var values: [ByteString]
    private var positions: [ByteString: Int]
    /// The scan order, built by HSCAN and dropped by writes.
    var scanOrderCache: ScanOrder?

    /// A table holding `keys` with `values`, in that order; the keys are distinct.
    init(keys: [ByteString], values: [ByteString]) {
        self.keys = keys
        self.values = values
        positions = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
    }

    /// A deep copy.
    func clone() -> HashTable { HashTable(keys: keys, values: values) }

    /// The value of `field`, or nil.
    subscript(field: ByteString) -> ByteString? { positions[field].map { values[$0] } }

    /// Sets `field` to `value`; returns true when the field is new.
    func set(_ field: ByteString, _ value: ByteString) -> Bool {
        scanOrderCache = nil
        if let index = positions[field] {
            values[index] = value
            return false
        }
        positions[field] = keys.count
        keys.append(field)
        values.append(value)
        return true
    }

    /// Removes `field`; returns true if it was there.
    func remove(_ field: ByteString) -> Bool {
        scanOrderCache = nil
        guard let index = positions.removeValue(forKey: field) else { return false }
        let last = keys.count - 1
        if index != last {
            keys[index] = keys[last]
            values[index] = values[last]
            positions[keys[index]] = index
        }
        keys.removeLast()
        values.removeLast()
        return true
    }

    /// The fields in HSCAN order, cached until the next write.
    func scanOrder() -> ScanOrder {
        if let cached = scanOrderCache { return cached }
        let order = ScanOrder(keys)
        scanOrderCache = order
        return order
    }

    /// Checks that the arrays and the dictionary agree.
    func checkInvariants() {
        precondition(keys.count == values.count && keys.count == positions.count)
        for (i, key) in keys.enumerated() { precondition(positions[key] == i) }
    }
}
