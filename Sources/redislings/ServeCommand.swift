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

    func run() async throws {
        let simulator = SimulatorBackend().simulator
        if let requirepass { try Self.requirePassword(requirepass, on: simulator) }
        // Like redis-server, SAVE writes to the current directory by default; unlike it, a
        // dump.rdb lying there is loaded only when asked (--dir or --dbfilename), so a plain
        // `serve` always starts empty, as a learner expects of the simulator.
        try Self.loadDataset(
            into: simulator, directory: dir ?? FileManager.default.currentDirectoryPath, fileName: dbfilename ?? "dump.rdb",
            load: dir != nil || dbfilename != nil)
        let server = RESPServer(simulator: simulator, threads: threads)
        let boundPort: Int
        do {
            boundPort = try await server.start(host: bind, port: port)
        } catch {
            await server.stop()
            throw CommandLineError(
                message: "cannot listen on \(bind):\(port) (\(error)).",
                help: "Is another Redis running there? Pick another port with --port, e.g. --port 6380.")
        }
        simulator.setListeningPort(boundPort)
        if let primary = primaryAddress { simulator.follow(host: primary.host, port: primary.port) }
        let signals = Self.stopOnSignals(server)
        print("redislings: the simulator listens on \(bind):\(boundPort) — connect with redis-cli -p \(boundPort). Ctrl-C stops it.")
        fflush(stdout)
        await server.waitUntilStopped()
        for source in signals { source.cancel() }
        print("redislings: stopped.")
    }

    /// Sets the simulator's `requirepass`, as `redis-server --requirepass` does.
    static func requirePassword(_ password: String, on simulator: Simulator) throws {
        let admin = simulator.connect()
        defer { simulator.disconnect(admin) }
        let result = simulator.execute(["CONFIG", "SET", "requirepass", password].map { Array($0.utf8) }, for: admin)
        guard case .reply(let reply) = result, !reply.isError else {
            throw CommandLineError(
                message: "the simulator cannot set requirepass (\(result)).",
                help: "Serve without --requirepass.")
        }
    }

    /// Points SAVE at `directory`/`fileName` and, with `load`, loads that file if it exists, as
    /// redis-server does at start; a file it cannot read stops serve with the reason.
    static func loadDataset(into simulator: Simulator, directory: String, fileName: String, load: Bool) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandLineError(
                message: "--dir \(directory) is not a directory.",
                help: "Create it first (mkdir -p \(directory)) or pass an existing directory.")
        }
        let absolute = URL(fileURLWithPath: directory).standardizedFileURL.path
        simulator.configurePersistence(directory: absolute, fileName: fileName)
        guard load else { return }
        do {
            if try simulator.loadRDBFile() {
                print("redislings: loaded \(simulator.rdbFilePath).")
            }
        } catch {
            throw CommandLineError(
                message: "cannot load \(simulator.rdbFilePath): \(error.message)",
                help: "Is it an RDB file written by Redis 7.0 or earlier? Move it away to start empty, or pass another --dbfilename.")
        }
    }

    /// Stops the server cleanly on Ctrl-C and SIGTERM.
    static func stopOnSignals(_ server: RESPServer) -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                Task { await server.stop() }
                // A stop that cannot finish (a script stuck inside one C call) must not keep
                // the process alive: within a second it ends anyway.
                DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(900)) {
                    print("redislings: stopped (a script was still running).")
                    fflush(stdout)
                    Foundation.exit(0)
                }
            }
            source.resume()
            return source
        }
    }
}
