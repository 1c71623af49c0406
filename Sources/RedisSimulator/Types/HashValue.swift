/// A hash: field → value.
///
/// Like Redis 7.0 it has two encodings: `listpack` while small, fields and values packed side by
/// side in one byte buffer in insertion order (HGETALL answers in that order), found by a linear
/// scan as Redis's listpack is; and `hashtable` once it outgrows the limits, which it never
/// leaves (`HashTable`).
public final class HashValue {
    /// The listpack (field, value, field, value… as `PackedBytes` text elements) or the table,
    /// the field count and the limits, in one exact buffer and 24 bytes of object.
    private var storage: PackedStorage<HashTable>

    /// The hashtable encoding, once the value has one.
    private var table: HashTable? { storage.table }

    /// True while the hash is in its small, insertion-ordered encoding.
    public var isListpack: Bool { storage.isPacked }

    /// The bytes of the listpack (0 once converted), all of its one allocation.
    var packedByteCount: Int { storage.packedByteCount }

    /// Redis 7.0's default `hash-max-listpack-entries`.
    public static let maxListpackEntries = ListpackLimits.hashDefault.entries
    /// Redis 7.0's default `hash-max-listpack-value`: the longest field or value a listpack keeps.
    public static let maxListpackValue = ListpackLimits.hashDefault.value
    /// The thresholds the next write converts by: the server's CONFIG when it last looked the
    /// hash up (Redis reads them at each write).
    public var limits: ListpackLimits {
        get { storage.limits }
        set { storage.limits = newValue }
    }

    /// An empty hash in the listpack encoding.
    public init() {
        storage = PackedStorage(limits: .hashDefault)
    }

    /// A hash holding `pairs`, in order.
    public convenience init(_ pairs: [(ByteString, ByteString)]) {
        self.init()
        for (field, value) in pairs { set(field, value) }
    }

    private init(storage: consuming PackedStorage<HashTable>) { self.storage = storage }

    /// A deep copy, for COPY (the encoding is kept).
    public func clone() -> HashValue { HashValue(storage: storage.clone { $0.clone() }) }
}

/// The listpack encoding's walks.
extension HashValue {
    /// Where `field` and its value lie in the listpack: the field's start, the value's start and the end.
    ///
    /// - Complexity: O(n).
    private func packedLocation(of field: ByteString) -> (start: Int, value: Int, end: Int)? {
        field.withUnsafeBytes { probe in
            storage.withBytes { buffer in
                var p = 0
                while p < buffer.count {
                    let start = p
                    let match = PackedBytes.textEquals(buffer, &p, probe)
                    let value = p
                    PackedBytes.skipElement(buffer, &p)
                    if match { return (start, value, p) }
                }
                return nil
            }
        }
    }

    /// Every element of the listpack in order, or every other one from `first` (0: fields, 1: values).
    private func packedElements(from first: Int = 0, every step: Int = 1) -> [ByteString] {
        storage.withBytes { buffer in
            var result: [ByteString] = []
            result.reserveCapacity(Int(storage.packedCount) * 2 / step)
            var p = 0, index = 0
            while p < buffer.count {
                if index % step == first % step, index >= first {
                    result.append(PackedBytes.readElement(buffer, &p))
                } else {
                    PackedBytes.skipElement(buffer, &p)
                }
                index += 1
            }
            return result
        }
    }

    /// Moves the fields into the `hashtable` encoding, keeping their order.
    private func convertToHashtable() {
        let elements = packedElements()
        storage.convert(to: HashTable(keys: stride(from: 0, to: elements.count, by: 2).map { elements[$0] },
                                      values: stride(from: 1, to: elements.count, by: 2).map { elements[$0] }))
    }
}

extension HashValue {
    /// `listpack` while small, else `hashtable`.
    public var encodingName: String { isListpack ? "listpack" : "hashtable" }

    /// The number of fields.
    public var count: Int { table?.count ?? Int(storage.packedCount) }

    /// True when there are no fields (the key must then be deleted).
    public var isEmpty: Bool { count == 0 }

    /// The value of `field`, or nil.
    ///
    /// - Complexity: O(n) in `listpack`, O(1) in `hashtable`.
    public subscript(field: ByteString) -> ByteString? {
        if let table { return table[field] }
        guard let location = packedLocation(of: field) else { return nil }
        return storage.withBytes { buffer in
            var p = location.value
            return PackedBytes.readElement(buffer, &p)
        }
    }

    /// The fields and values in the order HGETALL reports them.
    public var pairs: [(field: ByteString, value: ByteString)] {
        if let table { return (0..<table.count).map { table.pair(at: $0) } }
        let elements = packedElements()
        return stride(from: 0, to: elements.count, by: 2).map { (elements[$0], elements[$0 + 1]) }
    }

    /// The fields, in HKEYS order.
    public var fields: [ByteString] { table?.keys ?? packedElements(from: 0, every: 2) }

    /// The values, in HVALS order.
    public var fieldValues: [ByteString] { table?.values ?? packedElements(from: 1, every: 2) }

    /// The field and value at storage position `index` (0..<count), for random picks.
    ///
    /// - Complexity: O(n) in `listpack`, O(1) in `hashtable`.
    public func pair(at index: Int) -> (field: ByteString, value: ByteString) {
        if let table { return table.pair(at: index) }
        return storage.withBytes { buffer in
            var p = 0
            for _ in 0..<(2 * index) { PackedBytes.skipElement(buffer, &p) }
            let field = PackedBytes.readElement(buffer, &p)
            return (field, PackedBytes.readElement(buffer, &p))
        }
    }

    /// The pairs at storage positions `indices`, each in 0..<count, repeats allowed (HRANDFIELD).
    ///
    /// - Complexity: O(n + k) in `listpack` (one walk), O(k) in `hashtable`.
    public func pairs(at indices: [Int]) -> [(field: ByteString, value: ByteString)] {
        if let table { return indices.map { table.pair(at: $0) } }
        let all = pairs
        return indices.map { all[$0] }
    }

    /// Converts to `hashtable` if any of `arguments` is longer than a listpack keeps, as Redis's
    /// hashTypeTryConversion does before a write (even one that then changes nothing).
    public func convertIfAnyTooLong(_ arguments: some Sequence<ByteString>) {
        guard isListpack else { return }
        if arguments.contains(where: { $0.count > limits.value }) { convertToHashtable() }
    }

    /// Sets `field` to `value`; returns true when the field is new.
    ///
    /// - Complexity: O(n) in `listpack`, O(1) amortized in `hashtable`.
    @discardableResult
    public func set(_ field: ByteString, _ value: ByteString) -> Bool {
        if isListpack, field.count > limits.value || value.count > limits.value {
            convertToHashtable()
        }
        if let inserted = storage.withTable({ $0.set(field, value) }) { return inserted }
        let valueSize = PackedBytes.textSize(value)
        if let location = packedLocation(of: field) {
            if storage.fits(adding: valueSize, removing: location.end - location.value) {
                storage.replaceBytes(location.value..<location.end, count: valueSize) { PackedBytes.writeText(value, to: $0) }
                return false
            }
        } else {
            let fieldSize = PackedBytes.textSize(field)
            if Int(storage.packedCount) < limits.entries, storage.fits(adding: fieldSize + valueSize) {
                let end = storage.packedByteCount
                storage.replaceBytes(end..<end, count: fieldSize + valueSize) { target in
                    PackedBytes.writeText(value, to: target + PackedBytes.writeText(field, to: target))
                }
                storage.packedCount += 1
                return true
            }
        }
        convertToHashtable()
        return table!.set(field, value)
    }

    /// Removes `field`; returns true if it was there.
    ///
    /// - Complexity: O(n) in `listpack` (order kept), O(1) in `hashtable`.
    @discardableResult
    public func remove(_ field: ByteString) -> Bool {
        if let table { return table.remove(field) }
        guard let location = packedLocation(of: field) else { return false }
        storage.replaceBytes(location.start..<location.end, count: 0) { _ in }
        storage.packedCount -= 1
        return true
    }

    /// Checks the structure's invariants; the tests call it after every operation.
    public func checkInvariants() {
        if let table {
            table.checkInvariants()
            precondition(storage.packedByteCount == 0 && storage.packedCount == 0)
        } else {
            let elements = packedElements()
            let packedCount = Int(storage.packedCount)
            precondition(elements.count == 2 * packedCount, "packed holds \(elements.count) elements for \(packedCount) pairs")
            precondition(packedCount <= limits.entries)
            precondition(elements.allSatisfy { $0.count <= limits.value })
            let fields = stride(from: 0, to: elements.count, by: 2).map { elements[$0] }
            precondition(Set(fields).count == fields.count, "a field is packed twice")
        }
    }
}

extension HashValue {
    /// The fields in HSCAN order, cached by a `hashtable` hash until the next write.
    func scanOrder() -> ScanOrder { table?.scanOrder() ?? ScanOrder(fields) }
}
