import Basics
import RESP

/// Seeded RESP request frames for the frame fuzzer: well-formed multibulk and inline commands
/// with hostile arguments, and frames meant to break a request parser (mutated bytes, bad and
/// huge declared lengths, nested multibulks, oversized inline lines, binary junk).
public struct FrameGenerator {
    private var random: SeededGenerator

    /// A generator whose frames depend on `seed` alone.
    public init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    /// Command shapes: `k` a key, `v` a value, `i` an integer, `d` a float, `w` a word; other
    /// tokens are sent as written. None of them blocks, subscribes, or changes the server or
    /// other clients, so each well-formed request gets exactly one reply.
    static let shapes: [[String]] = [
        "PING", "PING v", "ECHO v", "SET k v", "SET k v EX i", "SET k v PX i NX", "SET k v KEEPTTL GET", "GET k",
        "GETDEL k", "GETEX k PX i", "MSET k v k v", "MGET k k k", "APPEND k v", "STRLEN k", "INCR k", "INCRBY k i",
        "DECRBY k i", "INCRBYFLOAT k d", "GETRANGE k i i", "SETRANGE k i v", "SETBIT k i i", "GETBIT k i",
        "BITCOUNT k i i", "BITPOS k i i", "BITFIELD k INCRBY u8 i i", "DEL k k", "EXISTS k", "TYPE k", "EXPIRE k i",
        "PEXPIRE k i GT", "TTL k", "PERSIST k", "RENAME k k", "COPY k k", "OBJECT ENCODING k", "DUMP k",
        "LPUSH k v v", "RPUSH k v", "LPOP k i", "RPOP k", "LRANGE k i i", "LINDEX k i", "LSET k i v", "LTRIM k i i",
        "LREM k i v", "LPOS k v RANK i", "LINSERT k BEFORE v v", "LMOVE k k LEFT RIGHT", "LMPOP i k LEFT COUNT i",
        "HSET k w v", "HGET k w", "HGETALL k", "HINCRBY k w i", "HINCRBYFLOAT k w d", "HDEL k w", "HRANDFIELD k i",
        "HSCAN k i COUNT i", "SADD k v v", "SREM k v", "SMEMBERS k", "SPOP k i", "SRANDMEMBER k i", "SINTER k k",
        "SUNIONSTORE k k k", "SINTERCARD i k k", "ZADD k d v", "ZADD k INCR d v", "ZINCRBY k d v", "ZRANGE k i i",
        "ZRANGE k d d BYSCORE LIMIT i i", "ZRANGEBYLEX k w w", "ZCOUNT k d d", "ZRANDMEMBER k i WITHSCORES",
        "ZPOPMIN k i", "ZMPOP i k MAX", "ZUNIONSTORE k i k k", "ZINTER i k k WEIGHTS d d", "ZREMRANGEBYRANK k i i",
        "XADD k * w v", "XADD k MAXLEN i * w v", "XRANGE k w w COUNT i", "XLEN k", "XTRIM k MINID w",
        "XGROUP CREATE k w w MKSTREAM", "XPENDING k w", "XAUTOCLAIM k w w i w COUNT i", "PFADD k v v", "PFCOUNT k k",
        "GEOADD k d d v", "GEOSEARCH k FROMLONLAT d d BYRADIUS d km", "SORT k LIMIT i i ALPHA", "KEYS w", "SCAN i",
        "DBSIZE", "SELECT i", "MULTI", "EXEC", "DISCARD", "WATCH k", "UNWATCH", "PUBLISH w v",
        "EVAL w i k v", "EVAL w 0", "TIME", "LASTSAVE", "INFO w", "COMMAND COUNT", "OBJECT FREQ k", "w", "w k v",
    ].map { $0.split(separator: " ").map(String.init) }

    /// Scripts for `EVAL`: returns of every reply type, errors whose text holds CR LF, calls back in.
    static let scripts = [
        "return 1", "return {1, 'a', {2}}", "return redis.call('get', KEYS[1])", "return redis.status_reply('a\\r\\nb')",
        "return redis.error_reply('x\\r\\ny')", "error('bad\\r\\nline')", "return redis.call('nosuch')",
        "return redis.pcall('incr', KEYS[1])", "return tostring(ARGV[1])", "return 3.9", "return nil", "local",
    ]

    /// The next frame: mostly well-formed commands, a fifth meant to break the parser.
    public mutating func next() -> [UInt8] {
        let roll = Int.random(in: 0..<100, using: &random)
        switch roll {
        case 0..<70: return RESPEncoder.encodeCommand(command())
        case 70..<80: return inline(command())
        case 80..<94: return mutate(RESPEncoder.encodeCommand(command()))
        default: return hostile()
        }
    }

    /// The arguments of one random well-formed command.
    mutating func command() -> [[UInt8]] {
        if Int.random(in: 0..<2000, using: &random) == 0 { return [Array("FLUSHALL".utf8)] }
        return random.pick(Self.shapes).map { token -> [UInt8] in
            switch token {
            case "k": return random.pick(FuzzValues.keys)
            case "v": return value()
            case "i": return Array(random.pick(FuzzValues.integers).utf8)
            case "d": return Array(random.pick(FuzzValues.doubles).utf8)
            case "w":
                if random.chance(3) { return Array(random.pick(Self.scripts).utf8) }
                return random.chance(10) ? value() : Array(random.pick(FuzzValues.words).utf8)
            default: return Array(token.utf8)
            }
        }
    }

    /// A value: usually short, sometimes hostile, rarely large (5 kB, and 1 MB one time in 20,000).
    private mutating func value() -> [UInt8] {
        let roll = Int.random(in: 0..<20_000, using: &random)
        if roll == 0 { return [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20) }
        if roll < 100 { return [UInt8](repeating: UInt8(ascii: "y"), count: 5000) }
        if roll < 3000 {
            switch Int.random(in: 0..<7, using: &random) {
            case 0: return []
            case 1: return Array("a\r\nb".utf8)
            case 2: return [0xFF, 0xFE, 0x00, 0xC3]
            case 3: return Array("\r\n".utf8)
            case 4: return [0]
            case 5: return Array("$-1\r\n".utf8)
            default: return Array("\u{00e9}\u{1F600}".utf8)
            }
        }
        return random.chance(30) ? Array(random.pick(FuzzValues.integers).utf8) : Array(random.pick(FuzzValues.words).utf8)
    }

    /// The command as an inline request: words joined by spaces, some quoted, CR LF at the end.
    private mutating func inline(_ arguments: [[UInt8]]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (index, argument) in arguments.enumerated() {
            if index > 0 { bytes += random.chance(10) ? [0x20, 0x20] : [0x20] }
            let plain = !argument.isEmpty && argument.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "'") }
            if plain && !random.chance(10) {
                bytes += argument
            } else {
                bytes.append(UInt8(ascii: "\""))
                for byte in argument {
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                        bytes += [UInt8(ascii: "\\"), byte]
                    } else if byte < 0x20 || byte >= 0x7F {
                        bytes += Array("\\x".utf8) + Self.hex(byte)
                    } else {
                        bytes.append(byte)
                    }
                }
                bytes.append(UInt8(ascii: "\""))
            }
        }
        return bytes + (random.chance(10) ? [0x0A] : [0x0D, 0x0A])
    }

    private static func hex(_ byte: UInt8) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        return [digits[Int(byte >> 4)], digits[Int(byte & 15)]]
    }

    /// One to three byte-level mutations of a frame.
    private mutating func mutate(_ frame: [UInt8]) -> [UInt8] {
        var bytes = frame
        let interesting: [UInt8] = Array("\r\n*$-+:0129 \"'\\".utf8) + [0, 0xFF, 0x80]
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let at = Int.random(in: 0...bytes.count, using: &random)
            switch Int.random(in: 0..<7, using: &random) {
            case 0 where at < bytes.count: bytes[at] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &random)
            case 1 where at < bytes.count: bytes[at] = random.pick(interesting)
            case 2: bytes.insert(contentsOf: (0..<Int.random(in: 1...4, using: &random)).map { _ in random.pick(interesting) }, at: at)
            case 3 where at < bytes.count: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...8, using: &random)))
            case 4: bytes.removeSubrange(at...)
            case 5 where at < bytes.count:
                let end = min(bytes.count, at + Int.random(in: 1...16, using: &random))
                bytes.insert(contentsOf: bytes[at..<end], at: end)
            default:
                bytes.insert(contentsOf: Array(random.pick(["9", "99999999999", "-", "0", "2147483648", "1048577"]).utf8), at: at)
            }
        }
        return bytes
    }

    /// A frame built to break a parser.
    private mutating func hostile() -> [UInt8] {
        switch Int.random(in: 0..<12, using: &random) {
        case 0: return Array(random.pick(["*-5\r\n", "*abc\r\n", "*1048577\r\n", "*9223372036854775808\r\n", "*\r\n", "* 1\r\n"]).utf8)
        case 1: return Array(random.pick(["*1\r\n$-2\r\n", "*1\r\n$abc\r\n", "*1\r\n$536870913\r\n", "*1\r\n$ 4\r\nPING\r\n", "*1\r\n$\r\n"]).utf8)
        case 2:
            // A huge declared size, only a little of it sent: the server must not reserve it all.
            let size = random.pick(["536870912", "100000000", "1048576"])
            return Array("*2\r\n$4\r\nECHO\r\n$\(size)\r\nabc".utf8)
        case 3: return Array("*\(random.pick(["1048576", "1000000", "65536"]))\r\n$4\r\nPING\r\n".utf8)
        case 4: return Array("*2\r\n*1\r\n$4\r\nPING\r\n".utf8)
        case 5: return Array(String(repeating: "*1\r\n", count: Int.random(in: 2...64, using: &random)).utf8)
        case 6: return Array("*1\r\n$4\r\nPINGXX\r\n".utf8)
        case 7: return [UInt8](repeating: UInt8(ascii: "a"), count: 64 * 1024 + Int.random(in: 0...16, using: &random))
        case 8: return Array("SET k \"open\r\n".utf8) + Array(random.pick(["GET k 'x\r\n", "ECHO \"\\x4\"\r\n", "ECHO \"a\"b\r\n"]).utf8)
        case 9: return Array("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nab".utf8)
        default: return (0..<Int.random(in: 1...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        }
    }
}

