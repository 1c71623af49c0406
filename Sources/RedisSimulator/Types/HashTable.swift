/// A field of a `hashtable` hash and its value.
struct HashField: DenseTableSlot {
    var key: ByteString
    var value: ByteString
}

/// The `hashtable` encoding of a hash: the fields in a `DenseTable`, so a lookup and a random
/// field are O(1). A class apart, so a small hash (a listpack) carries one reference for it.
final class HashTable {
    private(set) var fields: DenseTable<HashField>
    /// The scan order, built by HSCAN and dropped by writes.
    var scanOrderCache: ScanOrder?

    /// A table holding `keys` with `values`, in that order; the keys are distinct.
    init(keys: [ByteString], values: [ByteString]) {
        fields = DenseTable(minimumCapacity: keys.count)
        for (key, value) in zip(keys, values) { fields.insertNew(HashField(key: key, value: value)) }
    }

    private init(fields: DenseTable<HashField>) { self.fields = fields }

    /// A deep copy.
    func clone() -> HashTable { HashTable(fields: fields) }

    /// The number of fields.
    var count: Int { fields.count }

    /// The fields, in storage order.
    var keys: [ByteString] { fields.map(\.key) }

    /// The values, in storage order.
    var values: [ByteString] { fields.map(\.value) }

    /// The field and value at storage position `index`.
    func pair(at index: Int) -> (field: ByteString, value: ByteString) {
        let slot = fields[slot: index]
        return (slot.key, slot.value)
    }

    /// The value of `field`, or nil.
    subscript(field: ByteString) -> ByteString? { fields.index(of: field).map { fields[slot: $0].value } }

    /// Sets `field` to `value`; returns true when the field is new.
    func set(_ field: ByteString, _ value: ByteString) -> Bool {
        scanOrderCache = nil
        let (index, inserted) = fields.findOrInsert(HashField(key: field, value: value), key: field)
        if !inserted { fields[slot: index].value = value }
        return inserted
    }

    /// Removes `field`; returns true if it was there.
    func remove(_ field: ByteString) -> Bool {
        scanOrderCache = nil
        return fields.remove(field) != nil
    }

    /// The fields in HSCAN order, cached until the next write.
    func scanOrder() -> ScanOrder {
        if let cached = scanOrderCache { return cached }
        let order = ScanOrder(keys)
        scanOrderCache = order
        return order
    }

    /// Checks the table.
    func checkInvariants() { fields.checkInvariants() }
}
