import ArgumentParser
import Dispatch
@preconcurrency import Foundation
import RESP
import RedisBackends
import RedisServer
import RedisSimulator

/// `redislings serve`: the built-in Redis over TCP, for redis-cli, redis-py and your own code.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the built-in Redis simulator over the Redis protocol (RESP).",
        discussion: """
            Connect any Redis client to it: redis-cli -p 6379, or redis.Redis(port=6379) in Python.
            SHUTDOWN, Ctrl-C or SIGTERM stops it.
            """)

    @Option(help: "The TCP port to listen on.")
    var port: Int = 6379

    @Option(help: "The address to listen on (loopback by default; 0.0.0.0 exposes it to your network).")
    var bind: String = "127.0.0.1"

    @Option(help: "Require clients to AUTH with this password.")
    var requirepass: String?

    // One loop, as redis-server: commands that different clients send one after another run in
    // the order they arrive, which blocking commands and the TCL suite rely on (a BRPOPLPUSH sent
    // before another client's LPUSH must block first). Two loops gain about 40% for pipelined
    // clients on two cores but may run a later client's command first.
    @Option(help: "Event-loop threads serving connections. More than 1 overlaps socket work on several cores, but commands sent by different clients one after another may then run out of order.")
    var threads: Int = 1

    @Option(help: "The directory SAVE and BGSAVE write the RDB file to (redis-server's dir; default: the current directory). Given, serve starts with that file's data when it exists.")
    var dir: String?

    @Option(help: "The RDB file's name in --dir (redis-server's dbfilename; default: dump.rdb). Given, serve starts with that file's data when it exists.")
    var dbfilename: String?

    @Option(parsing: .upToNextOption, help: ArgumentHelp(
        "Start as a replica of the primary at HOST PORT (redis-server's --replicaof); REPLICAOF NO ONE promotes it.",
        valueName: "host port"))
    var replicaof: [String] = []

    /// The primary `--replicaof` names, as "host port" in one or two words.
    var primaryAddress: (host: String, port: Int)? {
        let words = replicaof.flatMap { $0.split(separator: " ").map(String.init) }
        guard words.count == 2, let port = Int(words[1]), (0...65535).contains(port) else { return nil }
        return (words[0], port)
    }

    func validate() throws {
        if !replicaof.isEmpty, primaryAddress == nil {
            throw ValidationError("--replicaof takes a host and a port from 0 to 65535, e.g. --replicaof 127.0.0.1 6379, not '\(replicaof.joined(separator: " "))'.")
        }
        if let dbfilename, dbfilename.isEmpty || dbfilename.contains("/") {
            throw ValidationError("--dbfilename must be a file name without a directory, not '\(dbfilename)'; put the directory in --dir.")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535, not \(port).") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1.") }
    }

    /// The options checked, in the form the serving process reads.
    var options: ServeOptions {
        ServeOptions(
            port: port, bind: bind, requirepass: requirepass, threads: threads, dir: dir, dbfilename: dbfilename,
            primary: primaryAddress.map { ServeOptions.Primary(host: $0.host, port: $0.port) })
    }

    func run() async throws {
        // The lean server beside this program serves in this process's place (same pid, same
        // output); without it, serving runs here, with the whole program's memory.
        if let server = Self.leanServer() { Self.become(server, arguments: options.arguments) }
        try await ServeProcess.run(options, simulator: SimulatorBackend().simulator)
    }

    /// `redislings-server` in this program's own folder, when it is there and runnable.
    static func leanServer() -> String? {
        guard let me = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        let server = URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("redislings-server").path
        return access(server, X_OK) == 0 ? server : nil
    }

    /// Replaces this process with `program`; returns only when that fails.
    static func become(_ program: String, arguments: [String]) {
        fflush(stdout)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        execv(program, argv)
        for word in argv { free(word) }
    }
}
