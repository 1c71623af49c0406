/// One key of a database: its value and its access record (LRU clock or LFU counter) in one
/// slot, as Redis keeps the `lru` field inside the value's object rather than in a dictionary
/// of its own.
struct KeySlot: DenseTableSlot {
    var key: ByteString
    var value: RedisValue
    var access: KeyAccess.Stored
}

/// A database's key dictionary.
typealias KeyTable = DenseTable<KeySlot>

extension DenseTable where Slot == KeySlot {
    /// The slot number of `key`, or nil (valid until the next insertion or removal).
    @inline(__always)
    func slotIndex(of key: ByteString) -> Int? { index(of: key) }

    /// True when slot `hint` holds `key`: a slot found earlier, confirmed without hashing.
    @inline(__always)
    func slot(_ hint: Int, holds key: ByteString) -> Bool {
        hint >= 0 && hint < count && self[slot: hint].key == key
    }

    /// The value at `key`; assigning nil removes the key, assigning to an existing key keeps its
    /// access record, and a new key starts without one.
    subscript(key: ByteString) -> RedisValue? {
        get { index(of: key).map { self[slot: $0].value } }
        set {
            if let newValue { updateValue(newValue, forKey: key) } else { removeValue(forKey: key) }
        }
    }

    /// Stores `value` at `key`; returns the value it replaced. An existing key keeps its access
    /// record; a new one gets `access`.
    @discardableResult
    mutating func updateValue(_ value: RedisValue, forKey key: ByteString,
                              access: KeyAccess.Stored = KeyAccess.absent) -> RedisValue? {
        let (index, inserted) = findOrInsert(KeySlot(key: key, value: value, access: access), key: key)
        if inserted { return nil }
        let old = self[slot: index].value
        self[slot: index].value = value
        return old
    }

    /// Stores `value` at `key` with a fresh access record `access`, keeping the old record when
    /// the key exists and `keepingAccess`; returns true when the key is new.
    mutating func set(_ value: RedisValue, forKey key: ByteString, access: KeyAccess.Stored, keepingAccess: Bool, hint: Int = -1) -> Bool {
        let index: Int
        if slot(hint, holds: key) {
            index = hint
        } else {
            let found = findOrInsert(KeySlot(key: key, value: value, access: access), key: key)
            if found.inserted { return true }
            index = found.index
        }
        self[slot: index].value = value
        if !keepingAccess { self[slot: index].access = access }
        return false
    }

    /// Removes `key`; returns its value.
    @discardableResult
    mutating func removeValue(forKey key: ByteString) -> RedisValue? { remove(key)?.value }

    /// The access record of `key`, nil when the key is absent or has none yet.
    subscript(access key: ByteString) -> KeyAccess? {
        get { index(of: key).flatMap { KeyAccess(stored: self[slot: $0].access) } }
        set {
            guard let index = index(of: key) else { return }
            self[slot: index].access = newValue?.stored ?? KeyAccess.absent
        }
    }

    /// The keys, in slot order.
    var keys: LazyMapCollection<Self, ByteString> { lazy.map { $0.key } }
}
