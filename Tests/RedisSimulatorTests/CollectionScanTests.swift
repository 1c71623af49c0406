import Testing
import RESP
@testable import RedisSimulator
import RedislingsTestSupport

/// HSCAN/SSCAN/ZSCAN cursors: they end, and never miss an element present throughout.
@Suite struct CollectionScanTests {
    func scanAll(_ simulator: Simulator, _ client: SimulatorClient, _ command: String, _ key: String,
                 stride: Int, between: (Int) -> Void) -> [String] {
        var cursor = "0", seen: [String] = [], pages = 0
        repeat {
            guard case .reply(.array(let reply)) = run(simulator, client, command, key, cursor, "COUNT", "7"),
                  case .bulkString(let next) = reply[0], case .array(let items) = reply[1] else {
                Issue.record("unexpected reply")
                return seen
            }
            cursor = String(decoding: next, as: UTF8.self)
            for (i, item) in items.enumerated() where i % stride == 0 {
                if case .bulkString(let bytes) = item { seen.append(String(decoding: bytes, as: UTF8.self)) }
            }
            between(pages)
            pages += 1
        } while cursor != "0" && pages < 10_000
        #expect(cursor == "0")
        return seen
    }

    @Test func hashScanNeverMissesStableFieldsWhileOthersChange() {
        let simulator = Simulator(), client = simulator.connect()
        for i in 0..<500 { _ = run(simulator, client, "HSET", "h", "stable\(i)", "v") }
        let seen = scanAll(simulator, client, "HSCAN", "h", stride: 2) { page in
            _ = run(simulator, client, "HSET", "h", "added\(page)", "v")
            _ = run(simulator, client, "HDEL", "h", "added\(page / 2)")
        }
        let stable = Set(seen.filter { $0.hasPrefix("stable") })
        #expect(stable.count == 500)
        #expect(seen.filter { $0.hasPrefix("stable") }.count == 500)
    }

    @Test func setAndSortedSetScansCoverEverything() {
        let simulator = Simulator(), client = simulator.connect()
        for i in 0..<300 {
            _ = run(simulator, client, "SADD", "s", "m\(i)")
            _ = run(simulator, client, "ZADD", "z", "\(i)", "m\(i)")
        }
        #expect(Set(scanAll(simulator, client, "SSCAN", "s", stride: 1) { _ in }).count == 300)
        #expect(Set(scanAll(simulator, client, "ZSCAN", "z", stride: 2) { _ in }).count == 300)
    }

    @Test func smallCollectionsAnswerInOnePage() {
        let simulator = Simulator(), client = simulator.connect()
        _ = run(simulator, client, "SADD", "s", "3", "1", "2")
        #expect(run(simulator, client, "SSCAN", "s", "99", "COUNT", "1") ==
            .reply(.array([.bulk("0"), .array([.bulk("1"), .bulk("2"), .bulk("3")])])))
    }

    @Test(arguments: [1, 2, 3, 10, 1000]) func scanOrderPagesVisitEachElementOnce(count: Int) {
        let keys = (0..<257).map { ByteString("k\($0)") }
        let order = ScanOrder(keys)
        var cursor: UInt64 = 0, seen: [ByteString] = [], pages = 0
        repeat {
            let page = order.page(from: cursor, count: count)
            #expect(page.keys.count >= min(count, keys.count - seen.count))
            seen += page.keys.map(\.key)
            cursor = page.next
            pages += 1
        } while cursor != 0 && pages < 1000
        #expect(seen.count == keys.count)
        #expect(Set(seen) == Set(keys))
    }
}
