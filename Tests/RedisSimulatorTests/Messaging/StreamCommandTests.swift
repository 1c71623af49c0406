import Testing
import RESP
@testable import RedisSimulator

@Suite struct StreamCommandTests {
    let simulator = manualSimulator(start: 1_000)

    private func entry(_ id: String, _ fields: String...) -> RESPValue {
        .array([.bulk(id), .array(fields.map { .bulk($0) })])
    }

    @Test func xaddGeneratesMonotonicIdsFromTheClock() {
        let a = RecordingClient(simulator)
        #expect(a.reply("XADD", "s", "*", "f", "1") == .bulk("1000-0"))
        #expect(a.reply("XADD", "s", "*", "f", "2") == .bulk("1000-1"))
        #expect(a.reply("XADD", "s", "5000-*", "f", "3") == .bulk("5000-0"))
        #expect(a.reply("XADD", "s", "5000-*", "f", "4") == .bulk("5000-1"))
        #expect(a.reply("XADD", "s", "*", "f", "5") == .bulk("5000-2"))
        #expect(a.reply("XADD", "s", "10", "f", "5") == .error("ERR The ID specified in XADD is equal or smaller than the target stream top item"))
        #expect(a.reply("XADD", "t", "0-0", "f", "5") == .error("ERR The ID specified in XADD must be greater than 0-0"))
        #expect(a.reply("XADD", "t", "x-1", "f", "5") == .error("ERR Invalid stream ID specified as stream command argument"))
        #expect(a.reply("XADD", "t", "NOMKSTREAM", "*", "f", "5") == .nullBulkString)
        #expect(a.reply("XADD", "t", "*", "f") == .error("ERR wrong number of arguments for 'xadd' command"))
        #expect(a.reply("XLEN", "s") == .integer(5))
    }

    @Test func rangesWithExclusiveAndIncompleteIds() {
        let a = RecordingClient(simulator)
        for id in ["1-1", "1-2", "2-1", "3-1"] { a.run("XADD", "s", id, "k", id) }
        #expect(a.reply("XRANGE", "s", "(1-1", "2") == .array([entry("1-2", "k", "1-2"), entry("2-1", "k", "2-1")]))
        #expect(a.reply("XREVRANGE", "s", "+", "-", "COUNT", "2") == .array([entry("3-1", "k", "3-1"), entry("2-1", "k", "2-1")]))
        #expect(a.reply("XRANGE", "s", "-", "+", "COUNT", "0") == .nullArray)
        #expect(a.reply("XRANGE", "s", "(-", "+") == .error("ERR Invalid stream ID specified as stream command argument"))
        #expect(a.reply("XRANGE", "nokey", "-", "+") == .array([]))
    }

    @Test func trimmingAndDeletion() {
        let a = RecordingClient(simulator)
        for n in 1...10 { a.run("XADD", "s", "\(n)-0", "n", "\(n)") }
        #expect(a.reply("XTRIM", "s", "MAXLEN", "~", "5") == .integer(0))
        #expect(a.reply("XTRIM", "s", "MAXLEN", "=", "5") == .integer(5))
        #expect(a.reply("XDEL", "s", "6-0", "99-0") == .integer(1))
        #expect(a.reply("XTRIM", "s", "MINID", "8") == .integer(1))
        #expect(a.reply("XLEN", "s") == .integer(3))
        #expect(a.reply("XTRIM", "s", "LIMIT", "1", "MAXLEN", "1") == .error("ERR syntax error, LIMIT cannot be used without the special ~ option"))
        #expect(a.reply("XTRIM", "s", "MAXLEN", "1", "MINID", "1") == .error("ERR syntax error, MAXLEN and MINID options at the same time are not compatible"))
    }

    @Test func consumerGroupDeliveryAckAndClaim() {
        let a = RecordingClient(simulator)
        #expect(a.reply("XGROUP", "CREATE", "s", "g", "$") == .error("ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically."))
        #expect(a.reply("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM") == .ok)
        #expect(a.reply("XGROUP", "CREATE", "s", "g", "$") == .error("BUSYGROUP Consumer Group name already exists"))
        a.run("XADD", "s", "1-0", "job", "a")
        a.run("XADD", "s", "2-0", "job", "b")
        #expect(a.reply("XREADGROUP", "GROUP", "g", "c1", "COUNT", "1", "STREAMS", "s", ">") ==
            .array([.array([.bulk("s"), .array([entry("1-0", "job", "a")])])]))
        #expect(a.reply("XREADGROUP", "GROUP", "g", "c2", "STREAMS", "s", ">") ==
            .array([.array([.bulk("s"), .array([entry("2-0", "job", "b")])])]))
        #expect(a.reply("XPENDING", "s", "g") == .array([
            .integer(2), .bulk("1-0"), .bulk("2-0"),
            .array([.array([.bulk("c1"), .bulk("1")]), .array([.bulk("c2"), .bulk("1")])]),
        ]))
        simulator.advance(milliseconds: 5000)
        #expect(a.reply("XCLAIM", "s", "g", "c2", "1000", "1-0", "JUSTID") == .array([.bulk("1-0")]))
        #expect(a.reply("XPENDING", "s", "g", "-", "+", "10", "c2") == .array([
            .array([.bulk("1-0"), .bulk("c2"), .integer(0), .integer(1)]),
            .array([.bulk("2-0"), .bulk("c2"), .integer(5000), .integer(1)]),
        ]))
        #expect(a.reply("XACK", "s", "g", "1-0", "1-0") == .integer(1))
        a.run("XDEL", "s", "2-0")
        #expect(a.reply("XAUTOCLAIM", "s", "g", "c1", "0", "0") == .array([.bulk("0-0"), .array([]), .array([.bulk("2-0")])]))
        #expect(a.reply("XINFO", "GROUPS", "s") == .array([.array([
            .bulk("name"), .bulk("g"), .bulk("consumers"), .integer(2), .bulk("pending"), .integer(0),
            .bulk("last-delivered-id"), .bulk("2-0"), .bulk("entries-read"), .integer(2), .bulk("lag"), .integer(0),
        ])]))
        #expect(a.reply("XREADGROUP", "GROUP", "nope", "c", "STREAMS", "s", ">") ==
            .error("NOGROUP No such key 's' or consumer group 'nope' in XREADGROUP with GROUP option"))
    }

    @Test func xreadgroupBlockIsServedByXadd() {
        let a = RecordingClient(simulator), b = RecordingClient(simulator)
        a.run("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM")
        #expect(a.run("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">") == .blocked)
        b.run("XADD", "s", "7-0", "k", "v")
        #expect(a.drain() == [.array([.array([.bulk("s"), .array([entry("7-0", "k", "v")])])])])
        #expect(b.reply("XPENDING", "s", "g") == .array([
            .integer(1), .bulk("7-0"), .bulk("7-0"), .array([.array([.bulk("c"), .bulk("1")])]),
        ]))
    }
}
