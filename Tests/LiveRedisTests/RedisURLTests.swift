import Testing
@testable import LiveRedis

@Suite struct RedisURLTests {
    @Test func defaultsToLocalRedis() throws {
        let url = try RedisURL(parsing: "redis://")
        #expect(url == RedisURL(host: "127.0.0.1", port: 6379, database: 0))
    }

    @Test func readsHostPortAndDatabase() throws {
        let url = try RedisURL(parsing: "redis://cache.local:6380/3")
        #expect(url.host == "cache.local")
        #expect(url.port == 6380)
        #expect(url.database == 3)
        #expect(url.password == nil)
    }

    @Test func readsUserAndPercentEncodedPassword() throws {
        let url = try RedisURL(parsing: "redis://alice:s%40cret@10.0.0.1:7000")
        #expect(url.user == "alice")
        #expect(url.password == "s@cret")
        #expect(url.description == "redis://alice:***@10.0.0.1:7000")
    }

    @Test func aPasswordWithoutUser() throws {
        let url = try RedisURL(parsing: "redis://:secret@localhost")
        #expect(url.user == nil)
        #expect(url.password == "secret")
        #expect(url.port == 6379)
    }

    @Test func readsIPv6Hosts() throws {
        let url = try RedisURL(parsing: "redis://[::1]:6390/1")
        #expect(url.host == "::1")
        #expect(url.port == 6390)
        #expect(url.description == "redis://[::1]:6390/1")
    }

    @Test func readsUnixSockets() throws {
        let url = try RedisURL(parsing: "unix:///run/redis/redis.sock?db=2")
        #expect(url.socketPath == "/run/redis/redis.sock")
        #expect(url.database == 2)
        #expect(url.description == "unix:///run/redis/redis.sock?db=2")
    }

    @Test(arguments: [
        ("http://localhost", "must start with redis:// or unix://"),
        ("redis://localhost:http", "port must be a number"),
        ("redis://localhost:70000", "port must be a number"),
        ("redis://localhost/x", "database after '/'"),
        ("unix://relative.sock", "must be absolute"),
    ])
    func rejectsBadURLsSayingWhy(text: String, reason: String) {
        #expect {
            try RedisURL(parsing: text)
        } throws: { error in
            let message = (error as? RedisURLError)?.message ?? ""
            return message.contains(reason) && message.contains(text) && message.contains("redis://[user:password@]host:port[/db]")
        }
    }
}
