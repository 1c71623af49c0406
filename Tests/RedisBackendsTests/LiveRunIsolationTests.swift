import Foundation
import LiveRedis
import RESP
@testable import RedisBackends
import RedislingsTestSupport
import Testing

/// Two confined runs on one live Redis at once (two students graded together, a REPL beside
/// grading) use the same channel names, library names and key names, and neither hears,
/// replaces or outgrows the other: channels are prefixed per run under ACL channel rules,
/// function libraries are loaded one run at a time under a lease and deleted after, and a run
/// whose keys outgrow its memory budget is stopped and its keys deleted.
@Suite struct LiveRunIsolationTests {
    private func withServer(_ body: (LiveRedisBackend, LiveRedisConnection) async throws -> Void) async throws {
        guard RedisServerProcess.isInstalled else {
            print("skipped: redis-server is not installed")
            return
        }
        let server = try RedisServerProcess()
        defer { server.stop() }
        let url = RedisURL(host: "127.0.0.1", port: server.port, database: 3)
        let admin = try await LiveRedisConnection.connect(to: url)
        _ = try await admin.send("SET", "theirs", "precious")
        try await body(LiveRedisBackend(url: url), admin)
        #expect(try await admin.send("GET", "theirs") == .bulk("precious"))
        #expect(try await admin.send("ACL", "USERS") == .array([.bulk("default")]))
        await admin.close()
    }

    private func run(_ backend: LiveRedisBackend, budget: Int? = nil) -> any RedisBackend {
        backend.makeInstance(limits: RedisInstanceLimits(scriptTimeBudget: .seconds(5), keyScope: .patterns(["job:*", "big:*"]), keyMemoryBudget: budget))
    }

    @Test func twoRunsOnTheSameChannelsHearOnlyThemselves() async throws {
        try await withServer { backend, admin in
            let first = run(backend)
            let second = run(backend)
            let firstListener = try await first.connect()
            let secondListener = try await second.connect()
            let firstSender = try await first.connect()
            let secondSender = try await second.connect()
            #expect(try await firstListener.send("SUBSCRIBE", "news") == .bulkArray(["subscribe", "news"]).appending(.integer(1)))
            #expect(try await secondListener.send("SUBSCRIBE", "news") == .bulkArray(["subscribe", "news"]).appending(.integer(1)))
            #expect(try await firstListener.send("PSUBSCRIBE", "n*") == .bulkArray(["psubscribe", "n*"]).appending(.integer(2)))
            // Someone outside both runs on the same name hears neither, and is heard by neither.
            let outsider = try await LiveRedisConnection.connect(to: backend.url)
            _ = try await outsider.send("SUBSCRIBE", "news")
            let plain = try await LiveRedisConnection.connect(to: backend.url)
            #expect(try await plain.send("PUBLISH", "news", "outside") == .integer(1))

            #expect(try await secondSender.send("PUBLISH", "news", "from-second") == .integer(1))
            #expect(try await firstSender.send("PUBLISH", "news", "from-first") == .integer(2))
            #expect(try await firstSender.send("PUBSUB", "NUMSUB", "news", "other") == .array([.bulk("news"), .integer(1), .bulk("other"), .integer(0)]))
            #expect(try await firstSender.send("PUBSUB", "CHANNELS") == .array([.bulk("news")]))
            #expect(try await firstSender.send("PUBSUB", "NUMPAT") == .integer(1))
            #expect(try await secondSender.send("PUBSUB", "NUMPAT") == .integer(0))
            // A script that publishes reaches the run's own listeners; one that hides the
            // command's name from the mapping is refused by the server, not delivered.
            #expect(try await firstSender.send("EVAL", "return redis.call('publish', 'news', 'from-lua')", "0") == .integer(2))
            let hidden = try await firstSender.send("EVAL", "return redis.call('PUB' .. 'LISH', 'news', 'hidden')", "0")
            #expect(hidden.debugDescription.contains("can't publish to the channel"), "\(hidden)")
            // A raw name of the other run's channel stays in this run's own space.
            let secondName = "\(try #require((second as? LiveRedisBackend)?.confinement?.channels?.prefix))news"
            #expect(try await firstSender.send("PUBLISH", secondName, "sneaky") == .integer(0))
            #expect(try await secondSender.send("PUBLISH", "news", "end") == .integer(1))
            #expect(try await firstSender.send("PUBLISH", "news", "end") == .integer(2))

            var firstHeard = firstListener.pushes.makeAsyncIterator()
            #expect(await firstHeard.next() == .bulkArray(["message", "news", "from-first"]))
            #expect(await firstHeard.next() == .bulkArray(["pmessage", "n*", "news", "from-first"]))
            #expect(await firstHeard.next() == .bulkArray(["message", "news", "from-lua"]))
            #expect(await firstHeard.next() == .bulkArray(["pmessage", "n*", "news", "from-lua"]))
            #expect(await firstHeard.next() == .bulkArray(["message", "news", "end"]))
            var secondHeard = secondListener.pushes.makeAsyncIterator()
            #expect(await secondHeard.next() == .bulkArray(["message", "news", "from-second"]))
            #expect(await secondHeard.next() == .bulkArray(["message", "news", "end"]))
            var outsiderHeard = outsider.pushes.makeAsyncIterator()
            #expect(try await plain.send("PUBLISH", "news", "outside-end") == .integer(1))
            var outsiderMessages: [RESPValue] = []
            while let push = await outsiderHeard.next() {
                outsiderMessages.append(push)
                if push == .bulkArray(["message", "news", "outside-end"]) { break }
            }
            #expect(outsiderMessages == [.bulkArray(["message", "news", "outside"]), .bulkArray(["message", "news", "outside-end"])])
            for connection in [firstListener, secondListener, firstSender, secondSender] as [any RedisConnection] { await connection.close() }
            await outsider.close()
            await plain.close()
            await first.close()
            await second.close()
        }
    }

    @Test func functionLibrariesAreLoadedOneRunAtATimeAndDeletedAfter() async throws {
        try await withServer { backend, admin in
            func library(_ answer: String) -> String {
                "#!lua name=stock\nredis.register_function('stock_take', function(keys, args) return '\(answer)' end)"
            }
            let first = run(backend)
            let second = run(backend)
            let firstClient = try await first.connect()
            let secondClient = try await second.connect()
            #expect(try await firstClient.send("FUNCTION", "LOAD", library("first")) == .bulk("stock"))
            let secondLoad = Task { try await secondClient.send("FUNCTION", "LOAD", library("second")) }
            try await Task.sleep(for: .milliseconds(500))
            // The second run waits for the first: its library did not replace the first's.
            #expect(try await firstClient.send("FCALL", "stock_take", "0") == .bulk("first"))
            #expect(try await firstClient.send("FUNCTION", "LOAD", "REPLACE", library("first")) == .bulk("stock"))
            await firstClient.close()
            await first.close()
            #expect(try await secondLoad.value == .bulk("stock"))
            #expect(try await secondClient.send("FCALL", "stock_take", "0") == .bulk("second"))
            await secondClient.close()
            await second.close()
            #expect(try await admin.send("FUNCTION", "LIST") == .array([]))
            var serverWide = backend.url
            serverWide.database = 0
            let zero = try await LiveRedisConnection.connect(to: serverWide)
            #expect(try await zero.send("EXISTS", LiveFunctionLease.key) == .integer(0))
            await zero.close()
        }
    }

    @Test func theLeaseOfARunThatNeverEndedIsFreedByItsGrader() async throws {
        try await withServer { backend, admin in
            let abandoned = run(backend)
            let client = try await abandoned.connect()
            #expect(try await client.send("FUNCTION", "LOAD", "#!lua name=kept\nredis.register_function('kept', function() return 1 end)") == .bulk("kept"))
            var serverWide = backend.url
            serverWide.database = 0
            let zero = try await LiveRedisConnection.connect(to: serverWide)
            #expect(try await zero.send("EXISTS", LiveFunctionLease.key) == .integer(1))
            // What a grader does after a worker was killed holding the lease.
            await backend.deleteUsers(leftBy: getppid())
            #expect(try await zero.send("EXISTS", LiveFunctionLease.key) == .integer(0))
            await zero.close()
            await client.close()
            await abandoned.close()
            _ = try await admin.send("FUNCTION", "FLUSH")
        }
    }

    @Test func aRunPastItsMemoryBudgetIsStoppedAndItsKeysDeleted() async throws {
        try await withServer { backend, admin in
            // Each in a database of its own, as grading's parallel jobs are: a run's keys are
            // its patterns' keys in its database.
            var elsewhere = backend.url
            elsewhere.database = 4
            let hungry = run(backend, budget: 1 << 20)
            let modest = run(LiveRedisBackend(url: elsewhere), budget: 1 << 20)
            let modestClient = try await modest.connect()
            #expect(try await modestClient.send("SET", "job:mine", "small") == .ok)
            let client = try await hungry.connect()
            let value = String(repeating: "x", count: 64 << 10)
            var last = RESPValue.ok
            let started = ContinuousClock.now
            var index = 0
            // 64 keys of 64 KB at most: four times the budget, never more.
            while !last.isError, ContinuousClock.now - started < .seconds(60) {
                last = try await client.send("SET", "big:\(index % 64)", value)
                index += 1
                try await Task.sleep(for: .milliseconds(2))
            }
            #expect(last.debugDescription.contains("memory budget of 1.0 MB"), "\(last)")
            #expect(hungry.takeStoppedScript()?.contains("memory budget") == true)
            #expect(try await client.send("GET", "job:mine").isError)
            #expect(try await modestClient.send("GET", "job:mine") == .bulk("small"))
            #expect(modest.takeStoppedScript() == nil)
            await client.close()
            await modestClient.close()
            // The run's end waits for the stop's clean-up, which may still be deleting keys.
            await hungry.close()
            let left = try await admin.send("SCAN", "0", "MATCH", "big:*", "COUNT", "1000")
            #expect(left.arrayValue?.last == .array([]), "\(left)")
            await modest.close()
            let four = try await LiveRedisConnection.connect(to: elsewhere)
            _ = try await four.send("DEL", "job:mine")
            await four.close()
        }
    }
}

private extension RESPValue {
    func appending(_ value: RESPValue) -> RESPValue {
        guard case .array(let items) = self else { return self }
        return .array(items + [value])
    }
}
