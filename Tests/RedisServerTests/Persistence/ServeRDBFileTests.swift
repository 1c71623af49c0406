import RedislingsTestSupport
import Testing

/// `serve --dir --dbfilename`: SAVE writes the file there and the next start loads it; a plain
/// `serve` starts empty; a damaged file stops serve with the reason.
extension ServeCommandTests {
    @Test func saveThenRestartWithDirKeepsTheData() async throws {
        let directory = "/tmp/redislings-serve-rdb-\(UInt64.random(in: 0...UInt64.max))"
        _ = try await runShellOffThePool("mkdir -p '\(directory)'")
        let first = try await serve(
            "--dir \(directory) --dbfilename data.rdb",
            "redis-cli -p $PORT RPUSH l a b c; redis-cli -p $PORT SET k v EX 1000; redis-cli -p $PORT SAVE; redis-cli -p $PORT CONFIG GET dbfilename",
            stop: "kill -TERM $server")
        #expect(first.output.hasPrefix("3\nOK\nOK\ndbfilename\ndata.rdb\nexit 0\n"), "\(first.output)")
        let second = try await serve(
            "--dir \(directory) --dbfilename data.rdb",
            "redis-cli -p $PORT LRANGE l 0 -1; redis-cli -p $PORT GET k; [ $(redis-cli -p $PORT TTL k) -gt 900 ] && echo ttl-kept",
            stop: "kill -TERM $server")
        #expect(second.output.hasPrefix("a\nb\nc\nv\nttl-kept\nexit 0\nredislings: loaded \(directory)/data.rdb.\n"), "\(second.output)")
        let plain = try await serve("", "redis-cli -p $PORT DBSIZE", stop: "kill -TERM $server")
        #expect(plain.output.hasPrefix("0\nexit 0\n"), "\(plain.output)")
        _ = try await runShellOffThePool("printf 'REDIS0010garbage' > '\(directory)/data.rdb'")
        let damaged = try await runShellOffThePool("'\(binary)' serve --port \(freeLoopbackPort()) --dir \(directory) --dbfilename data.rdb", timeout: 30)
        #expect(damaged.status != 0)
        #expect(damaged.output.contains("Error: cannot load \(directory)/data.rdb"), "\(damaged.output)")
        _ = try await runShellOffThePool("rm -rf '\(directory)'")
    }
}
