import Testing
import RESP
@testable import RedisSimulator

/// The list and sorted-set writes wake clients blocked on the key, as Redis's signalKeyAsReady does.
@Suite struct AggregateWakeupTests {
    let simulator = Simulator()

    @Test(arguments: [["RPUSH", "q", "v"], ["LPUSH", "q", "v"], ["LMOVE", "src", "q", "LEFT", "LEFT"],
                      ["RPOPLPUSH", "src", "q"], ["LINSERT", "q", "BEFORE", "nothere", "x"]])
    func listWritesWakeBlpop(write: [String]) {
        let waiter = RecordingClient(simulator), writer = RecordingClient(simulator)
        _ = writer.run("RPUSH", "src", "s")
        #expect(waiter.run("BLPOP", "q", "0") == .blocked)
        _ = simulator.execute(write.map { Array($0.utf8) }, for: writer.client)
        let woke = waiter.drain()
        if write[0] == "LINSERT" {
            #expect(woke.isEmpty)
        } else {
            #expect(woke.count == 1)
            #expect(writer.run("LLEN", "q") == .reply(.integer(0)))
        }
    }

    @Test(arguments: [["ZADD", "z", "1", "m"], ["ZINCRBY", "z", "2", "m"], ["ZUNIONSTORE", "z", "1", "src"],
                      ["ZRANGESTORE", "z", "src", "0", "-1"]])
    func sortedSetWritesWakeBzpopmin(write: [String]) {
        let waiter = RecordingClient(simulator), writer = RecordingClient(simulator)
        _ = writer.run("ZADD", "src", "5", "m")
        #expect(waiter.run("BZPOPMIN", "z", "0") == .blocked)
        _ = simulator.execute(write.map { Array($0.utf8) }, for: writer.client)
        #expect(waiter.drain().count == 1)
        #expect(writer.run("EXISTS", "z") == .reply(.integer(0)))
    }
}
