import Testing
import RESP
import RedisBackends
import RedisSimulator
@testable import REPL

@Suite struct ReplSessionTests {
    /// Runs `lines` through a fresh session on a simulator and returns what it printed.
    private func transcript(_ lines: [String], clock: SimulatorClock = SimulatorClock()) async throws -> String {
        let output = BufferOutput()
        let session = try await ReplSession(
            backend: ReplBackend(SimulatorBackend(makeClock: { clock })),
            input: PipedInput(lines: lines), output: output)
        await session.run()
        return output.text
    }

    @Test func runsCommandsAndPrintsRepliesAsRedisCli() async throws {
        let text = try await transcript([
            "SET greeting \"hello world\"", "GET greeting", "RPUSH l a b", "LRANGE l 0 -1", "GET nothing",
            "INCR greeting", "", "SET 'unbalanced",
        ])
        #expect(text == """
            OK
            "hello world"
            (integer) 2
            1) "a"
            2) "b"
            (nil)
            (error) ERR value is not an integer or out of range
            Invalid argument(s)

            """)
    }

    @Test func helpExplainsCommandsAndGroups() async throws {
        let text = try await transcript(["help xack", "help @pubsub", "help nosuch"])
        #expect(text.contains("  XACK key group id [id ...]\n  summary: "))
        #expect(text.contains("  group: stream"))
        #expect(text.contains("  PUBLISH channel message\n"))
        #expect(text.contains("No help for 'nosuch'."))
    }

    @Test func subscribedSessionsPrintMessagesFromOtherClients() async throws {
        let text = try await transcript([
            "SUBSCRIBE news sport", ":as bob PUBLISH news hi", ":as bob PUBLISH weather rain", "UNSUBSCRIBE",
        ])
        #expect(text == """
            1) "subscribe"
            2) "news"
            3) (integer) 1
            1) "subscribe"
            2) "sport"
            3) (integer) 2
            (integer) 1
            1) "message"
            2) "news"
            3) "hi"
            (integer) 0
            1) "unsubscribe"
            2) "news"
            3) (integer) 1
            1) "unsubscribe"
            2) "sport"
            3) (integer) 0

            """)
    }

    @Test func advanceMovesTheSimulatorClock() async throws {
        // The clock is real time plus the offset: margins of half an hour keep the test right
        // however slowly a loaded machine runs it.
        let text = try await transcript(["SET k v EX 3600", ":advance 30m", "GET k", ":advance 30m", "GET k", ":advance x"])
        let lines = text.split(separator: "\n")
        #expect(lines[2] == "\"v\"")
        #expect(lines[4] == "(nil)")
        #expect(lines[3].contains("1h ahead of real time"))
        #expect(lines[5].hasPrefix("Usage: :advance DURATION"))
    }

    @Test func advanceRefusesHugeDurationsAndStopsAtTheClocksLimit() async throws {
        // Int64.max milliseconds once trapped in the clock's addition and killed the REPL.
        let limit = ClockAdvance.describe(ClockAdvance.maximumMilliseconds)
        let text = try await transcript([
            ":advance 9223372036854775807ms", ":advance 876000h", ":advance 1h", "SET k v", "GET k",
        ])
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("The clock moves at most \(limit)"))
        #expect(lines[1].contains("moved \(limit) forward"))
        #expect(lines[2] == "The simulator's clock moved 0s forward; it is now \(limit) ahead of real time.")
        #expect(lines[3].hasPrefix("That is as far as it goes"))
        #expect(Array(lines.suffix(2)) == ["OK", "\"v\""])
    }

    @Test func resetStartsOnAnEmptySimulator() async throws {
        let text = try await transcript(["SET k v", ":reset", "GET k", "DBSIZE"])
        #expect(text.hasSuffix("(nil)\n(integer) 0\n"))
    }

    @Test func quitEndsTheSessionAndUnknownMetaCommandsAreNamed() async throws {
        let text = try await transcript([":what", ":quit", "PING"])
        #expect(text == "Unknown meta-command ':what'. Type :help for the list.\n")
        #expect(try await transcript(["PING", "exit", "PING"]) == "PONG\n")
    }

    @Test func metaCommandTableAcceptsNewCommands() async throws {
        var table = MetaCommandTable.standard
        table.add(MetaCommand(":echo", usage: "WORD", summary: "Say it") { session, words in
            session.say(words.joined(separator: "+"))
        })
        let output = BufferOutput()
        let session = try await ReplSession(
            backend: ReplBackend(SimulatorBackend()),
            input: PipedInput(lines: [":echo a \"b c\"", ":help"]), output: output, metaCommands: table)
        await session.run()
        #expect(output.text.hasPrefix("a+b c\n"))
        #expect(output.text.contains("  :echo WORD"))
        #expect(table.usages[":echo"] == "WORD")
    }

    @Test func blockingCommandsTimeOutOnTheSimulator() async throws {
        let text = try await transcript(["BLPOP empty 0.2", "PING"])
        #expect(text == "(nil)\nPONG\n")
    }
}

extension ReplSessionTests {
    @Test func monitorShowsEveryClientsCommandsUntilTurnedOff() async throws {
        let text = try await transcript([
            ":monitor", "SET a 1", ":as bob GET a", ":monitor off", "GET a",
        ])
        let lines = text.split(separator: "\n").map(String.init)
        let monitored = lines.filter { $0.contains(" [0 ") }
        #expect(monitored.count == 2, "\(text)")
        #expect(monitored.first?.hasSuffix("\"SET\" \"a\" \"1\"") == true, "\(text)")
        #expect(monitored.last?.hasSuffix("\"GET\" \"a\"") == true, "\(text)")
        #expect(lines.last == "\"1\"")
        #expect(text.contains("The monitor is off."))
    }
}
