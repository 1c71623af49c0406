import Testing
import RESP
@testable import REPL

@Suite struct ReplyFormatterTests {
    @Test func scalarsAreWrittenAsRedisCliWritesThem() {
        #expect(ReplyFormatter.format(.integer(3)) == "(integer) 3")
        #expect(ReplyFormatter.format(.integer(-12)) == "(integer) -12")
        #expect(ReplyFormatter.format(.simpleString("OK")) == "OK")
        #expect(ReplyFormatter.format(.nullBulkString) == "(nil)")
        #expect(ReplyFormatter.format(.nullArray) == "(nil)")
        #expect(ReplyFormatter.format(.error("ERR x")) == "(error) ERR x")
        #expect(ReplyFormatter.format(.bulk("")) == "\"\"")
        #expect(ReplyFormatter.format(.array([])) == "(empty array)")
    }

    @Test func bulkStringsAreQuotedWithEscapes() {
        #expect(ReplyFormatter.format(.bulkString(Array("a\"b\\c\n\r\t".utf8) + [7, 8, 0, 0xFF])) ==
            #""a\"b\\c\n\r\t\a\b\x00\xff""#)
        #expect(ReplyFormatter.format(.bulk("é")) == #""\xc3\xa9""#)
    }

    @Test func arrayNumbersAlignAndNestedArraysIndent() {
        let twelve = RESPValue.array((1...12).map { .bulk("v\($0)") })
        let lines = ReplyFormatter.format(twelve).split(separator: "\n")
        #expect(lines.first == #" 1) "v1""#)
        #expect(lines.last == #"12) "v12""#)
        let nested = RESPValue.array([
            .array([.bulk("1-1"), .array([.bulk("f"), .bulk("v")])]),
            .array([]),
            .integer(2),
        ])
        #expect(ReplyFormatter.format(nested) == """
            1) 1) "1-1"
               2) 1) "f"
                  2) "v"
            2) (empty array)
            3) (integer) 2
            """)
    }

    /// Each reply is what Redis answers to the commands: redis-cli's own output for them must
    /// be ours, character for character.
    @Test func matchesRedisCliOnARealServer() throws {
        guard let server = try RedisReference.start() else { return }
        defer { server.stop() }
        server.cli(["RPUSH", "list"] + (1...11).map { "item\($0)" })
        server.cli(["SET", "bin", "a\"b\\c\n\u{7}\u{1}é"])
        server.cli(["XADD", "s", "1-1", "name", "ada", "age", "36"])
        server.cli(["XADD", "s", "2-0", "name", "bob"])
        let cases: [([String], RESPValue)] = [
            (["PING"], .simpleString("PONG")),
            (["INCR", "n"], .integer(1)),
            (["GET", "missing"], .nullBulkString),
            (["GET", "bin"], .bulkString(Array("a\"b\\c\n\u{7}\u{1}é".utf8))),
            (["LRANGE", "list", "0", "-1"], .array((1...11).map { .bulk("item\($0)") })),
            (["LRANGE", "nolist", "0", "-1"], .array([])),
            (["XRANGE", "s", "-", "+"], .array([
                .array([.bulk("1-1"), .bulkArray(["name", "ada", "age", "36"])]),
                .array([.bulk("2-0"), .bulkArray(["name", "bob"])]),
            ])),
            (["BLPOP", "nolist", "0.01"], .nullArray),
            (["GETX"], .error("ERR unknown command 'GETX', with args beginning with: ")),
            (["MGET", "bin", "missing"], .array([.bulkString(Array("a\"b\\c\n\u{7}\u{1}é".utf8)), .nullBulkString])),
        ]
        for (command, reply) in cases {
            #expect(server.cli(command) == ReplyFormatter.format(reply), "\(command)")
        }
    }

    /// RESP3 replies as `redis-cli -3` prints them: maps, sets, doubles, booleans, nulls.
    @Test func matchesRedisCliInResp3() throws {
        guard let server = try RedisReference.start() else { return }
        defer { server.stop() }
        server.cli(["HSET", "h", "f", "v", "g", "w"])
        server.cli(["SADD", "s", "a"])
        server.cli(["ZADD", "z", "1.5", "a"])
        server.cli(["XADD", "st", "1-1", "name", "ada"])
        let entries = RESPValue.array([.array([.bulk("1-1"), .bulkArray(["name", "ada"])])])
        let cases: [([String], RESPValue)] = [
            (["HGETALL", "h"], .map([.bulk("f"), .bulk("v"), .bulk("g"), .bulk("w")])),
            (["HGETALL", "missing"], .map([])),
            (["SMEMBERS", "s"], .set([.bulk("a")])),
            (["SMEMBERS", "missing"], .set([])),
            (["ZSCORE", "z", "a"], .double(1.5)),
            (["GET", "missing"], .null),
            (["EVAL", "redis.setresp(3); return true", "0"], .boolean(true)),
            (["EVAL", "redis.setresp(3); return false", "0"], .boolean(false)),
            (["XREAD", "STREAMS", "st", "0"], .map([.bulk("st"), entries])),
            (["CLIENT", "TRACKINGINFO"], .map([
                .bulk("flags"), .set([.bulk("off")]), .bulk("redirect"), .integer(-1), .bulk("prefixes"), .array([]),
            ])),
        ]
        for (command, reply) in cases {
            #expect(server.cli(command, resp3: true) == ReplyFormatter.format(reply), "\(command)")
        }
    }
}
