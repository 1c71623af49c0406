import RESP
import RedisSimulator
import Testing
@testable import RedisServer

/// A looping script in `serve`: every other connection is still read and answered (BUSY once
/// the script is past `busy-reply-threshold`), SCRIPT KILL reaches it, MULTI and EXEC meet it
/// as in Redis, and SHUTDOWN NOSAVE ends a script that wrote.
@Suite struct BusyScriptTests {
    static let busy = RESPValue.error(
        "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.")

    /// A server with a 50 ms busy threshold and `script` running for client `runner`.
    private func startLoop(_ script: String) async throws -> (ServedSimulator, RawClient) {
        let served = try await ServedSimulator()
        let admin = try RawClient(port: served.port)
        admin.send("CONFIG SET lua-time-limit 50\r\n")
        #expect(try admin.read() == .ok)
        let runner = try RawClient(port: served.port)
        runner.send("*3\r\n$4\r\nEVAL\r\n$\(script.utf8.count)\r\n\(script)\r\n$1\r\n0\r\n")
        // PING answers PONG until the script starts, then waits, then answers BUSY.
        for _ in 0..<500 {
            admin.send("PING\r\n")
            if try admin.read() == Self.busy { break }
        }
        return (served, runner)
    }

    @Test func everyConnectionIsAnsweredWhileAScriptLoops() async throws {
        let (served, runner) = try await startLoop("while true do end")
        // Several connections, so that some share the script caller's event loop, and one
        // opened while the script runs.
        let others = try (0..<4).map { _ in try RawClient(port: served.port) }
        for client in others {
            client.send("PING\r\n")
            #expect(try client.read() == Self.busy)
        }
        let late = try RawClient(port: served.port)
        late.send("GET k\r\n")
        #expect(try late.read() == Self.busy)
        late.send("SCRIPT KILL\r\n")
        #expect(try late.read() == .ok)
        guard case .error(let killed)? = try runner.read() else {
            Issue.record("the script's caller got no error")
            return
        }
        #expect(killed.hasPrefix("ERR Script killed by user with SCRIPT KILL..."))
        for client in others + [late, runner] {
            client.send("PING\r\n")
            #expect(try client.read() == .simpleString("PONG"))
        }
        await served.stop()
    }

    @Test func aTransactionMeetingABusyScriptIsAborted() async throws {
        let (served, runner) = try await startLoop("while true do end")
        let tx = try RawClient(port: served.port)
        // MULTI is allowed while busy; INCR is refused, which dooms the transaction.
        tx.send("MULTI\r\nINCR xx\r\n")
        #expect(try tx.read() == .ok)
        #expect(try tx.read() == Self.busy)
        let other = try RawClient(port: served.port)
        other.send("MULTI\r\nEXEC\r\n")
        #expect(try other.read() == .ok)
        #expect(try other.read() == .error("EXECABORT Transaction discarded because of: " + Self.busy.errorText))
        other.send("SCRIPT KILL\r\n")
        #expect(try other.read() == .ok)
        _ = try runner.read()
        tx.send("INCR xx\r\nEXEC\r\nGET xx\r\n")
        #expect(try tx.read() == .simpleString("QUEUED"))
        #expect(try tx.read() == .error("EXECABORT Transaction discarded because of previous errors."))
        #expect(try tx.read() == .nullBulkString)
        await served.stop()
    }

    @Test func aScriptThatWroteIsUnkillableAndShutdownNosaveStopsServe() async throws {
        let (served, _) = try await startLoop("redis.call('SET', 'x', '1') while true do end")
        let admin = try RawClient(port: served.port)
        admin.send("SCRIPT KILL\r\n")
        #expect(try admin.read() == .error(
            "UNKILLABLE Sorry the script already executed write commands against the dataset. You can either wait the "
                + "script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command."))
        admin.send("SHUTDOWN\r\n")
        #expect(try admin.read() == Self.busy)
        admin.send("SHUTDOWN NOSAVE\r\n")
        #expect(try admin.read() == nil)
        // Without NOSAVE reaching the server, this never returns.
        await served.server.waitUntilStopped()
    }
}

extension RESPValue {
    /// The text of an error reply; empty for other replies.
    var errorText: String {
        if case .error(let text) = self { return text.text }
        return ""
    }
}
