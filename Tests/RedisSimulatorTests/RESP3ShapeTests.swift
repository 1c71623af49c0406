import Testing
import RESP
@testable import RedisSimulator

/// Replies are built in their RESP3 shape and reach each client in its own protocol.
@Suite struct RESP3ShapeTests {
    let simulator = manualSimulator()

    @Test func aMapReachesResp2AsAFlatArrayAndResp3AsAMap() {
        let two = RecordingClient(simulator), three = RecordingClient(simulator)
        two.run("HSET", "h", "f", "v")
        #expect(three.reply("HELLO", "3")?.isError == false)
        #expect(two.reply("HGETALL", "h") == .array([.bulk("f"), .bulk("v")]))
        #expect(three.reply("HGETALL", "h") == .map([.bulk("f"), .bulk("v")]))
        #expect(two.reply("GET", "missing") == .nullBulkString)
        #expect(three.reply("GET", "missing") == .null)
        #expect(three.reply("LPOP", "missing", "2") == .null)
    }

    @Test func helloWithoutAVersionKeepsTheProtocolAndResetGoesBackToResp2() {
        let client = RecordingClient(simulator)
        client.run("HELLO", "3")
        guard case .map(let fields)? = client.reply("HELLO") else {
            Issue.record("HELLO on RESP3 must answer a map")
            return
        }
        #expect(fields[4] == .bulk("proto") && fields[5] == .integer(3))
        client.run("RESET")
        #expect(client.reply("GET", "missing") == .nullBulkString)
        #expect(client.reply("HELLO", "4") == .error("NOPROTO unsupported protocol version"))
    }

    @Test func scorePairsNestOnlyInResp3() {
        let two = RecordingClient(simulator), three = RecordingClient(simulator)
        two.run("ZADD", "z", "1.5", "a")
        three.run("HELLO", "3")
        #expect(two.reply("ZRANGE", "z", "0", "-1", "WITHSCORES") == .array([.bulk("a"), .bulk("1.5")]))
        #expect(three.reply("ZRANGE", "z", "0", "-1", "WITHSCORES") == .array([.array([.bulk("a"), .double(1.5)])]))
        #expect(three.reply("ZPOPMIN", "z") == .array([.bulk("a"), .double(1.5)]))
    }

    @Test func aResp3SubscriberGetsPushesAndMayRunCommands() {
        let subscriber = RecordingClient(simulator), publisher = RecordingClient(simulator)
        subscriber.run("HELLO", "3")
        #expect(subscriber.run("SUBSCRIBE", "news") == .reply(.push([.bulk("subscribe"), .bulk("news"), .integer(1)])))
        #expect(subscriber.reply("PING") == .simpleString("PONG"))
        #expect(subscriber.reply("SET", "k", "v") == .ok)
        publisher.run("PUBLISH", "news", "hi")
        #expect(subscriber.drain() == [.push([.bulk("message"), .bulk("news"), .bulk("hi")])])
    }
}
