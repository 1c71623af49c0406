import RESP
import RedisScripting
import RedisServer
import RedisSimulator
import Testing

/// On one event loop (serve's default, as redis-server), commands that different clients send
/// one after another run in that order: an EXEC keeps its place before a later client's push,
/// even though EXEC may run scripts (only an EXEC whose transaction holds one leaves the loop).
@Suite struct ArrivalOrderTests {
    @Test func execRunsBeforeALaterClientsWrite() async throws {
        let simulator = Simulator()
        simulator.installScripting(LuaScripting())
        let server = try RESPServer(simulator: simulator, threads: 1)
        let port = try await server.start(host: "127.0.0.1", port: 0)
        for _ in 0..<20 {
            let writer = try RawClient(port: port), waiter = try RawClient(port: port), watcher = try RawClient(port: port)
            writer.send("DEL src dst\r\n")
            _ = try writer.read()
            waiter.send("BRPOPLPUSH src dst 0\r\n")
            watcher.send("WATCH dst\r\nMULTI\r\nPING\r\n")
            #expect(try watcher.read() == .ok)
            #expect(try watcher.read() == .ok)
            #expect(try watcher.read() == .simpleString("QUEUED"))
            // Sent before the push that serves the BRPOPLPUSH (which writes dst): it must run first.
            watcher.send("EXEC\r\n")
            writer.send("LPUSH src e\r\n")
            #expect(try watcher.read() == .array([.simpleString("PONG")]))
            #expect(try writer.read() == .integer(1))
            #expect(try waiter.read() == .bulkString(Array("e".utf8)))
        }
        // A transaction that holds a script still runs it, off the event loop.
        let client = try RawClient(port: port)
        client.send("MULTI\r\nEVAL \"return 7\" 0\r\nEXEC\r\n")
        #expect(try client.read() == .ok)
        #expect(try client.read() == .simpleString("QUEUED"))
        #expect(try client.read() == .array([.integer(7)]))
        await server.stop()
    }
}
