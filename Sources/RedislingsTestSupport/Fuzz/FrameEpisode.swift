import RESP

/// A run of frames one connection sends in one go, and what the server must answer to it.
/// The frames are read as a Redis server reads them (`RESPRequestParser`, whose agreement with
/// Redis the wire differential tests and the resp-request fuzz target check), so the number of
/// replies is known: one per command, then the protocol error's when a frame breaks the
/// protocol (after which the server closes). A run whose frames all end cleanly ends with an
/// `ECHO` of a fresh token, whose reply proves the stream is still aligned (after a `DISCARD`
/// when the frames left a `MULTI` open, which would queue the `ECHO`).
struct FrameEpisode {
    /// The bytes to send.
    var bytes: [UInt8] = []
    /// The fuzzed frames in `bytes` (the closing `ECHO` not counted).
    var frames = 0
    /// The replies the server owes.
    var replies = 0
    /// How the bytes end.
    var ending = Ending.clean
    /// The last reply must be this bulk string (the closing `ECHO`'s token).
    var token: [UInt8]?

    enum Ending: Equatable {
        /// On a frame boundary: the connection can go on.
        case clean
        /// Inside a frame the server waits to complete.
        case partial
        /// At the byte where the server finds a protocol error: it answers an error and closes.
        case protocolError
    }

    /// Commands that would block, leave the one-request-one-reply rhythm (subscriptions,
    /// `CLIENT REPLY`, `MONITOR`, `QUIT`), or change what other connections see (limits,
    /// passwords, clients killed, files written, shutdown). A frame that would send one of
    /// them, even by mutation, is not sent.
    static let excludedCommands: Set<String> = [
        "blpop", "brpop", "blmove", "brpoplpush", "bzpopmin", "bzpopmax", "blmpop", "bzmpop", "xread", "xreadgroup",
        "wait", "waitaof", "subscribe", "psubscribe", "ssubscribe", "unsubscribe", "punsubscribe", "sunsubscribe",
        "monitor", "quit", "reset", "shutdown", "client", "hello", "auth", "config", "acl", "debug", "failover",
        "replicaof", "slaveof", "sync", "psync", "replconf", "save", "bgsave", "bgrewriteaof", "module", "script",
        "function", "fcall", "fcall_ro", "migrate", "cluster", "readonly", "readwrite", "swapdb", "latency", "slowlog",
        "memory", "pfdebug", "pfselftest", "lolwut", "evalsha", "evalsha_ro", "restore", "restore-asking", "sort_ro",
    ]

    /// True when a command would make the server work or allocate in proportion to a number it
    /// carries (`SETRANGE k 500000000 x`, `SRANDMEMBER k -20000000`): Redis would do the same,
    /// but a fuzzer that sends millions of frames must not wait on each.
    static func isHeavy(_ arguments: [[UInt8]]) -> Bool {
        arguments.dropFirst().contains { argument in
            guard argument.count >= 8, argument.count <= 12,
                  let number = Int64(String(decoding: argument.drop { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }, as: UTF8.self))
            else { return false }
            return number >= 10_000_000 && number < 1 << 33
        }
    }

    /// What the server reads in `frame` (which starts on a frame boundary).
    enum Reading {
        case clean(commands: Int)
        case partial(commands: Int)
        /// The shortest prefix of the frame in which the server finds the error, and the
        /// commands before it.
        case protocolError(prefix: Int, commands: Int)
        /// A command the fuzzer must not send.
        case excluded
    }

    /// `inMulti` says whether a `MULTI` is open before the frame, and after it.
    static func read(_ frame: [UInt8], inMulti: inout Bool, parser: RESPRequestParser = RESPRequestParser()) -> Reading {
        var position = 0, commands = 0
        var multi = inMulti
        defer { inMulti = multi }
        while position < frame.count {
            let step: RESPRequestParser.Outcome
            do {
                step = try parser.parse(Array(frame[position...]))
            } catch {
                return .protocolError(prefix: position + shortestFailingPrefix(Array(frame[position...]), parser), commands: commands)
            }
            if let failing = overlongInlinePrefix(frame, from: position, step: step, parser) {
                return .protocolError(prefix: failing, commands: commands)
            }
            switch step {
            case .command(let arguments, let consumed):
                let name = String(decoding: arguments[0], as: UTF8.self).lowercased()
                if excludedCommands.contains(name) || isHeavy(arguments) {
                    multi = inMulti
                    return .excluded
                }
                if name == "multi" { multi = true } else if name == "exec" || name == "discard" { multi = false }
                commands += 1
                position += consumed
            case .empty(let consumed):
                position += consumed
            case .needMore:
                return .partial(commands: commands)
            }
        }
        return .clean(commands: commands)
    }

    /// Where a server finds an inline request too big although its whole line parses: a server
    /// reads a connection in pieces (Redis 16 KB at a time) and refuses an inline request as
    /// soon as it holds more than `maxInlineLength` bytes of it without a newline, so it never
    /// sees a longer line whole. redis-server 7.0.15 answers `ECHO <1 MB>\r\n` sent at once
    /// with "Protocol error: too big inline request" and closes (resetting the connection the
    /// client is still writing); nil when the step is not such a request.
    private static func overlongInlinePrefix(
        _ frame: [UInt8], from position: Int, step: RESPRequestParser.Outcome, _ parser: RESPRequestParser
    ) -> Int? {
        guard frame[position] != UInt8(ascii: "*") else { return nil }
        let consumed: Int
        switch step {
        case .command(_, let count), .empty(let count): consumed = count
        case .needMore: return nil
        }
        // The line without its newline: more than the limit of it is already an error.
        return consumed - 1 > parser.maxInlineLength ? position + parser.maxInlineLength + 1 : nil
    }

    /// The length of the shortest prefix of `bytes` (whose first request fails) that already
    /// fails: a server reports the error as soon as the bytes it has show it.
    private static func shortestFailingPrefix(_ bytes: [UInt8], _ parser: RESPRequestParser) -> Int {
        var low = 1, high = bytes.count
        while low < high {
            let middle = (low + high) / 2
            if (try? parser.parse(Array(bytes[..<middle]))) == nil { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// An episode of up to `maxFrames` frames from `generator`, ending on `ECHO token` when clean.
    static func make(generator: inout FrameGenerator, maxFrames: Int, token: [UInt8]) -> FrameEpisode {
        var episode = FrameEpisode()
        var inMulti = false
        var attempts = 0
        while episode.frames < maxFrames, attempts < maxFrames * 4 {
            attempts += 1
            let frame = generator.next()
            switch read(frame, inMulti: &inMulti) {
            case .excluded:
                continue
            case .clean(let commands):
                episode.bytes += frame
                episode.frames += 1
                episode.replies += commands
            case .partial(let commands):
                episode.bytes += frame
                episode.frames += 1
                episode.replies += commands
                episode.ending = .partial
                return episode
            case .protocolError(let prefix, let commands):
                episode.bytes += frame[..<prefix]
                episode.frames += 1
                episode.replies += commands + 1
                episode.ending = .protocolError
                return episode
            }
        }
        if inMulti {
            episode.bytes += RESPEncoder.encodeCommand([Array("DISCARD".utf8)])
            episode.replies += 1
        }
        episode.bytes += RESPEncoder.encodeCommand([Array("ECHO".utf8), token])
        episode.replies += 1
        episode.token = token
        return episode
    }
}
