import Basics
import Dispatch
import RESP
import RedisSimulator

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `redislings serve`'s whole life: settings, the dataset, listening, signals, and the lines it
/// prints. It needs nothing beyond the simulator and the server, so it runs in the lean
/// `redislings-server` process (without Foundation or the course, about half the memory), or in
/// `redislings` itself when that program is not beside it.
public enum ServeProcess {
    /// Serves `simulator` as `options` say until SHUTDOWN, Ctrl-C or SIGTERM.
    public static func run(_ options: ServeOptions, simulator: Simulator) async throws(CommandLineError) {
        if let password = options.requirepass { try requirePassword(password, on: simulator) }
        // Like redis-server, SAVE writes to the current directory by default; unlike it, a
        // dump.rdb lying there is loaded only when asked (--dir or --dbfilename), so a plain
        // `serve` always starts empty, as a learner expects of the simulator.
        try loadDataset(
            into: simulator, directory: options.dir ?? currentDirectory(), fileName: options.dbfilename ?? "dump.rdb",
            load: options.dir != nil || options.dbfilename != nil)
        let server: RESPServer
        do {
            server = try RESPServer(simulator: simulator, threads: options.threads)
        } catch {
            throw CommandLineError(
                message: "cannot start serving (\(error)).",
                help: (error as? ServeSocketError)?.help
                    ?? "The system is short of file descriptors or threads: close some programs, and try again.")
        }
        let boundPort: Int
        do {
            boundPort = try await server.start(host: options.bind, port: options.port)
        } catch {
            await server.stop()
            throw CommandLineError(
                message: "cannot listen on \(options.bind):\(options.port) (\(error)).",
                help: (error as? ServeSocketError)?.help
                    ?? "Is another Redis running there? Pick another port with --port, e.g. --port 6380.")
        }
        simulator.setListeningPort(boundPort)
        if let primary = options.primary { simulator.follow(host: primary.host, port: primary.port) }
        await stopOnSignals(server)
        print("redislings: the simulator listens on \(options.bind):\(boundPort) — connect with redis-cli -p \(boundPort). Ctrl-C stops it.")
        fflush(nil)
        await server.waitUntilStopped()
        print("redislings: stopped.")
        fflush(nil)
    }

    /// Sets the simulator's `requirepass`, as `redis-server --requirepass` does.
    static func requirePassword(_ password: String, on simulator: Simulator) throws(CommandLineError) {
        let admin = simulator.connect()
        defer { simulator.disconnect(admin) }
        let result = simulator.execute(["CONFIG", "SET", "requirepass", password].map { Array($0.utf8) }, for: admin)
        guard case .reply(let reply) = result, !reply.isError else {
            throw CommandLineError(message: "the simulator cannot set requirepass (\(result)).", help: "Serve without --requirepass.")
        }
    }

    /// Points SAVE at `directory`/`fileName` and, with `load`, loads that file if it exists, as
    /// redis-server does at start; a file it cannot read stops serve with the reason.
    static func loadDataset(into simulator: Simulator, directory: String, fileName: String, load: Bool) throws(CommandLineError) {
        var status = stat()
        guard stat(directory, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            throw CommandLineError(
                message: "--dir \(directory) is not a directory.",
                help: "Create it first (mkdir -p \(directory)) or pass an existing directory.")
        }
        simulator.configurePersistence(directory: absolutePath(directory), fileName: fileName)
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

    /// `path` from the root, with `.` and `..` worked out by name (symbolic links are kept, as
    /// the user wrote them).
    static func absolutePath(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : currentDirectory() + "/" + path
        var parts: [Substring] = []
        for part in full.split(separator: "/") where part != "." {
            if part == ".." { _ = parts.popLast() } else { parts.append(part) }
        }
        return "/" + parts.joined(separator: "/")
    }

    static func currentDirectory() -> String {
        guard let path = getcwd(nil, 0) else { return "." }
        defer { free(path) }
        return String(cString: path)
    }

    /// Stops the server cleanly on Ctrl-C and SIGTERM. The server's loop catches them rather
    /// than a DispatchSource, which needs a descriptor of its own: a serve started with
    /// `ulimit -n 10` could not stop on either signal.
    static func stopOnSignals(_ server: RESPServer) async {
        await server.handleSignals([SIGINT, SIGTERM]) { _ in
            Task { await server.stop() }
            // A stop that cannot finish (a script stuck inside one C call) must not keep the
            // process alive: within a second it ends anyway.
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(900)) {
                print("redislings: stopped (a script was still running).")
                fflush(nil)
                exit(0)
            }
        }
    }
}
