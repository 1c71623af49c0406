import Testing
import RESP
@testable import RedisSimulator

@Suite struct PubSubTests {
    let simulator = Simulator()

    @Test func subscribeConfirmsEachChannelWithItsCount() {
        let a = RecordingClient(simulator)
        #expect(a.run("SUBSCRIBE", "x", "y") == .replies([
            confirmation("subscribe", "x", 1), confirmation("subscribe", "y", 2),
        ]))
        #expect(a.run("PSUBSCRIBE", "n*") == .reply(confirmation("psubscribe", "n*", 3)))
        #expect(a.run("UNSUBSCRIBE") == .replies([
            confirmation("unsubscribe", "x", 2), confirmation("unsubscribe", "y", 1),
        ]))
        #expect(a.run("UNSUBSCRIBE") == .reply(confirmation("unsubscribe", nil, 1)))
    }

    @Test func publishCountsChannelAndPatternDeliveries() {
        let a = RecordingClient(simulator), b = RecordingClient(simulator), p = RecordingClient(simulator)
        a.run("SUBSCRIBE", "news")
        a.run("PSUBSCRIBE", "n*")
        b.run("PSUBSCRIBE", "x*")
        #expect(p.reply("PUBLISH", "news", "hi") == .integer(2))
        #expect(a.drain() == [
            message("news", "hi"), .array([.bulk("pmessage"), .bulk("n*"), .bulk("news"), .bulk("hi")]),
        ])
        #expect(b.drain().isEmpty)
        #expect(p.reply("PUBLISH", "other", "x") == .integer(0))
    }

    @Test func subscribedClientRefusesOtherCommands() {
        let a = RecordingClient(simulator)
        a.run("SUBSCRIBE", "c")
        #expect(a.reply("GET", "k") == .error(
            "ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"))
        #expect(a.reply("PING") == .array([.bulk("pong"), .bulk("")]))
        #expect(a.reply("PING", "x") == .array([.bulk("pong"), .bulk("x")]))
        #expect(a.reply("RESET") == .simpleString("RESET"))
        #expect(a.reply("GET", "k") == .nullBulkString)
    }

    @Test func disconnectDropsSubscriptions() {
        let a = RecordingClient(simulator), p = RecordingClient(simulator)
        a.run("SUBSCRIBE", "c")
        a.run("PSUBSCRIBE", "*")
        #expect(p.reply("PUBSUB", "NUMSUB", "c") == .array([.bulk("c"), .integer(1)]))
        simulator.disconnect(a.client)
        #expect(p.reply("PUBLISH", "c", "m") == .integer(0))
        #expect(p.reply("PUBSUB", "NUMPAT") == .integer(0))
        #expect(p.reply("PUBSUB", "CHANNELS") == .array([]))
    }

    @Test func shardChannelsCountApart() {
        let a = RecordingClient(simulator), p = RecordingClient(simulator)
        #expect(a.run("SSUBSCRIBE", "s") == .reply(confirmation("ssubscribe", "s", 1)))
        #expect(a.run("SUBSCRIBE", "c") == .reply(confirmation("subscribe", "c", 1)))
        #expect(p.reply("SPUBLISH", "s", "v") == .integer(1))
        #expect(a.drain() == [.array([.bulk("smessage"), .bulk("s"), .bulk("v")])])
        #expect(p.reply("PUBSUB", "SHARDNUMSUB", "s", "t") == .array([.bulk("s"), .integer(1), .bulk("t"), .integer(0)]))
    }

    @Test func sendReturnsFirstConfirmationAndPushesTheRest() async {
        let connection = SimulatorConnection(simulator)
        let first = try? await connection.send("SUBSCRIBE", "a", "b")
        #expect(first == confirmation("subscribe", "a", 1))
        var iterator = connection.pushes.makeAsyncIterator()
        #expect(await iterator.next() == confirmation("subscribe", "b", 2))
    }
}
