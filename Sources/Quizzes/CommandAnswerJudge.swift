import RESP

/// Judges a command typed as a quiz answer: it runs on a fresh server of the backend (the
/// built-in simulator, whose clock can stand still), the expected command on another, and the answer is right when both reply the same and leave every key
/// the same (type, value and time to live). So `SET k v EX 30 NX` is as right as
/// `SET k v NX EX 30`, and `SET k v PX 30000 NX` too. Both run a second time on a simulator
/// where the expected command has already run, so a condition that only shows on existing
/// keys (`NX`, `XX`, `GT`, …) is judged too: `SET k v EX 30` is not `SET k v NX EX 30`.
public struct CommandAnswerJudge: Sendable {
    /// Where answers run: each on a fresh server of it.
    public let backend: any RedisBackend
    /// The fixed time both servers run at, so ids and expiry times match exactly.
    public let clockMilliseconds: Int64

    /// A judge on fresh servers of `backend` whose clocks read `clockMilliseconds`.
    public init(backend: any RedisBackend, clockMilliseconds: Int64 = 1_767_225_600_000) {
        self.backend = backend
        self.clockMilliseconds = clockMilliseconds
    }

    /// Compares `answer` (as typed, redis-cli quoting) with `expected`.
    public func judge(_ answer: String, expected: String) async -> CommandJudgement {
        guard let words = RESPArgumentSplitter.split(Array(answer.utf8)) else {
            return CommandJudgement(isEquivalent: false, reason: "the quotes in your command are unbalanced")
        }
        guard !words.isEmpty else { return CommandJudgement(isEquivalent: false, reason: "type a Redis command") }
        let expectedWords = RESPArgumentSplitter.split(Array(expected.utf8)) ?? []
        let onEmpty = compare(await run(words), await run(expectedWords))
        guard onEmpty.isEquivalent else { return onEmpty }
        let onExisting = compare(await run(words, after: expectedWords), await run(expectedWords, after: expectedWords))
        guard onExisting.isEquivalent else {
            return CommandJudgement(isEquivalent: false, reason: "when its keys already exist, " + onExisting.reason)
        }
        return onEmpty
    }

    /// Compares the learner's run with the expected one.
    private func compare(
        _ mine: (reply: RESPValue?, keyspace: KeyspaceSnapshot), _ theirs: (reply: RESPValue?, keyspace: KeyspaceSnapshot)
    ) -> CommandJudgement {
        if mine.reply == nil, theirs.reply == nil, mine.keyspace == theirs.keyspace {
            return CommandJudgement(isEquivalent: true, reason: "")
        }
        if mine.reply == nil {
            return CommandJudgement(isEquivalent: false, reason: "your command blocks waiting for data instead of replying at once")
        }
        if case .error(let text)? = mine.reply, mine.reply != theirs.reply {
            return CommandJudgement(isEquivalent: false, reason: "Redis answered your command with an error: \(text)")
        }
        if mine.reply != theirs.reply {
            let yours = mine.reply.map(ReplyText.describe) ?? "nothing"
            let right = theirs.reply.map(ReplyText.describe) ?? "nothing"
            return CommandJudgement(isEquivalent: false, reason: "your command replies \(yours), where the answer replies \(right)")
        }
        if let difference = Self.difference(mine.keyspace, theirs.keyspace) {
            return CommandJudgement(isEquivalent: false, reason: difference)
        }
        return CommandJudgement(isEquivalent: true, reason: "")
    }

    /// Runs one command on a fresh server, after `setup` when given: its reply (nil when it
    /// blocked) and the keyspace after.
    private func run(_ words: [[UInt8]], after setup: [[UInt8]]? = nil) async -> (reply: RESPValue?, keyspace: KeyspaceSnapshot) {
        // A runaway script must not hang the quiz.
        let server = backend.makeInstance(limits: RedisInstanceLimits(scriptTimeBudget: .seconds(2), scriptMemoryBudget: 64 << 20, frozenClockMilliseconds: clockMilliseconds))
        defer { Task { await server.close() } }
        guard let client = try? await server.connect() else { return (nil, KeyspaceSnapshot(entries: [:])) }
        if let setup, !setup.isEmpty { _ = try? await client.replyUnlessParked(setup) }
        let reply: RESPValue?
        do {
            reply = try await client.replyUnlessParked(words)
        } catch {
            reply = .error(error.message)
        }
        await client.close()
        return (reply, await KeyspaceSnapshot.read(server))
    }

    /// The first way the learner's keyspace differs from the expected one, in words.
    static func difference(_ mine: KeyspaceSnapshot, _ theirs: KeyspaceSnapshot) -> String? {
        func name(_ key: String) -> String {
            let parts = key.split(separator: ":", maxSplits: 1)
            let database = parts.first.map(String.init) ?? "0"
            let keyName = parts.count > 1 ? String(parts[1]) : ""
            return database == "0" ? "`\(keyName)`" : "`\(keyName)` (database \(database))"
        }
        for key in theirs.entries.keys.sorted() where mine.entries[key] == nil {
            return "your command does not create the key \(name(key))"
        }
        for key in mine.entries.keys.sorted() where theirs.entries[key] == nil {
            return "your command creates the key \(name(key)), which the answer does not"
        }
        for key in theirs.entries.keys.sorted() {
            guard let left = mine.entries[key], let right = theirs.entries[key] else { continue }
            if left.type != right.type { return "your command makes \(name(key)) a \(left.type), where the answer makes it a \(right.type)" }
            if left.value != right.value { return "your command leaves a different value in \(name(key))" }
            if left.millisecondsToLive != right.millisecondsToLive {
                return "your command leaves \(name(key)) with \(ttl(left.millisecondsToLive)), where the answer leaves \(ttl(right.millisecondsToLive))"
            }
        }
        return nil
    }

    private static func ttl(_ milliseconds: Int64) -> String {
        guard milliseconds >= 0 else { return "no expiry" }
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s to live" : "\(milliseconds) ms to live"
    }
}
