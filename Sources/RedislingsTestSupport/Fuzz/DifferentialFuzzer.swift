import Basics
import Foundation
import RESP

/// Sends one seeded stream of random commands to `redislings serve` and to a real redis-server,
/// both started here, and compares the replies: their structure (`ReplyShape`) and, for errors,
/// their text, spoken in RESP2 or, with `protocolVersion` 3, in RESP3 (`HELLO 3`). A
/// `serve` that dies is a crash, one that stays silent where Redis answered is a hang, and one
/// that sends what is not exactly one RESP reply per request is a desync; `serve` is restarted
/// after each and the run goes on.
/// One run drives it from one thread at a time (`run` or `runOffThePool`), hence `@unchecked`.
public final class DifferentialFuzzer: @unchecked Sendable {
    /// How a run is set up.
    public struct Options: Sendable {
        public var seed: UInt64
        public var count: Int
        /// The `redislings` executable whose `serve` is fuzzed.
        public var binary: String
        /// How long `serve` may take to answer a request Redis answered (seconds).
        public var replyBound = 5.0
        /// How long Redis is given before a request counts as blocked (seconds); when `serve`
        /// answered meanwhile, Redis gets 2 s more before the two count as different.
        public var blockBound = 0.1
        /// Both connections are renewed and every database flushed after this many commands,
        /// so that state (MULTI, SELECT, big values) does not pile up.
        public var renewEvery = 200
        /// The protocol both connections speak: 2, or 3 (each connection opens with `HELLO 3`).
        public var protocolVersion = 2
        /// Called with progress lines.
        public var log: @Sendable (String) -> Void = { _ in }
        /// Logs every command with both replies (to replay a finding from its seed).
        public var trace = false
        /// When set, the run stops at this time even if fewer than `count` commands were sent
        /// (the report says how many were), so that a long run fits a time slot.
        public var deadline: Date?

        public init(seed: UInt64, count: Int, binary: String) {
            self.seed = seed
            self.count = count
            self.binary = binary
        }
    }

    private let options: Options
    private var redis: RedisServerProcess
    /// redis-server's own process id, to kill it when a command keeps it busy for good.
    private var redisPID: pid_t?
    private var serve: ServeProcess
    private var servePort: Int { serve.port }
    private var redisConnection: FuzzConnection
    private var serveConnection: FuzzConnection
    private var report: FuzzReport
    private var recent: [String] = []
    /// Commands redis-server has and serve lacks.
    private var missing: Set<String> = []
    private var expiries = ExpiryRaceTracker()
    /// The request being compared, for telling expiry races apart.
    private var current: (index: Int, arguments: [[UInt8]]) = (0, [])

    /// Starts both servers and reads the command catalog from redis-server.
    public init(options: Options) throws {
        self.options = options
        redis = try RedisServerProcess()
        serve = try ServeProcess(binary: options.binary)
        guard let redisConnection = FuzzConnection(port: redis.port), let serveConnection = FuzzConnection(port: serve.port) else {
            throw TestServerError("cannot connect to the servers")
        }
        self.redisConnection = redisConnection
        self.serveConnection = serveConnection
        redisPID = Self.processID(redisConnection)
        report = FuzzReport(seed: options.seed)
        report.protocolVersion = options.protocolVersion
        try speakProtocol()
    }

    deinit {
        serve.stop()
        redis.stop()
    }

    /// Runs `options.count` commands and returns what was found.
    public func run() throws -> FuzzReport {
        guard case .reply(let commands) = redisConnection.request([Array("COMMAND".utf8)], within: 30),
              case .reply(let docs) = redisConnection.request([Array("COMMAND".utf8), Array("DOCS".utf8)], within: 30)
        else { throw TestServerError("redis-server did not answer COMMAND and COMMAND DOCS") }
        guard case .reply(let served) = serveConnection.request([Array("COMMAND".utf8)], within: 30) else {
            throw TestServerError("redislings serve did not answer COMMAND")
        }
        let full = FuzzCommandCatalog(commandReply: commands, docsReply: docs)
        let (catalog, missing) = full.restricted(to: FuzzCommandCatalog.names(inCommandReply: served))
        report.missingCommands = missing
        self.missing = Set(missing)
        var generator = FuzzCommandGenerator(catalog: catalog, seed: options.seed)
        for index in 0..<options.count {
            if let deadline = options.deadline, Date() >= deadline { break }
            if index % options.renewEvery == 0 { try renew(flush: true) }
            let (command, arguments) = generator.next()
            try step(index: index, command: command, arguments: arguments)
            if (index + 1) % 10_000 == 0 {
                options.log("\(index + 1) commands: \(report.crashes.count) crashes, \(report.hangs.count) hangs, \(report.desyncs.count) desyncs, \(report.mismatches) mismatches")
            }
        }
        return report
    }

    private func step(index: Int, command: FuzzCommand, arguments: [[UInt8]]) throws {
        let name = command.name
        let printable = Self.printable(arguments)
        defer {
            recent.append(printable)
            if recent.count > 20 { recent.removeFirst() }
        }
        report.sent += 1
        report.byCommand[name, default: FuzzReport.Tally()].sent += 1
        current = (index, arguments)
        func finding(_ detail: String) -> FuzzReport.Finding {
            FuzzReport.Finding(index: index, command: printable, detail: detail, recent: recent)
        }
        let serveSentMore = serveConnection.hasUnsolicitedBytes(), redisSentMore = redisConnection.hasUnsolicitedBytes()
        if serveSentMore || redisSentMore {
            if serveSentMore && !redisSentMore {
                report.desyncs.append(finding("serve sent bytes nobody asked for before this command"))
            }
            try renew(flush: false)
        }

        // Both servers get the request before either reply is awaited, so a command that
        // blocks both costs one wait, not two.
        let delivered = serveConnection.send(arguments)
        var expected = redisConnection.request(arguments, within: options.blockBound)
        var redisBlocked: Bool
        switch expected {
        case .reply: redisBlocked = false
        case .silent: redisBlocked = true
        case .closed, .garbled:
            // Redis itself closed the connection (a limit): start both afresh.
            try restartServeIfDead(index: index, printable: printable)
            try renew(flush: false)
            return
        }
        let actual = delivered
            ? serveConnection.awaitReply(within: redisBlocked ? options.blockBound : options.replyBound) : .closed
        if redisBlocked, case .reply = actual {
            // A slow moment of redis-server is not a block: give it longer before comparing.
            expected = redisConnection.awaitReply(within: 2)
            if case .reply = expected { redisBlocked = false }
        }
        if options.trace { options.log("#\(index) \(printable)\n  redis \(Self.short(expected))\n  serve \(Self.short(actual))") }
        switch actual {
        case .closed:
            if !serve.isRunning {
                report.crashes.append(finding("serve died (\(serve.exitDescription))"))
                try restart()
            } else {
                report.desyncs.append(finding("serve closed the connection; redis-server \(redisBlocked ? "blocked" : "answered")"))
                try renew(flush: false)
            }
        case .garbled(let reason):
            report.desyncs.append(finding("serve's reply is not RESP: \(reason)"))
            try renew(flush: false)
        case .silent:
            if redisBlocked {
                try renew(flush: false)  // Both block (BLPOP k 0): nothing to compare.
            } else if command.isBlocking, serve.isRunning, Self.answersPing(port: servePort) {
                // A blocking command may wait where Redis answered when the two keyspaces
                // differ (a key Redis made with a command serve lacks): a difference, not a hang.
                tally(command.name, kind: true, "serve blocks where redis-server answered \(Self.short(expected)): \(printable)")
                try renew(flush: false)
            } else {
                let alive = serve.isRunning && Self.answersPing(port: servePort)
                report.hangs.append(finding(
                    "no reply within \(options.replyBound) s where redis-server answered \(Self.short(expected)); serve \(alive ? "still answers others" : "answers nobody")"))
                if alive { try renew(flush: false) } else { try restart() }
            }
        case .reply(let value):
            if redisBlocked {
                tally(name, kind: true, "serve answered \(Self.short(value)) where redis-server blocks: \(printable)")
                try renew(flush: false)
            } else if case .reply(let reference) = expected, !compare(name, reference, value, printable),
                      !missing.contains(name) {
                // Once the keyspaces differ (an expiry that fell between the two requests,
                // a random pick), every later command on those keys would differ too: both
                // start again from empty, so that one difference is counted once.
                try renew(flush: true)
            } else if case .reply(let reference) = expected, case .error = reference {
                // Refused on both: nothing changed.
            } else {
                expiries.record(arguments, index: index)
            }
        }
    }

    /// Tallies a difference between the two replies; true when they agree.
    private func compare(_ name: String, _ reference: RESPValue, _ value: RESPValue, _ printable: String) -> Bool {
        let example = "\(printable) -> redis \(Self.short(reference)), serve \(Self.short(value))"
        if case .error(let expectedText) = reference, case .error(let actualText) = value {
            guard expectedText != actualText else { return true }
            tally(name, kind: false, example)
            return false
        }
        guard Self.kind(reference) == Self.kind(value) else {
            tally(name, kind: true, example)
            return false
        }
        guard ReplyShape.agree(reference, value) else {
            tally(name, kind: true, "\(printable) -> redis \(ReplyShape.describe(reference)), serve \(ReplyShape.describe(value))")
            return false
        }
        return true
    }

    private func tally(_ name: String, kind: Bool, _ example: String) {
        var entry = report.byCommand[name, default: FuzzReport.Tally()]
        if kind { entry.kindMismatches += 1 } else { entry.errorMismatches += 1 }
        if expiries.mayRace(current.arguments, index: current.index) {
            entry.expiryRaces += 1
            if entry.raceExample == nil { entry.raceExample = example }
        } else if entry.example == nil {
            entry.example = example
        }
        report.byCommand[name] = entry
    }

    /// New connections to both servers (leaving MULTI, SELECT, blocked commands behind), and
    /// with `flush` every database, script and function emptied on both.
    private func renew(flush: Bool) throws {
        // A command can keep redis-server itself busy for good (HRANDFIELD k -2147483648 builds
        // a 2^31-element reply, gigabytes an hour): one that does not answer PING is replaced.
        guard let fresh = FuzzConnection(port: redis.port), case .reply = fresh.request([Array("PING".utf8)], within: 10) else {
            return try restartRedis()
        }
        redisConnection = fresh
        guard let serveFresh = FuzzConnection(port: servePort) else {
            report.crashes.append(FuzzReport.Finding(index: report.sent, command: "(connect)", detail: "serve refuses connections (\(serve.exitDescription))", recent: recent))
            return try restart()
        }
        serveConnection = serveFresh
        // The old connections are closed, but a server may not have read their end yet: a
        // command blocked on one of them could still take what the next command pushes (a
        // BZPOPMIN served by the next ZADD) on one server and not the other. Both go on once
        // each counts only the new connection.
        redisConnection = redisConnection.onceAlone(port: redis.port)
        serveConnection = serveConnection.onceAlone(port: servePort)
        try speakProtocol()
        guard flush else { return }
        expiries.reset()
        for words in [["FLUSHALL"], ["SCRIPT", "FLUSH"], ["FUNCTION", "FLUSH"]] {
            let request = words.map { Array($0.utf8) }
            _ = redisConnection.request(request, within: 10)
            _ = serveConnection.request(request, within: 10)
        }
    }

    /// Switches both connections to RESP3 when the run speaks it.
    private func speakProtocol() throws {
        guard options.protocolVersion == 3 else { return }
        let hello = ["HELLO", "3"].map { Array($0.utf8) }
        for (connection, server) in [(redisConnection, "redis-server"), (serveConnection, "serve")] {
            guard case .reply(.map) = connection.request(hello, within: 10) else {
                throw TestServerError("\(server) did not switch to RESP3 (HELLO 3)")
            }
        }
    }

    /// A new redis-server in place of one that stopped answering, and both servers emptied.
    private func restartRedis() throws {
        report.redisRestarts += 1
        options.log("redis-server stopped answering after \(recent.last ?? "?"); restarting it")
        if let redisPID { kill(redisPID, SIGKILL) }
        redis.stop()
        redis = try RedisServerProcess()
        guard let connection = FuzzConnection(port: redis.port) else { throw TestServerError("cannot connect to the new redis-server") }
        redisConnection = connection
        redisPID = Self.processID(connection)
        try renew(flush: true)
    }

    /// redis-server's process id, from INFO.
    private static func processID(_ connection: FuzzConnection) -> pid_t? {
        guard case .reply(let info) = connection.request([Array("INFO".utf8), Array("server".utf8)], within: 10),
              let value = FuzzConnection.field("process_id", of: info)
        else { return nil }
        return pid_t(value)
    }

    private func restartServeIfDead(index: Int, printable: String) throws {
        guard !serve.isRunning else { return }
        report.crashes.append(FuzzReport.Finding(index: index, command: printable, detail: "serve died (\(serve.exitDescription))", recent: recent))
        try restart()
    }

    /// A new `serve` (the old one killed if it still runs) and both servers emptied.
    private func restart() throws {
        serve.stop()
        serve = try ServeProcess(binary: options.binary)
        try renew(flush: true)
    }

    private static func answersPing(port: Int) -> Bool {
        guard let probe = FuzzConnection(port: port), case .reply = probe.request([Array("PING".utf8)], within: 2) else { return false }
        return true
    }

    static func kind(_ value: RESPValue) -> String {
        switch value {
        case .simpleString: return "status"
        case .error: return "error"
        case .integer: return "integer"
        case .bulkString: return "bulk"
        case .nullBulkString: return "nil"
        case .array: return "array"
        case .nullArray: return "nil-array"
        case .map: return "map"
        case .set: return "set"
        case .push: return "push"
        case .double: return "double"
        case .boolean: return "boolean"
        case .null: return "null"
        case .verbatimString: return "verbatim"
        case .bigNumber: return "bignum"
        }
    }

    private static func short(_ outcome: FuzzConnection.Outcome) -> String {
        if case .reply(let value) = outcome { return short(value) }
        return "\(outcome)"
    }

    static func short(_ value: RESPValue) -> String {
        switch value {
        case .error(let text): return "-" + String(text.text.prefix(100))
        case .simpleString(let text): return "+" + String(text.text.prefix(40))
        default: return kind(value)
        }
    }

    /// The command as redis-cli would take it, long arguments shortened.
    static func printable(_ arguments: [[UInt8]]) -> String {
        arguments.map { argument -> String in
            var text = "\""
            for byte in argument.prefix(48) {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): text += "\\" + String(UnicodeScalar(byte))
                case 0x20...0x7E: text += String(UnicodeScalar(byte))
                case 10: text += "\\n"
                case 13: text += "\\r"
                default: text += String(format: "\\x%02x", byte)
                }
            }
            text += "\""
            if argument.count > 48 { text += "…(\(argument.count) bytes)" }
            return text
        }.joined(separator: " ")
    }
}

extension DifferentialFuzzer {
    /// `run()` on a thread of its own (`onOwnThread`), so that an async test does not hold one
    /// of the threads every task of the test process shares while it waits on sockets.
    public func runOffThePool() async throws -> FuzzReport {
        try await onOwnThread(named: "differential-fuzz") { try self.run() }
    }
}
