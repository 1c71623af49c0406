import Foundation
import RESP
import Testing

/// The limits Redis puts on a connection, over real sockets: `proto-max-bulk-len`,
/// `client-query-buffer-limit` (also for a blocked client's pipelined input) and `maxclients`.
@Suite struct ConnectionLimitTests {
    @Test func protoMaxBulkLenRefusesALongerArgument() async throws {
        let served = try await ServedSimulator()
        let admin = try RawClient(port: served.port)
        admin.send("CONFIG SET proto-max-bulk-len 1mb\r\n")
        #expect(try admin.read() == .ok)
        let client = try RawClient(port: served.port)
        client.send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$\(2 * 1024 * 1024)\r\n")
        #expect(try client.read() == .error("ERR Protocol error: invalid bulk length"))
        #expect(try client.read() == nil)
        let fits = try RawClient(port: served.port)
        fits.send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$\(1024 * 1024)\r\n" + String(repeating: "v", count: 1024 * 1024) + "\r\n")
        #expect(try fits.read() == .ok)
        await served.stop()
    }

    /// A connection keeps a copy of the limits, read on each request: CONFIG SET from another
    /// client must reach a connection that read them before the change.
    @Test func aConnectionOpenedBeforeTheChangeFollowsIt() async throws {
        let served = try await ServedSimulator()
        let client = try RawClient(port: served.port)
        client.send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$\(1024 * 1024 + 1)\r\n" + String(repeating: "v", count: 1024 * 1024 + 1) + "\r\n")
        #expect(try client.read() == .ok)
        let admin = try RawClient(port: served.port)
        admin.send("CONFIG SET proto-max-bulk-len 1mb\r\n")
        #expect(try admin.read() == .ok)
        client.send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$\(1024 * 1024 + 1)\r\n")
        #expect(try client.read() == .error("ERR Protocol error: invalid bulk length"))
        await served.stop()
    }

    @Test func aPartialRequestOverTheQueryBufferLimitClosesTheConnection() async throws {
        let served = try await ServedSimulator()
        let admin = try RawClient(port: served.port)
        admin.send("CONFIG SET client-query-buffer-limit 1mb\r\n")
        #expect(try admin.read() == .ok)
        let client = try RawClient(port: served.port)
        client.send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$\(4 * 1024 * 1024)\r\n")
        client.send([UInt8](repeating: 120, count: 1536 * 1024))
        // Redis closes it without a word.
        #expect(try client.read() == nil)
        await served.stop()
    }

    @Test func aBlockedClientsPipelinedInputIsBoundedByTheQueryBufferLimit() async throws {
        let served = try await ServedSimulator()
        let admin = try RawClient(port: served.port)
        admin.send("CONFIG SET client-query-buffer-limit 1mb\r\n")
        #expect(try admin.read() == .ok)
        let client = try RawClient(port: served.port)
        client.send("BLPOP nokey 0\r\n")
        let pings = String(repeating: "*1\r\n$4\r\nPING\r\n", count: 4096)
        // 3 MB of PINGs behind the blocked BLPOP: held as bytes, they pass the limit.
        for _ in 0..<(3 * 1024 * 1024 / pings.utf8.count) { client.send(pings) }
        #expect(try client.read() == nil)
        await served.stop()
    }

    @Test func maxclientsRefusesOneConnectionMore() async throws {
        let served = try await ServedSimulator()
        let admin = try RawClient(port: served.port)
        admin.send("CONFIG SET maxclients 2\r\n")
        #expect(try admin.read() == .ok)
        let second = try RawClient(port: served.port)
        second.send("PING\r\n")
        #expect(try second.read() == .simpleString("PONG"))
        let third = try RawClient(port: served.port)
        #expect(try third.read() == .error("ERR max number of clients reached"))
        #expect(try third.read() == nil)
        admin.send("CONFIG SET maxclients 10000\r\n")
        #expect(try admin.read() == .ok)
        let fourth = try RawClient(port: served.port)
        fourth.send("PING\r\n")
        #expect(try fourth.read() == .simpleString("PONG"))
        await served.stop()
    }
}
