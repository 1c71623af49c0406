import Testing
@testable import RedisSimulator

/// The pending-entry list against a plain sorted set of ids, through removals that leave
/// tombstones and compactions.
@Suite struct PendingListTests {
    @Test(arguments: [1, 10, 65, 300])
    func matchesReferenceModel(size: Int) {
        var list = PendingList()
        var model = Set<StreamID>()
        var generator = SystemRandomNumberGenerator()
        for round in 0..<(size * 4) {
            let id = StreamID(ms: UInt64.random(in: 0..<UInt64(size * 2), using: &generator), seq: 0)
            if round % 3 == 0 {
                let removed = list.remove(id) != nil
                #expect(removed == (model.remove(id) != nil))
            } else {
                list.insert(id, PendingEntry(consumer: nil, deliveryTime: 0))
                model.insert(id)
            }
            #expect(list.count == model.count)
        }
        let sorted = model.sorted()
        #expect(list.ids == sorted)
        #expect(list.first == sorted.first)
        #expect(list.last == sorted.last)
        let start = StreamID(ms: UInt64(size / 2), seq: 0)
        #expect(Array(list.ids(from: start)) == sorted.filter { $0 >= start })
    }
}
