import Basics
import RESP
import Testing
@testable import RedisSimulator
import RedislingsTestSupport

/// DUMP/RESTORE's codec and RESTORE's options and errors, with Redis 7.0.15's texts.
@Suite struct DumpRestoreTests {
    let simulator = Simulator(clock: SimulatorClock(source: { 1_000_000 }))

    private func send(_ client: SimulatorClient, _ args: [[UInt8]]) -> RESPValue {
        guard case .reply(let reply) = simulator.execute(args, for: client) else { return .error("no single reply") }
        return reply
    }

    private func dump(_ client: SimulatorClient, _ key: String) -> [UInt8] {
        guard case .bulkString(let payload) = send(client, [Array("DUMP".utf8), Array(key.utf8)]) else { return [] }
        return payload
    }

    private func restore(_ client: SimulatorClient, _ key: String, _ ttl: String, _ payload: [UInt8], _ options: String...) -> RESPValue {
        send(client, [Array("RESTORE".utf8), Array(key.utf8), Array(ttl.utf8), payload] + options.map { Array($0.utf8) })
    }

    /// A payload with a correct footer around `body` (type byte and value).
    private func framed(_ body: [UInt8]) -> [UInt8] {
        var bytes = body + [10, 0]
        let crc = CRC64.checksum(bytes)
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: crc >> (8 * UInt64(i)))) }
        return bytes
    }

    /// RESTORE converts a set, hash or sorted set by the encoding settings in force, as
    /// redis-server 7.0.15 does (checked by hand): DUMPed under the defaults, restored after the
    /// limits fell to 2, each comes back in its large encoding; and back again under the defaults.
    @Test func restoreConvertsByTheSettingsInForce() {
        let client = simulator.connect()
        func run(_ words: String...) -> RESPValue { send(client, words.map { Array($0.utf8) }) }
        _ = run("SADD", "s", "1", "2", "3")
        _ = run("HSET", "h", "a", "1", "b", "2", "c", "3")
        _ = run("ZADD", "z", "1", "a", "2", "b", "3", "c")
        let small = ["s", "h", "z"].map { dump(client, $0) }
        for (name, value) in [("set-max-intset-entries", "2"), ("hash-max-listpack-entries", "2"), ("zset-max-listpack-entries", "2")] {
            #expect(run("CONFIG", "SET", name, value) == .simpleString("OK"))
        }
        _ = run("DEL", "s", "h", "z")
        for (key, payload) in zip(["s", "h", "z"], small) { #expect(restore(client, key, "0", payload) == .simpleString("OK")) }
        #expect(["s", "h", "z"].map { run("OBJECT", "ENCODING", $0) } == [.bulk("hashtable"), .bulk("hashtable"), .bulk("skiplist")])
        let large = ["s", "h", "z"].map { dump(client, $0) }
        for name in ["set-max-intset-entries", "hash-max-listpack-entries", "zset-max-listpack-entries"] {
            _ = run("CONFIG", "SET", name, name.hasPrefix("set") ? "512" : "128")
        }
        _ = run("DEL", "s", "h", "z")
        for (key, payload) in zip(["s", "h", "z"], large) { #expect(restore(client, key, "0", payload) == .simpleString("OK")) }
        #expect(["s", "h", "z"].map { run("OBJECT", "ENCODING", $0) } == [.bulk("intset"), .bulk("listpack"), .bulk("listpack")])
    }

    @Test func crc64IsRedisJonesVariant() {
        #expect(CRC64.checksum(Array("123456789".utf8)) == 0xe9c6_d914_c4b8_d9ca)
    }

    @Test func lzfRoundTripsAndRefusesWhatDoesNotPay() {
        var generator = SeededGenerator(seed: 7)
        for length in [21, 64, 300, 5000] {
            let repetitive = (0..<length).map { UInt8(truncatingIfNeeded: $0 % 7 + 97) }
            let compressed = LZF.compress(repetitive, limit: length - 4)
            #expect(compressed != nil)
            #expect(compressed.flatMap { LZF.decompress($0, length: length) } == repetitive)
            let noise = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if let packed = LZF.compress(noise, limit: length - 4) {
                #expect(LZF.decompress(packed, length: length) == noise)
            }
        }
        // "abcabcabcabc": a literal run of 3, then a back reference of 9 bytes at distance 3.
        let compressed: [UInt8] = [0x02, 0x61, 0x62, 0x63, 0xE0, 0x00, 0x02]
        #expect(LZF.decompress(compressed, length: 12) == Array("abcabcabcabc".utf8))
        #expect(LZF.decompress(compressed, length: 11) == nil)
        // A back reference before the start of the output is refused, not followed.
        #expect(LZF.decompress([0xE0, 0x00, 0x02], length: 9) == nil)
        #expect(LZF.decompress([0x20, 0x05], length: 3) == nil)
    }

    @Test func restoreAnswersWithRedisErrors() {
        let client = simulator.connect()
        _ = run(simulator, client, "SET", "foo", "bar")
        let payload = dump(client, "foo")
        #expect(payload.count == 1 + 4 + 10)
        #expect(restore(client, "foo", "0", payload) == .error("BUSYKEY Target key name already exists."))
        #expect(restore(client, "new", "0", payload, "invalid-option") == .error("ERR syntax error"))
        #expect(restore(client, "new", "-1", payload) == .error("ERR Invalid TTL value, must be >= 0"))
        #expect(restore(client, "new", "x", payload) == .error("ERR value is not an integer or out of range"))
        #expect(restore(client, "new", "0", payload, "IDLETIME", "-1") == .error("ERR Invalid IDLETIME value, must be >= 0"))
        #expect(restore(client, "new", "0", payload, "FREQ", "256") == .error("ERR Invalid FREQ value, must be >= 0 and <= 255"))
        #expect(restore(client, "new", "0", payload, "IDLETIME", "1", "FREQ", "1") == .error("ERR syntax error"))
        var corrupted = payload
        corrupted[2] ^= 1
        #expect(restore(client, "new", "0", corrupted) == .error("ERR DUMP payload version or checksum are wrong"))
        #expect(restore(client, "new", "0", Array("...".utf8)) == .error("ERR DUMP payload version or checksum are wrong"))
        var newer = payload
        newer[newer.count - 10] = 11
        #expect(restore(client, "new", "0", newer) == .error("ERR DUMP payload version or checksum are wrong"))
        // A module value, and a type byte Redis does not know.
        #expect(restore(client, "new", "0", framed([7, 1, 2])) == .error("ERR Bad data format"))
        #expect(restore(client, "new", "0", framed([42])) == .error("ERR Bad data format"))
        #expect(run(simulator, client, "EXISTS", "new") == .reply(.integer(0)))
    }

    @Test func restoreSetsRelativeAndAbsoluteExpiries() {
        let client = simulator.connect()
        _ = run(simulator, client, "SET", "foo", "bar")
        let payload = dump(client, "foo")
        #expect(restore(client, "rel", "5000", payload) == .ok)
        #expect(run(simulator, client, "PEXPIRETIME", "rel") == .reply(.integer(1_005_000)))
        #expect(restore(client, "abs", "2000000", payload, "ABSTTL") == .ok)
        #expect(run(simulator, client, "PEXPIRETIME", "abs") == .reply(.integer(2_000_000)))
        // Already past: the replaced key is gone and nothing is created.
        #expect(restore(client, "foo", "999999", payload, "ABSTTL", "REPLACE") == .ok)
        #expect(run(simulator, client, "EXISTS", "foo") == .reply(.integer(0)))
        #expect(restore(client, "abs", "0", dump(client, "rel"), "REPLACE") == .ok)
        #expect(run(simulator, client, "TTL", "abs") == .reply(.integer(-1)))
    }

    @Test func everyTruncationOfAPayloadIsRefusedCleanly() {
        let client = simulator.connect()
        _ = run(simulator, client, "XADD", "s", "1-1", "a", "1", "b", "2")
        _ = run(simulator, client, "XADD", "s", "2-1", "c", "3")
        _ = run(simulator, client, "XGROUP", "CREATE", "s", "g", "0")
        _ = run(simulator, client, "XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">")
        _ = run(simulator, client, "HSET", "h", "f", "v", "n", "12")
        _ = run(simulator, client, "ZADD", "z", "1.5", "a", "2", "b")
        for key in ["s", "h", "z"] {
            let payload = dump(client, key)
            let body = Array(payload.dropLast(10))
            for cut in 0..<body.count {
                let reply = restore(client, "cut", "0", framed(Array(body[..<cut])), "REPLACE")
                #expect(reply == .error("ERR Bad data format"), "\(key) cut at \(cut)")
            }
            #expect(restore(client, "whole", "0", payload, "REPLACE") == .ok)
        }
    }
}
