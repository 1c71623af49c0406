import Testing
import RESP
@testable import RedisSimulator
import RedislingsTestSupport

/// SHUTDOWN as a command of the table: Redis 7.0's parsing and refusals, and the mark that
/// tells whoever serves the simulator to stop.
@Suite struct ShutdownTests {
    let simulator = Simulator()

    @Test func modifiersAreReadAsRedisReadsThem() {
        let client = simulator.connect()
        #expect(run(simulator, client, "SHUTDOWN", "LATER") == .reply(.error("ERR syntax error")))
        #expect(run(simulator, client, "SHUTDOWN", "NOSAVE", "SAVE") == .reply(.error("ERR syntax error")))
        #expect(run(simulator, client, "SHUTDOWN", "ABORT", "NOW") == .reply(.error("ERR syntax error")))
        #expect(run(simulator, client, "shutdown", "abort") == .reply(.error("ERR No shutdown in progress.")))
        #expect(run(simulator, client, "SHUTDOWN", "ABORT", "ABORT") == .reply(.error("ERR No shutdown in progress.")))
        #expect(!client.requestsShutdown)
        #expect(run(simulator, client, "SHUTDOWN", "NOSAVE", "nosave", "NOW", "FORCE") == .replies([]))
        #expect(client.requestsShutdown)
        #expect(client.closeAfterReply)
    }

    @Test func insideMultiItIsRefusedAndDoomsTheTransaction() {
        let client = simulator.connect()
        #expect(run(simulator, client, "MULTI") == .reply(.ok))
        #expect(run(simulator, client, "SHUTDOWN", "NOSAVE") == .reply(.error("ERR Command not allowed inside a transaction")))
        #expect(run(simulator, client, "EXEC") == .reply(.error("EXECABORT Transaction discarded because of previous errors.")))
        #expect(!client.requestsShutdown)
    }

    @Test func aSubscribedRESP2ClientMayNotRunIt() {
        let client = simulator.connect()
        _ = run(simulator, client, "SUBSCRIBE", "news")
        #expect(run(simulator, client, "SHUTDOWN") == .reply(.error(
            "ERR Can't execute 'shutdown': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context")))
        #expect(!client.requestsShutdown)
    }

    @Test func anInProcessConnectionIsLostAsALiveOneWouldBe() async throws {
        let connection = SimulatorConnection(simulator)
        await #expect(throws: RedisConnectionError.self) { try await connection.send("SHUTDOWN") }
        await #expect(throws: RedisConnectionError.self) { try await connection.send("PING") }
        // The simulator itself goes on serving its other connections.
        #expect(try await SimulatorConnection(simulator).send("PING") == .simpleString("PONG"))
    }

    @Test func commandInfoListsItWithRedisFlags() {
        let client = simulator.connect()
        guard case .reply(.array(let infos)) = run(simulator, client, "COMMAND", "INFO", "shutdown"),
              case .array(let info)? = infos.first else {
            Issue.record("COMMAND INFO shutdown must describe the command")
            return
        }
        #expect(info.first == .bulk("shutdown"))
        #expect(info.dropFirst().first == .integer(-1))
        #expect(info.dropFirst(2).first == .array(
            ["admin", "noscript", "loading", "stale", "no_multi", "allow_busy"].map { .simpleString($0) }))
    }
}

/// The roles dispatch asks instead of names are declared on exactly the commands Redis's
/// processCommand and call() recognise by their functions.
@Suite struct CommandRoleTests {
    func names(_ has: (CommandSpec) -> Bool) -> Set<String> {
        Set(CommandTable.standard.allSpecs.filter(has).map(\.name))
    }

    @Test func rolesSitOnRedisCommands() {
        #expect(names(\.executesQueue) == ["exec"])
        #expect(names(\.endsTransaction) == ["exec", "discard", "quit", "reset"])
        #expect(names(\.runsInsideMulti) == ["exec", "discard", "multi", "watch", "quit", "reset"])
        #expect(names(\.runsWhileSubscribed) == [
            "subscribe", "ssubscribe", "psubscribe", "unsubscribe", "sunsubscribe", "punsubscribe", "ping", "quit", "reset",
        ])
        #expect(names(\.runsScripts) == ["exec", "eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro"])
    }

    func words(_ texts: String...) -> [ByteString] { texts.map { ByteString($0) } }

    @Test func secretsAreHiddenFromTheSlowLogAndMonitor() {
        let table = CommandTable.standard
        let auth = table.lookup(ByteString("auth"))!
        #expect(auth.secrets.redacted(words("AUTH", "user", "pass")).map(\.string) == ["AUTH", "(redacted)", "(redacted)"])
        let hello = table.lookup(ByteString("hello"))!
        #expect(hello.secrets.redacted(words("HELLO", "3", "SETNAME", "x", "AUTH", "u", "p")).map(\.string)
            == ["HELLO", "3", "SETNAME", "x", "AUTH", "(redacted)", "(redacted)"])
        let config = table.lookupSubcommand(of: table.lookup(ByteString("config"))!, ByteString("set"))!
        #expect(config.secrets.redacted(words("CONFIG", "SET", "maxmemory", "1", "requirepass", "s")).map(\.string)
            == ["CONFIG", "SET", "maxmemory", "1", "requirepass", "(redacted)"])
        #expect(table.lookup(ByteString("get"))!.secrets.redacted(words("GET", "k")).map(\.string) == ["GET", "k"])
    }
}
