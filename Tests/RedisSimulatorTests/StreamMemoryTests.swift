import Testing
import RESP
@testable import RedisSimulator
import RedislingsTestSupport

/// A deleted stream gives its memory back (found by libFuzzer's leak check on the `commands`
/// target): pending entries and their consumers once referred to each other strongly, so a
/// stream with a consumer group and a pending entry stayed allocated for good.
@Suite struct StreamMemoryTests {
    @Test func deletingAStreamFreesItsGroupsConsumersAndPendingEntries() {
        let simulator = Simulator()
        let client = simulator.connect()
        #expect(run(simulator, client, "XADD", "x", "1-1", "a", "b") == .reply(.bulk("1-1")))
        #expect(run(simulator, client, "XGROUP", "CREATE", "x", "g", "0") == .reply(.ok))
        _ = run(simulator, client, "XREADGROUP", "GROUP", "g", "c", "STREAMS", "x", ">")
        _ = run(simulator, client, "XCLAIM", "x", "g", "c2", "0", "1-1")
        weak var group: StreamConsumerGroup?
        weak var consumer: StreamConsumer?
        weak var entry: PendingEntry?
        simulator.withLock { state in
            guard case .stream(let stream)? = state.databases[0].entries[ByteString("x")] else { return }
            group = stream.groups[ByteString("g")]
            consumer = group?.consumers[ByteString("c2")]
            entry = group?.pending[StreamID(ms: 1, seq: 1)]
        }
        #expect(group != nil && consumer != nil && entry != nil)
        #expect(run(simulator, client, "DEL", "x") == .reply(.integer(1)))
        #expect(group == nil)
        #expect(consumer == nil)
        #expect(entry == nil)
    }
}
