import Foundation
import RedislingsTestSupport
import Testing

/// The built `redislings serve`, driven by redis-cli.
@Suite(.enabled(if: RedislingsBinary.locate() != nil && findExecutable("redis-cli") != nil,
    "the redislings binary or redis-cli is missing: serve end-to-end tests skipped"))
struct ServeCommandTests {
    let binary = RedislingsBinary.locate()!.path

    /// Starts `redislings serve ARGS` on a free port (with at most `descriptors` open files when
    /// given), runs `body` (shell, $PORT set), then stops the server with `stop` and reports how
    /// it exited.
    func serve(
        _ arguments: String, _ body: String, stop: String, binary: String? = nil, descriptors: Int? = nil
    ) async throws -> ShellResult {
        let port = freeLoopbackPort()
        let limit = descriptors.map { "ulimit -n \($0); " } ?? ""
        return try await runShellOffThePool("""
            PORT=\(port)
            (\(limit)exec '\(binary ?? self.binary)' serve --port $PORT \(arguments)) >serve.out 2>&1 &
            server=$!
            for i in $(seq 100); do redis-cli -p $PORT -e ECHO up >/dev/null 2>&1 && break; redis-cli -p $PORT PING 2>/dev/null | grep -q NOAUTH && break; sleep 0.1; done
            \(body)
            \(stop)
            for i in $(seq 100); do kill -0 $server 2>/dev/null || break; sleep 0.1; done
            if kill -0 $server 2>/dev/null; then echo "still running"; kill -9 $server; fi
            wait $server; echo "exit $?"
            cat serve.out; rm -f serve.out
            """.replacingOccurrences(of: "serve.out", with: "/tmp/redislings-serve-\(port).out"), timeout: 60)
    }

    /// One event loop by default, as redis-server: clients' commands run in the order they
    /// arrive (ArrivalOrderTests shows what that keeps).
    @Test func servesOnOneEventLoopByDefault() async throws {
        let help = try await runShellOffThePool("'\(binary)' serve --help", timeout: 60).output
        let threads = help.split(separator: "\n").drop { !$0.hasPrefix("  --threads") }.prefix(6).joined(separator: " ")
        #expect(threads.contains("(default: 1)"), "\(help)")
    }

    @Test func sigtermStopsItCleanly() async throws {
        let result = try await serve("", "redis-cli -p $PORT SET k v; redis-cli -p $PORT GET k", stop: "kill -TERM $server")
        #expect(result.output.hasPrefix("OK\nv\nexit 0\nredislings: the simulator listens on 127.0.0.1:"), "\(result.output)")
        #expect(result.output.hasSuffix("redislings: stopped.\n"))
    }

    /// With its last descriptors (10: the standard three, the loop's epoll and eventfd, the
    /// listener, the runtime's own) serve still serves and stops on SIGTERM and Ctrl-C: the loop
    /// catches them, where a DispatchSource needed a descriptor of its own and never fired.
    @Test(arguments: ["TERM", "INT"]) func aSignalStopsItWithFewDescriptorsLeft(signal: String) async throws {
        let result = try await serve("", "redis-cli -p $PORT SET k v", stop: "kill -\(signal) $server", descriptors: 10)
        #expect(result.output.hasPrefix("OK\nexit 0\nredislings: the simulator listens on 127.0.0.1:"), "\(result.output)")
        #expect(result.output.hasSuffix("redislings: stopped.\n"), "\(result.output)")
    }

    /// `serve` becomes the lean `redislings-server` built beside it: the same process, the same
    /// output, but without Foundation or the course loaded, so it needs half the memory.
    @Test func servesFromTheLeanServerProcess() async throws {
        let result = try await serve(
            "", "readlink /proc/$server/exe; grep -c libFoundation /proc/$server/maps; redis-cli -p $PORT EVAL \"return redis.call('PING')\" 0",
            stop: "kill -TERM $server")
        #expect(result.output.hasPrefix("""
            \(URL(fileURLWithPath: binary).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("redislings-server").path)
            0
            PONG

            """), "\(result.output)")
        #expect(result.output.contains("exit 0\nredislings: the simulator listens on 127.0.0.1:"), "\(result.output)")
        #expect(result.output.hasSuffix("redislings: stopped.\n"))
    }

    /// Without `redislings-server` beside it, `redislings serve` serves in its own process.
    @Test func servesInItsOwnProcessWithoutTheLeanServer() async throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("serve-alone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let alone = folder.appendingPathComponent("redislings").path
        try FileManager.default.copyItem(atPath: binary, toPath: alone)
        let result = try await serve(
            "", "readlink /proc/$server/exe; redis-cli -p $PORT EVAL \"return redis.call('PING')\" 0", stop: "kill -TERM $server",
            binary: alone)
        #expect(result.output.hasPrefix("\(URL(fileURLWithPath: alone).resolvingSymlinksInPath().path)\nPONG\nexit 0\nredislings: the simulator listens on 127.0.0.1:"), "\(result.output)")
        #expect(result.output.hasSuffix("redislings: stopped.\n"))
    }

    @Test func sigtermStopsItWhileAScriptLoops() async throws {
        let result = try await serve(
            "",
            """
            redis-cli -p $PORT CONFIG SET lua-time-limit 100
            (redis-cli -p $PORT EVAL "redis.call('SET', 'x', '1') while true do end" 0 >/dev/null 2>&1 &)
            sleep 0.3; redis-cli -p $PORT PING
            """,
            stop: "kill -TERM $server")
        #expect(result.output.hasPrefix("""
            OK
            BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.

            exit 0
            """), "\(result.output)")
        #expect(!result.output.contains("still running"))
    }

    @Test func shutdownInsideMultiIsRefusedAndDoomsTheTransaction() async throws {
        let result = try await serve(
            "", "printf 'MULTI\\nSET foo bar\\nSHUTDOWN\\nEXEC\\nGET foo\\n' | redis-cli -p $PORT", stop: "kill -TERM $server")
        // redis-cli follows each error with an empty line; GET foo answers nil, an empty line.
        #expect(result.output.hasPrefix("""
            OK
            QUEUED
            ERR Command not allowed inside a transaction

            EXECABORT Transaction discarded because of previous errors.


            exit 0
            """), "\(result.output)")
    }

    @Test func shutdownFromAClientStopsIt() async throws {
        let result = try await serve("", "redis-cli -p $PORT SHUTDOWN NOSAVE", stop: "")
        #expect(result.output.contains("exit 0\n"), "\(result.output)")
        #expect(!result.output.contains("still running"))
    }

    @Test func requirepassMakesAuthMandatory() async throws {
        let result = try await serve(
            "--requirepass s3cret",
            "redis-cli -p $PORT GET k; redis-cli -p $PORT --no-auth-warning -a wrong PING; redis-cli -p $PORT --no-auth-warning -a s3cret PING",
            stop: "kill -INT $server")
        // redis-cli prints what it prints against redis-server --requirepass: NOAUTH without a
        // password, WRONGPASS (then NOAUTH) with a wrong one, PONG with the right one.
        #expect(result.output.hasPrefix("NOAUTH Authentication required.\n"), "\(result.output)")
        #expect(result.output.contains("AUTH failed: WRONGPASS invalid username-password pair or user is disabled."))
        #expect(result.output.contains("PONG\nexit 0\n"))
    }

    @Test func clientListShowsRealConnections() async throws {
        let result = try await serve("", "redis-cli -p $PORT CLIENT LIST", stop: "kill -TERM $server")
        #expect(result.output.contains("addr=127.0.0.1:"), "\(result.output)")
        #expect(result.output.contains("laddr=127.0.0.1:"))
        #expect(result.output.contains("cmd=client|list"))
    }

    @Test func aBusyPortIsExplained() async throws {
        let blocker = try RedisServerProcess()
        let result = try await runShellOffThePool("'\(binary)' serve --port \(blocker.port)", timeout: 30)
        #expect(result.status != 0)
        #expect(result.output.contains("cannot listen on 127.0.0.1:\(blocker.port)"), "\(result.output)")
        #expect(result.output.contains("--port"))
    }

    /// Out of file descriptors, serve says so and what to do, rather than crashing: with 8 it
    /// cannot open its listening socket, with 6 not even its event loop.
    @Test(arguments: [6, 8]) func aShortageOfFileDescriptorsIsExplained(limit: Int) async throws {
        let result = try await runShellOffThePool("ulimit -n \(limit); '\(binary)' serve --port 0", timeout: 30)
        #expect(result.status != 0)
        #expect(result.output.contains("Too many open files"), "\(result.output)")
        #expect(result.output.contains("ulimit -n"), "\(result.output)")
        #expect(!result.output.contains("Fatal error"), "\(result.output)")
    }

    /// An address that is none of this machine's (192.0.2.1 is reserved for documentation).
    @Test func anAddressNotOnThisMachineIsExplained() async throws {
        let result = try await runShellOffThePool("'\(binary)' serve --port 0 --bind 192.0.2.1", timeout: 30)
        #expect(result.status != 0)
        #expect(result.output.contains("cannot listen on 192.0.2.1:0"), "\(result.output)")
        #expect(result.output.contains("--bind 127.0.0.1"), "\(result.output)")
    }

    /// `serve --replicaof host port` starts as a replica of that primary: here a served
    /// simulator, written to before and after the replica attached.
    @Test func replicaofFollowsAPrimary() async throws {
        let primary = try await ServedSimulator()
        let writer = try await primary.connect()
        _ = try await writer.send("SET", "before", "1")
        let result = try await serve(
            "--replicaof 127.0.0.1 \(primary.port)",
            """
            for i in $(seq 100); do redis-cli -p $PORT GET before | grep -q 1 && break; sleep 0.1; done
            redis-cli -p \(primary.port) SET after 2 >/dev/null; redis-cli -p \(primary.port) WAIT 1 5000
            redis-cli -p $PORT GET after; redis-cli -p $PORT SET x 1; redis-cli -p $PORT ROLE | head -4
            """,
            stop: "kill -TERM $server")
        #expect(result.output.hasPrefix("""
            1
            2
            READONLY You can't write against a read only replica.

            slave
            127.0.0.1
            \(primary.port)
            connected
            exit 0
            """), "\(result.output)")
        await writer.close()
        await primary.stop()
    }

    @Test func replicaofNeedsAHostAndAPort() async throws {
        let result = try await runShellOffThePool("'\(binary)' serve --replicaof 127.0.0.1", timeout: 30)
        #expect(result.status != 0)
        #expect(result.output.contains("--replicaof takes a host and a port"), "\(result.output)")
    }
}
