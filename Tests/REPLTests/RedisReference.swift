import Foundation

/// A real redis-server on a free loopback port, and redis-cli's formatted output for commands
/// sent to it: the reference the REPL's output is compared with.
///
/// Both programs run through the shell (`popen`): plain and reliable inside the test runner.
final class RedisReference {
    let port: Int

    /// Starts a server, or returns nil (printing why) when redis-server or redis-cli is not installed.
    static func start() throws -> RedisReference? {
        guard which("redis-server") != nil, which("redis-cli") != nil else {
            print("skipped: redis-server or redis-cli is not installed (scripts/install-deps.sh --test installs them)")
            return nil
        }
        let port = try freePort()
        _ = shell("redis-server --port \(port) --bind 127.0.0.1 --save '' --appendonly no --daemonize yes "
            + "--pidfile /tmp/redislings-repl-test-\(port).pid --logfile /dev/null")
        let reference = RedisReference(port: port)
        for _ in 0..<100 where reference.cli(["PING"]) != "PONG" { usleep(50_000) }
        return reference
    }

    private init(port: Int) { self.port = port }

    /// redis-cli's terminal-style output for `command` (without the final newline).
    @discardableResult
    func cli(_ command: [String]) -> String {
        var text = RedisReference.shell(
            "redis-cli -p \(port) --no-raw " + command.map(RedisReference.quote).joined(separator: " ") + " 2>&1")
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    func stop() {
        _ = cli(["SHUTDOWN", "NOSAVE"])
    }

    static func quote(_ argument: String) -> String {
        "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func shell(_ command: String) -> String {
        guard let pipe = popen(command, "r") else { return "" }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&buffer, 1, buffer.count, pipe)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        pclose(pipe)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func which(_ program: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
