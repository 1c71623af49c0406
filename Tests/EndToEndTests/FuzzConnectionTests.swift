import Foundation
import RESP
import Testing
@testable import RedislingsTestSupport

/// The differential fuzzer's wait, after it replaces its connections, until a server has seen the
/// old ones close: without it, a command blocked on the old connection of one server could still
/// take what the next command pushes (seed 5150: a BZPOPMIN popped the next ZADD's member on
/// redis-server only).
@Suite(.serialized) struct FuzzConnectionTests {
    private func words(_ text: String) -> [[UInt8]] { text.split(separator: " ").map { Array($0.utf8) } }

    /// INFO's fields read alike from its RESP2 bulk string and its RESP3 verbatim string.
    @Test func anInfoFieldReadsFromEitherProtocol() {
        let text = Array("# Clients\r\nconnected_clients:3\r\nblocked_clients:0\r\n".utf8)
        #expect(FuzzConnection.field("connected_clients", of: .bulkString(text)) == "3")
        #expect(FuzzConnection.field("connected_clients", of: .verbatimString(format: "txt", text: text)) == "3")
        #expect(FuzzConnection.field("maxclients", of: .verbatimString(format: "txt", text: text)) == nil)
    }

    private func infoField(_ name: String, on connection: FuzzConnection) -> String? {
        guard case .reply(let info) = connection.request(words("INFO clients"), within: 5) else { return nil }
        return FuzzConnection.field(name, of: info)
    }

    /// Both servers: a client blocked in BLPOP closes a moment after the new connection starts
    /// waiting; the new connection goes on only once the server has seen it go, so a push right
    /// after reaches nobody else.
    @Test func aNewConnectionGoesOnOnceTheBlockedOneIsGone() throws {
        guard RedisServerProcess.isInstalled else {
            print("FuzzConnectionTests skipped: redis-server is not installed")
            return
        }
        let redis = try RedisServerProcess()
        defer { redis.stop() }
        let serve = try ServeProcess(binary: RedislingsBinary.built().path)
        defer { serve.stop() }
        for port in [redis.port, serve.port] {
            // Held only by the holder, so that dropping it there closes its socket.
            let blocked = ConnectionHolder(try #require(FuzzConnection(port: port)))
            #expect(blocked.send(words("BLPOP fuzz:list 0")))
            let fresh = try #require(FuzzConnection(port: port))
            var polls = 0
            while infoField("blocked_clients", on: fresh) != "1", polls < 100 {
                usleep(10_000)
                polls += 1
            }
            #expect(infoField("blocked_clients", on: fresh) == "1", "port \(port)")
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { blocked.close() }
            let started = Date()
            let alone = fresh.onceAlone(port: port, within: 5)
            let elapsed = Date().timeIntervalSince(started)
            #expect(alone === fresh, "port \(port): INFO was answered, so the connection is kept")
            #expect(elapsed >= 0.3 && elapsed < 5, "port \(port): went on after \(elapsed) s")
            #expect(infoField("connected_clients", on: alone) == "1", "port \(port)")
            #expect(infoField("blocked_clients", on: alone) == "0", "port \(port)")
            // Nobody is left to pop it.
            guard case .reply(.integer(1)) = alone.request(words("RPUSH fuzz:list x"), within: 5),
                  case .reply(.integer(1)) = alone.request(words("LLEN fuzz:list"), within: 5)
            else {
                Issue.record("port \(port): the pushed element did not stay in the list")
                continue
            }
            _ = alone.request(words("DEL fuzz:list"), within: 5)
        }
    }

    /// Another client that stays connected only delays the connection by the bound, and the
    /// connection comes back in step: its next request gets its own reply.
    @Test func anotherClientDelaysButDoesNotDesync() throws {
        guard RedisServerProcess.isInstalled else {
            print("FuzzConnectionTests skipped: redis-server is not installed")
            return
        }
        let redis = try RedisServerProcess()
        defer { redis.stop() }
        let other = try #require(FuzzConnection(port: redis.port))
        let connection = try #require(FuzzConnection(port: redis.port))
        let started = Date()
        let returned = connection.onceAlone(port: redis.port, within: 0.3)
        let elapsed = Date().timeIntervalSince(started)
        #expect(returned === connection)
        #expect(elapsed >= 0.3, "it waited \(elapsed) s for a client that never left")
        guard case .reply(.simpleString(let pong)) = returned.request(words("PING"), within: 5) else {
            Issue.record("PING after the wait got no simple string")
            return
        }
        #expect(pong.text == "PONG")
        #expect(infoField("connected_clients", on: other) == "2")
    }
}

/// Hands a connection to the thread that closes it.
private final class ConnectionHolder: @unchecked Sendable {
    private var connection: FuzzConnection?
    init(_ connection: FuzzConnection) { self.connection = connection }
    func send(_ arguments: [[UInt8]]) -> Bool { connection?.send(arguments) ?? false }
    /// Drops the connection, whose socket closes with it.
    func close() { connection = nil }
}
