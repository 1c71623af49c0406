import Basics
import RedislingsTestSupport
import Testing
@testable import RedisSimulator

/// The compact storage of keys and small values (issue 20, memory): the dense hash table
/// behind the keyspace and the large collections, the one-word access record, the packed list
/// nodes and the intset, each against a plain reference, and the footprint each promises.
@Suite(.computesForSeconds) struct CompactStorageTests {
    @Test(arguments: [1, 2]) func denseTableAgainstADictionary(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        var table = DenseTable<HashField>()
        var reference: [ByteString: ByteString] = [:]
        // Past one segment (4,096 slots), then mostly deletions so the index shrinks again.
        for step in 0..<30_000 {
            let key = ByteString("k\(Int.random(in: 0..<(step < 15_000 ? 9_000 : 3_000), using: &generator))")
            if step < 15_000 ? Int.random(in: 0..<4, using: &generator) > 0 : Int.random(in: 0..<4, using: &generator) == 0 {
                let value = ByteString("v\(step)")
                let (index, inserted) = table.findOrInsert(HashField(key: key, value: value), key: key)
                #expect(inserted == (reference[key] == nil))
                if !inserted { table[slot: index].value = value }
                reference[key] = value
            } else {
                let removed = table.remove(key)
                #expect(removed?.value == reference.removeValue(forKey: key))
            }
            if step % 1_000 == 0 {
                table.checkInvariants()
                #expect(table.count == reference.count)
                for (key, value) in reference { #expect(table.index(of: key).map { table[slot: $0].value } == value) }
            }
        }
        for key in Array(reference.keys) { table.remove(key) }
        table.checkInvariants()
        #expect(table.isEmpty)
    }

    @Test func keyTableKeepsValuesAndAccessRecordsTogether() {
        var table = KeyTable()
        let lru = KeyAccess(now: 1_000_000, lfu: false)
        let added = table.set(.string("v"), forKey: "a", access: lru.stored, keepingAccess: false)
        #expect(added)
        table["b"] = .string("w")
        #expect(table[access: "a"]?.idleSeconds(now: 1_005_000) == 5)
        #expect(table[access: "b"] == nil, "a key stored without a record has none")
        // An overwrite keeps the record when asked to (an LFU counter survives SET).
        let lfu = KeyAccess(now: 2_000_000, lfu: true)
        let keptRecord = table.set(.string("x"), forKey: "a", access: lfu.stored, keepingAccess: true)
        #expect(!keptRecord && table[access: "a"]?.writtenByLFU == false)
        let freshRecord = table.set(.string("x"), forKey: "a", access: lfu.stored, keepingAccess: false)
        #expect(!freshRecord && table[access: "a"]?.writtenByLFU == true)
        let removed = table.removeValue(forKey: "a")
        #expect(removed != nil)
        #expect(table[access: "a"] == nil && table.count == 1)
        #expect(MemoryLayout<KeySlot>.stride == 56, "key, value and access record in one 56-byte slot")
    }

    @Test func aSlotHintIsUsedOnlyWhenItStillHoldsTheKey() throws {
        var table = KeyTable()
        for name in ["a", "b", "c"] { table[ByteString(name)] = .string(ByteString(name)) }
        let b = try #require(table.slotIndex(of: "b"))
        #expect(table.slot(b, holds: "b") && !table.slot(b, holds: "c") && !table.slot(-1, holds: "b") && !table.slot(99, holds: "b"))
        // Removing a moves c into a's slot: a stale hint naming c's old slot must not be trusted.
        let staleC = try #require(table.slotIndex(of: "c"))
        table.removeValue(forKey: "a")
        #expect(!table.slot(staleC, holds: "c"))
        let added = table.set(.string("new c"), forKey: "c", access: KeyAccess.absent, keepingAccess: true, hint: staleC)
        func text(_ key: ByteString) -> ByteString? {
            if case .string(let value)? = table[key] { return value }
            return nil
        }
        #expect(!added && text("c") == "new c" && table.count == 2)
        // A hint naming another key's slot stores nothing there.
        let addedD = table.set(.string("d"), forKey: "d", access: KeyAccess.absent, keepingAccess: true, hint: b)
        #expect(addedD && text("b") == "b" && text("d") == "d")
        table.checkInvariants()
    }

    /// The slot addresses the pipeline's prefetch computes without retaining a segment are the
    /// slots' own, in every segment, after growth and after removals.
    @Test func prefetchAddressesAreTheSlotsThemselves() {
        var table = KeyTable()
        for index in 0..<10_000 { table[ByteString("k\(index)")] = .string("v") }
        table.checkPrefetchAddresses()
        for index in stride(from: 0, to: 10_000, by: 3) { table.removeValue(forKey: ByteString("k\(index)")) }
        table.checkPrefetchAddresses()
        // Asking an empty table, or for a tag nothing has, reads nothing out of bounds.
        var empty = KeyTable()
        empty.prefetchBucket(tag: 12345)
        empty.prefetchSlot(tag: 12345)
        table.prefetchSlot(tag: 0xDEAD_BEEF)
    }

    @Test func accessRecordsReadBackInOneWord() {
        #expect(MemoryLayout<KeyAccess>.size == 8)
        var record = KeyAccess(now: 1_700_000_123_456)
        #expect(record.idleMilliseconds(now: 1_700_000_125_000) == 1_544)
        #expect(record.lruField == (1_700_000_123_456 / 1000) & 0xFFFFFF)
        record.touch(now: 1_700_000_200_000, lfu: true, logFactor: 10, decayTime: 1)
        #expect(record.writtenByLFU)
        record.restore(idleSeconds: nil, frequency: 200, lfu: true, now: 1_700_000_200_000)
        #expect(record.decayedFrequency(now: 1_700_000_200_000, decayTime: 1) == 200)
        // Ten minutes later, one step per minute of lfu-decay-time 1.
        #expect(record.decayedFrequency(now: 1_700_000_800_000, decayTime: 1) == 190)
        record.restore(idleSeconds: 30, frequency: nil, lfu: false, now: 1_700_000_200_000)
        #expect(!record.writtenByLFU)
        #expect(record.idleSeconds(now: 1_700_000_200_000) == 30)
        #expect(KeyAccess(stored: KeyAccess.absent) == nil)
        #expect(KeyAccess(stored: KeyAccess(now: -5).stored)?.idleMilliseconds(now: 5) == 10, "times before 1970 survive the packing")
    }

    @Test(arguments: [1, 2, 3]) func listNodesAgainstAnArray(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let list = ListValue()
        var reference: [ByteString] = []
        let samples = PackedEncodingTests.awkward + [ByteString(String(repeating: "L", count: 9_000))]
        for step in 0..<2_500 {
            let element = Int.random(in: 0..<3, using: &generator) == 0
                ? samples.randomElement(using: &generator)! : ByteString("e\(step)-" + String(repeating: "p", count: step % 40))
            switch Int.random(in: 0..<10, using: &generator) {
            case 0..<4:
                let end: ListEnd = Bool.random(using: &generator) ? .left : .right
                list.push(element, at: end)
                if end == .left { reference.insert(element, at: 0) } else { reference.append(element) }
            case 4..<6:
                let end: ListEnd = Bool.random(using: &generator) ? .left : .right
                let popped = list.pop(from: end)
                #expect(popped == (end == .left ? reference.first : reference.last))
                if popped != nil { if end == .left { reference.removeFirst() } else { reference.removeLast() } }
            case 6:
                let index = Int.random(in: 0...reference.count, using: &generator)
                list.insert(element, at: index)
                reference.insert(element, at: index)
            case 7 where !reference.isEmpty:
                let index = Int.random(in: 0..<reference.count, using: &generator)
                list.replace(at: index, with: element)
                reference[index] = element
            case 8 where !reference.isEmpty:
                let target = reference.randomElement(using: &generator)!
                let fromTail = Bool.random(using: &generator)
                let limit = Int.random(in: 1...3, using: &generator)
                var removed = 0
                var kept: [ByteString] = []
                for candidate in fromTail ? reference.reversed() : reference {
                    if removed < limit, candidate == target { removed += 1 } else { kept.append(candidate) }
                }
                #expect(list.remove(target, limit: limit, fromTail: fromTail) == removed)
                reference = fromTail ? kept.reversed() : kept
            default:
                if let index = reference.indices.randomElement(using: &generator) {
                    #expect(list.element(at: index) == reference[index])
                    #expect(list.element(at: index - reference.count) == reference[index])
                    let end = Int.random(in: index...reference.count, using: &generator)
                    #expect(list.elements(in: index..<end) == Array(reference[index..<end]))
                    #expect(list.elements(in: index..<end, reversed: true) == Array(reference[index..<end].reversed()))
                    #expect(list.firstIndex(of: reference[index]) == reference.firstIndex(of: reference[index]))
                }
            }
            #expect(list.count == reference.count)
            if step % 50 == 0 {
                list.checkInvariants()
                #expect(list.elements == reference)
                var backwards: [ByteString] = []
                list.forEach(fromTail: true) { index, element in
                    #expect(reference[index] == element)
                    backwards.append(element)
                    return true
                }
                #expect(backwards == reference.reversed())
            }
        }
        let keep = reference.count / 3..<(2 * reference.count / 3)
        list.trim(to: keep)
        #expect(list.elements == Array(reference[keep]))
        list.trim(to: nil)
        #expect(list.isEmpty)
        list.checkInvariants()
    }

    @Test func listsPackElementsIntoBoundedNodes() {
        let list = ListValue()
        for i in 0..<100_000 { list.push(ByteString("element:\(i)"), at: .right) }
        list.checkInvariants()
        // Each element takes its text, a 1-byte header and a 1-byte back-length, as in a
        // listpack, in nodes of at most 8 KB: far below a 24-byte ByteString per element.
        let stats = list.footprint
        #expect(stats.largestNode <= ListValue.nodeBytes)
        #expect(stats.bytes < 100_000 * 17)
        #expect(stats.nodes >= 100_000 * 14 / ListValue.nodeBytes)
        #expect(list.element(at: 54_321) == "element:54321")
    }

    @Test func intsetsAreAsNarrowAsTheirIntegers() {
        let set = SetValue((0..<10).map { ByteString(Int64($0)) })
        #expect(set.intsetByteCount == 20, "ten small integers take two bytes each")
        set.insert("-70000")
        #expect(set.intsetByteCount == 44, "one wider integer widens every one to four bytes")
        set.insert("5000000000")
        #expect(set.intsetByteCount == 96)
        #expect(set.members.first == "-70000" && set.members.last == "5000000000")
        set.remove("5000000000")
        set.remove("-70000")
        #expect(set.intsetByteCount == 80, "Redis never narrows an intset again")
        set.checkInvariants()
        let copy = set.clone()
        set.remove("3")
        #expect(copy.contains("3") && !set.contains("3"))
    }

    #if os(Linux)
    /// The bytes the allocator reserved for `object` (glibc's malloc_usable_size, which the
    /// Glibc module does not export).
    private func allocated(_ object: AnyObject) -> Int { mallocUsableSize(Unmanaged.passUnretained(object).toOpaque()) }

    @Test func smallValueObjectsFitTheAllocatorsSmallClasses() {
        // 40 usable bytes is glibc's 48-byte chunk: a small value's object plus one buffer, as
        // Redis's robj plus one listpack or intset.
        #expect(allocated(HashValue()) <= 40)
        #expect(allocated(SortedSetValue()) <= 40)
        #expect(allocated(ListValue()) <= 40)
    }

    @Test func aSmallIntsetCostsTwoOfTheSmallestChunks() {
        // A set's object is one word (24 bytes with Swift's header: glibc's 32-byte chunk), and
        // ten small integers with the intset's 4-byte header take 24 bytes, that chunk again.
        let set = SetValue((0..<10).map { ByteString(Int64($0)) })
        #expect(allocated(set) <= 24)
        #expect(set.intsetAllocationBytes == 24)
        set.insert("a")
        #expect(set.intsetAllocationBytes == 0 && allocated(set) <= 24)
    }
    #endif
}

#if os(Linux)
@_silgen_name("malloc_usable_size")
private func mallocUsableSize(_ pointer: UnsafeMutableRawPointer?) -> Int
#endif
