import Testing
import RESP
@testable import RedisSimulator

/// The command-table entries of the bitmap, HyperLogLog and geo commands, as redis-server
/// 7.0.15's COMMAND INFO lists them (name, arity, flags, first/last key and step, categories).
@Suite struct StructureCommandTableTests {
    typealias Entry = (name: String, arity: Int, flags: [String], first: Int, last: Int, step: Int, categories: [String])

    static let redisEntries: [Entry] = [
        ("setbit", 4, ["write", "denyoom"], 1, 1, 1, ["@write", "@bitmap", "@slow"]),
        ("getbit", 3, ["readonly", "fast"], 1, 1, 1, ["@read", "@bitmap", "@fast"]),
        ("bitcount", -2, ["readonly"], 1, 1, 1, ["@read", "@bitmap", "@slow"]),
        ("bitpos", -3, ["readonly"], 1, 1, 1, ["@read", "@bitmap", "@slow"]),
        ("bitop", -4, ["write", "denyoom"], 2, -1, 1, ["@write", "@bitmap", "@slow"]),
        ("bitfield", -2, ["write", "denyoom"], 1, 1, 1, ["@write", "@bitmap", "@slow"]),
        ("bitfield_ro", -2, ["readonly", "fast"], 1, 1, 1, ["@read", "@bitmap", "@fast"]),
        ("pfadd", -2, ["write", "denyoom", "fast"], 1, 1, 1, ["@write", "@hyperloglog", "@fast"]),
        ("pfcount", -2, ["readonly"], 1, -1, 1, ["@read", "@hyperloglog", "@slow"]),
        ("pfmerge", -2, ["write", "denyoom"], 1, -1, 1, ["@write", "@hyperloglog", "@slow"]),
        ("pfdebug", 3, ["write", "denyoom", "admin"], 2, 2, 1, ["@write", "@hyperloglog", "@admin", "@slow", "@dangerous"]),
        ("pfselftest", 1, ["admin"], 0, 0, 0, ["@hyperloglog", "@admin", "@slow", "@dangerous"]),
        ("geoadd", -5, ["write", "denyoom"], 1, 1, 1, ["@write", "@geo", "@slow"]),
        ("geopos", -2, ["readonly"], 1, 1, 1, ["@read", "@geo", "@slow"]),
        ("geodist", -4, ["readonly"], 1, 1, 1, ["@read", "@geo", "@slow"]),
        ("geohash", -2, ["readonly"], 1, 1, 1, ["@read", "@geo", "@slow"]),
        ("geosearch", -7, ["readonly"], 1, 1, 1, ["@read", "@geo", "@slow"]),
        ("geosearchstore", -8, ["write", "denyoom"], 1, 2, 1, ["@write", "@geo", "@slow"]),
        ("georadius", -6, ["write", "denyoom", "movablekeys"], 1, 1, 1, ["@write", "@geo", "@slow"]),
        ("georadius_ro", -6, ["readonly"], 1, 1, 1, ["@read", "@geo", "@slow"]),
        ("georadiusbymember", -5, ["write", "denyoom", "movablekeys"], 1, 1, 1, ["@write", "@geo", "@slow"]),
        ("georadiusbymember_ro", -5, ["readonly"], 1, 1, 1, ["@read", "@geo", "@slow"]),
    ]

    @Test(arguments: redisEntries.map(\.name))
    func entryMatchesRedis(_ name: String) throws {
        let expected = try #require(Self.redisEntries.first { $0.name == name })
        let spec = try #require(CommandTable.standard.commands[name], "\(name) is not in the command table")
        #expect(spec.arity == expected.arity)
        #expect(spec.flags == expected.flags)
        #expect(spec.keys == KeyPositions(first: expected.first, last: expected.last, step: expected.step))
        #expect(spec.categories == expected.categories)
    }
}
