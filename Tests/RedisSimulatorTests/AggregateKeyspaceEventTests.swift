import Testing
import RESP
import Synchronization
@testable import RedisSimulator
import RedislingsTestSupport

/// The keyspace events the list, hash, set and sorted-set commands fire, in order, as recorded
/// from redis-server 7.0.15 with `notify-keyspace-events KEA` and a `__keyevent@0__:*` subscriber.
@Suite struct AggregateKeyspaceEventTests {
    static let script: [(command: String, events: [String])] = [
        ("RPUSH l a b c", ["rpush l"]),
        ("LPUSH l z", ["lpush l"]),
        ("RPUSHX l d", ["rpush l"]),
        ("LPUSHX nokey a", []),
        ("LPOP l", ["lpop l"]),
        ("RPOP l 2", ["rpop l"]),
        ("LSET l 0 q", ["lset l"]),
        ("LINSERT l BEFORE q p", ["linsert l"]),
        ("LINSERT l BEFORE nothere p", []),
        ("LREM l 1 p", ["lrem l"]),
        ("LTRIM l 0 0", ["ltrim l"]),
        ("LMOVE l m LEFT RIGHT", ["rpush m", "lpop l", "del l"]),
        ("RPUSH l x", ["rpush l"]),
        ("RPOPLPUSH l m", ["lpush m", "rpop l", "del l"]),
        ("LMPOP 1 m LEFT COUNT 5", ["lpop m", "del m"]),
        ("HSET h a 1 b 2", ["hset h"]),
        ("HSETNX h a 1", []),
        ("HSETNX h c 3", ["hset h"]),
        ("HINCRBY h a 5", ["hincrby h"]),
        ("HINCRBYFLOAT h a 0.5", ["hincrbyfloat h"]),
        ("HDEL h a b zz", ["hdel h"]),
        ("HDEL h c", ["hdel h", "del h"]),
        ("SADD s 1 2 3", ["sadd s"]),
        ("SADD s 1", []),
        ("SREM s 1", ["srem s"]),
        ("SMOVE s t 2", ["srem s", "sadd t"]),
        ("SPOP s", ["spop s", "del s"]),
        ("SADD s 1 2", ["sadd s"]),
        ("SADD u 2 3", ["sadd u"]),
        ("SINTERSTORE d s u", ["sinterstore d"]),
        ("SUNIONSTORE d s u", ["sunionstore d"]),
        ("SDIFFSTORE d s u", ["sdiffstore d"]),
        ("SINTERSTORE d s nokey", ["del d"]),
        ("ZADD z 1 a 2 b 3 c", ["zadd z"]),
        ("ZADD z 1 a", []),
        ("ZADD z INCR 1 a", ["zincr z"]),
        ("ZINCRBY z 1 b", ["zincr z"]),
        ("ZREM z a", ["zrem z"]),
        ("ZREMRANGEBYSCORE z 0 2", []),
        ("ZADD z 1 x 2 y 3 w", ["zadd z"]),
        ("ZREMRANGEBYRANK z 0 0", ["zremrangebyrank z"]),
        ("ZREMRANGEBYLEX z - +", ["zremrangebylex z", "del z"]),
        ("ZADD z 1 x 2 y 3 w", ["zadd z"]),
        ("ZPOPMIN z", ["zpopmin z"]),
        ("ZPOPMAX z 5", ["zpopmax z", "del z"]),
        ("ZADD z 1 x 2 y", ["zadd z"]),
        ("ZADD w 1 y", ["zadd w"]),
        ("ZUNIONSTORE d 2 z w", ["zunionstore d"]),
        ("ZINTERSTORE d 2 z w", ["zinterstore d"]),
        ("ZDIFFSTORE d 2 z w", ["zdiffstore d"]),
        ("ZRANGESTORE d z 0 0", ["zrangestore d"]),
        ("ZRANGESTORE d z 5 6", ["del d"]),
        ("ZMPOP 1 z MIN COUNT 9", ["zpopmin z", "del z"]),
        ("SPOP w2 3", []),
        ("SADD w2 1 2 3", ["sadd w2"]),
        ("SPOP w2 5", ["spop w2", "del w2"]),
    ]

    @Test func eventsMatchRedis() {
        let simulator = Simulator()
        simulator.withLock { $0.config.values["notify-keyspace-events"] = "KEA" }
        let writer = simulator.connect(), listener = simulator.connect()
        let received = Mutex<[String]>([])
        listener.pushHandler = { message in
            guard case .array(let parts) = message, parts.count == 4,
                  case .bulkString(let channel) = parts[2], case .bulkString(let key) = parts[3] else { return }
            let event = String(decoding: channel, as: UTF8.self).split(separator: ":", maxSplits: 1)[1]
            received.withLock { $0.append("\(event) \(String(decoding: key, as: UTF8.self))") }
        }
        _ = run(simulator, listener, "PSUBSCRIBE", "__keyevent@0__:*")
        for (command, expected) in Self.script {
            received.withLock { $0.removeAll() }
            _ = simulator.execute(command.split(separator: " ").map { Array($0.utf8) }, for: writer)
            #expect(received.withLock { $0 } == expected, "\(command)")
        }
    }
}
