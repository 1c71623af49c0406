import Foundation
import RESP
import Testing

/// `client-output-buffer-limit` over real sockets, as Redis applies it: a subscriber that stops
/// reading is dropped at its class's hard limit or after the soft limit's seconds, a normal
/// client whose one reply passes the hard limit is dropped before any of it is sent, and the
/// backlog shows in CLIENT LIST (`oll`, `omem`) and INFO (`client_recent_max_output_buffer`).
@Suite struct OutputBufferLimitTests {
    /// One field of `id`'s CLIENT LIST line, or nil once the client is gone.
    static func clientField(_ admin: RawClient, id: Int64, _ field: String) throws -> Int? {
        admin.send("CLIENT LIST\r\n")
        let text = try #require(try admin.read()?.stringValue)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("id=\(id) ") }) else { return nil }
        let value = line.split(separator: " ").first { $0.hasPrefix("\(field)=") }?.dropFirst(field.count + 1)
        return value.flatMap { Int($0) }
    }

    /// A request in RESP (inline requests stop at 64 KB).
    static func request(_ arguments: String...) -> String {
        arguments.reduce("*\(arguments.count)\r\n") { $0 + "$\($1.utf8.count)\r\n\($1)\r\n" }
    }

    static func recentMaxOutputBuffer(_ admin: RawClient) throws -> Int {
        admin.send("INFO clients\r\n")
        let text = try #require(try admin.read()?.stringValue)
        let line = try #require(text.split(whereSeparator: \.isNewline).first { $0.hasPrefix("client_recent_max_output_buffer:") })
        return try #require(Int(line.split(separator: ":")[1]))
    }

    /// Subscribes a client that then reads nothing, and publishes 64 KB messages until the
    /// server drops it (at most 2,000 of them); returns the largest `omem` and `oll` seen.
    static func publishUntilDropped(_ served: ServedSimulator, admin: RawClient, pause: Duration = .zero) async throws -> (omem: Int, oll: Int, dropped: Bool, subscriber: RawClient) {
        let subscriber = try RawClient(port: served.port)
        subscriber.send("CLIENT ID\r\n")
        let id = try #require(try subscriber.read()?.integerValue)
        subscriber.send("SUBSCRIBE ch\r\n")
        _ = try subscriber.read()
        let message = String(repeating: "m", count: 64 * 1024)
        var largest = (omem: 0, oll: 0)
        for _ in 0..<2000 {
            admin.send(request("PUBLISH", "ch", message))
            _ = try admin.read()
            guard let omem = try clientField(admin, id: id, "omem"), let oll = try clientField(admin, id: id, "oll") else {
                return (largest.omem, largest.oll, true, subscriber)
            }
            largest = (max(largest.omem, omem), max(largest.oll, oll))
            if pause > .zero { try await Task.sleep(for: pause) }
        }
        return (largest.omem, largest.oll, false, subscriber)
    }

    @Test func aSubscriberThatStopsReadingIsDroppedAtThePubSubHardLimit() async throws {
        let served = try await ServedSimulator()
        let admin = try RawClient(port: served.port)
        admin.send("CONFIG SET client-output-buffer-limit \"pubsub 1mb 0 0\"\r\n")
        #expect(try admin.read() == .ok)
        let run = try await Self.publishUntilDropped(served, admin: admin)
        #expect(run.dropped)
        // Before it went, the backlog showed in CLIENT LIST, below the limit.
        #expect(run.omem > 0 && run.omem < 1024 * 1024)
        #expect(run.oll > 0)
        // INFO still remembers the backlog after the client is gone.
        #expect(try Self.recentMaxOutputBuffer(admin) >= run.omem)
        // The subscriber reads what the kernel held, then finds the connection closed.
        let rest = run.subscriber.readUntilQuiet(quietMilliseconds: 10_000)
        #expect(Array(rest.suffix(8)) == Array("<closed>".utf8))
        await served.stop()
    }

    @Test func aSubscriberOverTheSoftLimitIsDroppedAfterItsSeconds() async throws {
        let served = try await ServedSimulator()
        let admin = try RawClient(port: served.port)
        // No hard limit: only the soft limit, passed for more than a second, can drop it.
        admin.send("CONFIG SET client-output-buffer-limit \"pubsub 0 256kb 1\"\r\n")
        #expect(try admin.read() == .ok)
        let run = try await Self.publishUntilDropped(served, admin: admin, pause: .milliseconds(20))
        #expect(run.dropped)
        #expect(run.omem >= 256 * 1024)
        await served.stop()
    }

    @Test func aReplyOverTheNormalHardLimitDropsTheClientWithNothingSent() async throws {
        let served = try await ServedSimulator()
        let admin = try RawClient(port: served.port)
        admin.send("CONFIG SET client-output-buffer-limit \"normal 1mb 0 0\"\r\n")
        #expect(try admin.read() == .ok)
        let value = String(repeating: "v", count: 2 * 1024 * 1024)
        admin.send(Self.request("SET", "big", value))
        #expect(try admin.read() == .ok)
        let reader = try RawClient(port: served.port)
        reader.send("GET big\r\n")
        #expect(reader.readUntilQuiet(quietMilliseconds: 10_000) == Array("<closed>".utf8))
        // A reply under the limit is sent as usual.
        admin.send(Self.request("SET", "small", String(value.prefix(512 * 1024))))
        #expect(try admin.read() == .ok)
        admin.send("GET small\r\n")
        #expect(try admin.read() == .bulkString(Array(value.prefix(512 * 1024).utf8)))
        await served.stop()
    }
}
