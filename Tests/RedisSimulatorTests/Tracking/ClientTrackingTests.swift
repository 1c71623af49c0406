import Testing
import RESP
@testable import RedisSimulator

/// Client-side caching on the simulator; each expectation is what redis-server 7.0.15 sends
/// (checked over a raw socket: /tmp scripts in the change that added tracking).
@Suite struct ClientTrackingTests {
    let simulator = manualSimulator()

    private func invalidationMessage(_ payload: RESPValue) -> RESPValue {
        .array([.bulk("message"), .bulk("__redis__:invalidate"), payload])
    }

    @Test func resp2InvalidationsGoThroughTheRedirectClientsChannel() {
        let writer = RecordingClient(simulator), listener = RecordingClient(simulator), reader = RecordingClient(simulator)
        listener.run("SUBSCRIBE", "__redis__:invalidate")
        _ = listener.drain()
        #expect(reader.reply("CLIENT", "TRACKING", "ON", "REDIRECT", String(listener.client.id)) == .ok)
        #expect(reader.reply("GET", "k") == .nullBulkString)
        writer.run("SET", "k", "1")
        #expect(listener.drain() == [invalidationMessage(.array([.bulk("k")]))])
        writer.run("SET", "k", "2")
        #expect(listener.drain().isEmpty, "a key is invalidated once, until it is read again")
        reader.run("GET", "k")
        writer.run("FLUSHALL")
        #expect(listener.drain() == [invalidationMessage(.nullBulkString)])
        #expect(reader.reply("CLIENT", "GETREDIR") == .integer(listener.client.id))
        #expect(reader.drain().isEmpty, "a RESP2 client never gets invalidations itself")
    }

    @Test func aBrokenRedirectIsReportedToAResp3Client() {
        let writer = RecordingClient(simulator), listener = RecordingClient(simulator), reader = RecordingClient(simulator)
        reader.run("HELLO", "3")
        reader.run("CLIENT", "TRACKING", "ON", "REDIRECT", String(listener.client.id))
        reader.run("GET", "k")
        simulator.disconnect(listener.client)
        writer.run("SET", "k", "2")
        #expect(reader.drain() == [.push([.bulk("tracking-redir-broken"), .integer(listener.client.id)])])
        #expect(reader.reply("CLIENT", "TRACKINGINFO") == .map([
            .bulk("flags"), .set([.bulk("on"), .bulk("broken_redirect")]),
            .bulk("redirect"), .integer(listener.client.id), .bulk("prefixes"), .array([]),
        ]))
    }

    @Test func aClientsOwnWriteIsInvalidatedAfterItsReply() {
        let reader = RecordingClient(simulator)
        reader.run("HELLO", "3")
        reader.run("CLIENT", "TRACKING", "ON")
        reader.run("GET", "k")
        let invalidate = RESPValue.push([.bulk("invalidate"), .array([.bulk("k")])])
        #expect(reader.run("SET", "k", "1") == .replies([.ok, invalidate]))
        reader.run("CLIENT", "TRACKING", "ON", "NOLOOP")
        reader.run("GET", "k")
        #expect(reader.run("SET", "k", "2") == .reply(.ok))
    }

    @Test func anEvictedKeyIsInvalidatedBeforeTheReplyOfTheCommandThatEvictedIt() {
        let reader = RecordingClient(simulator)
        reader.run("HELLO", "3")
        reader.run("CLIENT", "TRACKING", "ON")
        reader.run("SET", "volatile", "x", "EX", "10000")
        reader.run("GET", "volatile")
        reader.run("SET", "big", String(repeating: "b", count: 4096))
        let used = simulator.withLock { $0.estimatedMemoryUsage(countingElements: true) }
        reader.run("CONFIG", "SET", "maxmemory-policy", "volatile-random")
        // The limit is set above what is used, so CONFIG SET itself evicts nothing.
        reader.run("CONFIG", "SET", "maxmemory", String(used + 16))
        reader.run("APPEND", "big", String(repeating: "b", count: 1024))
        _ = reader.drain()
        // Over the limit now: the next command evicts the only key with a TTL first, and its
        // reader hears of it before the command's own reply.
        #expect(reader.run("STRLEN", "big") == .replies([.push([.bulk("invalidate"), .array([.bulk("volatile")])]), .integer(5120)]))
        #expect(reader.reply("EXISTS", "volatile") == .integer(0))
    }

    @Test func broadcastFollowsPrefixesAndExpiry() {
        let writer = RecordingClient(simulator), reader = RecordingClient(simulator)
        reader.run("HELLO", "3")
        #expect(reader.reply("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "user:") == .ok)
        writer.run("MSET", "user:2", "a", "user:1", "b", "other", "c")
        #expect(reader.drain() == [.push([.bulk("invalidate"), .array([.bulk("user:1"), .bulk("user:2")])])])
        writer.run("SET", "user:3", "x", "PX", "100")
        _ = reader.drain()
        simulator.advance(milliseconds: 200)
        #expect(reader.drain() == [.push([.bulk("invalidate"), .array([.bulk("user:3")])])])
        #expect(reader.reply("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "us") == .error(
            "ERR Prefix 'us' overlaps with an existing prefix 'user:'. Prefixes for a single client must not overlap."))
    }

    @Test func optInTracksOnlyTheNextCommandAfterCachingYes() {
        let writer = RecordingClient(simulator), reader = RecordingClient(simulator)
        reader.run("HELLO", "3")
        reader.run("CLIENT", "TRACKING", "ON", "OPTIN")
        reader.run("GET", "a")
        reader.run("CLIENT", "CACHING", "YES")
        reader.run("GET", "b")
        reader.run("GET", "c")
        writer.run("MSET", "a", "1", "b", "1", "c", "1")
        #expect(reader.drain() == [.push([.bulk("invalidate"), .array([.bulk("b")])])])
    }

    @Test func trackingCountsShowInInfoAndClientList() {
        let reader = RecordingClient(simulator)
        reader.run("CLIENT", "TRACKING", "ON")
        reader.run("MGET", "a", "b")
        let info = reader.reply("INFO", "stats")?.stringValue ?? ""
        #expect(info.contains("tracking_total_keys:2\r\n"))
        #expect(info.contains("tracking_total_items:2\r\n"))
        let line = reader.reply("CLIENT", "INFO")?.stringValue ?? ""
        #expect(line.contains(" flags=t "))
        #expect(line.contains(" redir=0 resp=2"))
    }
}
