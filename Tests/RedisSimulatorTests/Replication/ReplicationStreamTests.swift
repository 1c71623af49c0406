import Foundation
import RESP
import Synchronization
import Testing
import RedisSimulator
import RedislingsTestSupport

/// What the simulator sends its replicas for commands that replicate as another command, as
/// redis-server 7.0.15 sends it (each stream below was read from a real redis-server's SYNC
/// for the same script): blocking pops as the pop they did, the multi-pops as a pop with the
/// count popped, SPOP as SREM or DEL, float increments as the value reached, GETSET and
/// SET … GET as SET.
@Suite struct ReplicationStreamTests {
    /// A script's steps: `@b` runs the command as client b (a blocked client is served later).
    static let script = """
        RPUSH l a b c
        BLPOP l 0
        BRPOP l 0
        BLMPOP 0 1 l LEFT COUNT 10
        @b BLPOP l 0
        LPUSH l x
        RPUSH src a b
        BLMOVE src dst LEFT RIGHT 0
        BRPOPLPUSH src dst 0
        @b BLMOVE src dst RIGHT LEFT 0
        RPUSH src z
        @b BRPOPLPUSH src dst 0
        RPUSH src y
        @b BLMPOP 0 1 l RIGHT COUNT 5
        RPUSH l 1 2
        ZADD z 1 a 2 b 3 c
        BZPOPMIN z 0
        BZPOPMAX z 0
        BZMPOP 0 1 z MIN COUNT 9
        @b BZPOPMAX z 0
        ZADD z 5 q
        @b BZMPOP 0 1 z MAX COUNT 4
        ZADD z 5 q 6 r
        LMPOP 1 dst RIGHT
        ZADD z 1 m
        ZMPOP 1 z MAX COUNT 3
        SADD s a
        SPOP s
        SADD s a b c
        SPOP s 5
        SET f 1.5
        INCRBYFLOAT f 2
        HINCRBYFLOAT h x 1.25
        GETSET g v
        SET g w GET
        SET g w2 get NX get
        """

    static let redisStream = """
        SELECT 0
        RPUSH l a b c
        LPOP l
        RPOP l
        LPOP l 1
        LPUSH l x
        LPOP l
        RPUSH src a b
        LMOVE src dst LEFT RIGHT
        RPOPLPUSH src dst
        RPUSH src z
        LMOVE src dst right left
        RPUSH src y
        RPOPLPUSH src dst
        RPUSH l 1 2
        RPOP l 2
        ZADD z 1 a 2 b 3 c
        ZPOPMIN z
        ZPOPMAX z
        ZPOPMIN z 1
        ZADD z 5 q
        ZPOPMAX z
        ZADD z 5 q 6 r
        ZPOPMAX z 2
        RPOP dst 1
        ZADD z 1 m
        ZPOPMAX z 1
        SADD s a
        SREM s a
        SADD s a b c
        DEL s
        SET f 1.5
        SET f 3.5 KEEPTTL
        HSET h x 1.25
        SET g v
        SET g w
        """

    @Test func rewrittenCommandsReplicateAsRedisSendsThem() {
        let (stream, run) = Self.attachedReplica()
        for line in Self.script.split(separator: "\n") { run(String(line)) }
        #expect(stream() == Self.redisStream.split(separator: "\n").map(String.init))
    }

    @Test func spopOfSomeMembersReplicatesEachAsSremInATransaction() {
        let (stream, run) = Self.attachedReplica()
        run("SADD s a b c d e")
        run("SPOP s 2")
        let lines = stream()
        #expect(lines.count == 6)
        #expect(Array(lines.prefix(3)) == ["SELECT 0", "SADD s a b c d e", "MULTI"])
        #expect(lines[3].hasPrefix("SREM s ") && lines[4].hasPrefix("SREM s ") && lines[3] != lines[4])
        #expect(lines.last == "EXEC")
    }

    /// Consumer-group changes replicate as XCLAIMs that recreate each pending entry (deleted
    /// entries included), LASTID alone as XGROUP SETID, NOACK reads as the consumer and the
    /// group's position, and never as the command itself. Delivery times (TIME) are masked.
    static let streamScript = """
        XADD s 1-0 a 1
        XADD s 2-0 b 2
        XADD s 3-0 c 3
        XGROUP CREATE s g 0
        XREADGROUP GROUP g alice COUNT 3 STREAMS s >
        XDEL s 2-0
        XCLAIM s g bob 0 1-0 2-0
        XAUTOCLAIM s g carol 0 0-0
        XCLAIM s g bob 0 9-0 LASTID 10-0
        XCLAIM s g bob 1000000 1-0
        XCLAIM s g bob 0 1-0 RETRYCOUNT 7 JUSTID
        XADD s 4-0 d 4
        XREADGROUP GROUP g dave STREAMS s >
        XDEL s 4-0
        XAUTOCLAIM s g erin 0 0-0 COUNT 10 JUSTID
        XGROUP CREATE t g2 $ MKSTREAM
        XADD t 1-0 a 1
        XADD t 2-0 a 2
        XREADGROUP GROUP g2 frank NOACK STREAMS t >
        XREADGROUP GROUP g2 gina STREAMS t 0
        XREADGROUP GROUP g2 frank STREAMS t >
        """

    static let redisStreamStream = """
        SELECT 0
        XADD s 1-0 a 1
        XADD s 2-0 b 2
        XADD s 3-0 c 3
        XGROUP CREATE s g 0
        MULTI
        XCLAIM s g alice 0 1-0 TIME T RETRYCOUNT 1 FORCE JUSTID LASTID 1-0
        XCLAIM s g alice 0 2-0 TIME T RETRYCOUNT 1 FORCE JUSTID LASTID 2-0
        XCLAIM s g alice 0 3-0 TIME T RETRYCOUNT 1 FORCE JUSTID LASTID 3-0
        EXEC
        XDEL s 2-0
        MULTI
        XCLAIM s g bob 0 1-0 TIME T RETRYCOUNT 2 FORCE JUSTID LASTID 3-0
        XCLAIM s g alice 0 2-0 TIME T RETRYCOUNT 1 FORCE JUSTID LASTID 3-0
        EXEC
        MULTI
        XCLAIM s g carol 0 1-0 TIME T RETRYCOUNT 3 FORCE JUSTID LASTID 3-0
        XCLAIM s g carol 0 3-0 TIME T RETRYCOUNT 2 FORCE JUSTID LASTID 3-0
        EXEC
        XGROUP SETID s g 10-0 ENTRIESREAD 3
        XCLAIM s g bob 0 1-0 TIME T RETRYCOUNT 7 FORCE JUSTID LASTID 10-0
        XADD s 4-0 d 4
        XDEL s 4-0
        MULTI
        XCLAIM s g erin 0 1-0 TIME T RETRYCOUNT 7 FORCE JUSTID LASTID 10-0
        XCLAIM s g erin 0 3-0 TIME T RETRYCOUNT 2 FORCE JUSTID LASTID 10-0
        EXEC
        XGROUP CREATE t g2 $ MKSTREAM
        XADD t 1-0 a 1
        XADD t 2-0 a 2
        MULTI
        XGROUP CREATECONSUMER t g2 frank
        XGROUP SETID t g2 2-0 ENTRIESREAD 2
        EXEC
        """

    @Test func consumerGroupChangesReplicateAsRedisSendsThem() {
        let (stream, run) = Self.attachedReplica()
        for line in Self.streamScript.split(separator: "\n") { run(String(line)) }
        let masked = stream().map { line in
            guard let range = line.range(of: #"TIME [0-9]+"#, options: .regularExpression) else { return line }
            return line.replacingCharacters(in: range, with: "TIME T")
        }
        #expect(masked == Self.redisStreamStream.split(separator: "\n").map(String.init))
    }

    /// A fresh simulator with a replica attached by SYNC: a function returning the commands the
    /// replica received (PINGs left out), and one running a script line.
    static func attachedReplica() -> (stream: () -> [String], run: (String) -> Void) {
        let simulator = Simulator()
        let replica = simulator.connect()
        let received = Mutex<[String]>([])
        replica.pushHandler = { message in
            guard case .array(let parts) = message else { return }
            let words = parts.map { part -> String in
                if case .bulkString(let bytes) = part { return String(decoding: bytes, as: UTF8.self) }
                return "?"
            }
            if words != ["PING"] { received.withLock { $0.append(words.joined(separator: " ")) } }
        }
        _ = run(simulator, replica, "SYNC")
        var clients: [String: SimulatorClient] = ["a": simulator.connect()]
        let runLine: (String) -> Void = { line in
            var words = line.split(separator: " ").map(String.init)
            var name = "a"
            if words[0].hasPrefix("@") { name = String(words.removeFirst().dropFirst()) }
            let client = clients[name] ?? simulator.connect()
            clients[name] = client
            _ = simulator.execute(words.map { Array($0.utf8) }, for: client)
        }
        return ({ received.withLock { $0 } }, runLine)
    }
}
