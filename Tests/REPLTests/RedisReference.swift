import Foundation
import RedislingsTestSupport

/// A real redis-server on a free loopback port (`RedisServerProcess`), and redis-cli's formatted
/// output for commands sent to it: the reference the REPL's output is compared with.
///
/// redis-cli runs through the shell (`popen`): plain and reliable inside the test runner.
final class RedisReference {
    private let server: RedisServerProcess
    var port: Int { server.port }

    /// Starts a server, or returns nil (printing why) when redis-server or redis-cli is not installed.
    static func start() throws -> RedisReference? {
        guard RedisServerProcess.isInstalled, findExecutable("redis-cli") != nil else {
            print("skipped: redis-server or redis-cli is not installed (scripts/install-deps.sh --test installs them)")
            return nil
        }
        return RedisReference(server: try RedisServerProcess())
    }

    private init(server: RedisServerProcess) { self.server = server }

    /// redis-cli's terminal-style output for `command` (without the final newline), with
    /// `resp3` after HELLO 3 as `redis-cli -3` prints it.
    @discardableResult
    func cli(_ command: [String], resp3: Bool = false) -> String {
        var text = RedisReference.shell(
            "redis-cli -p \(port) --no-raw " + (resp3 ? "-3 " : "") + command.map(RedisReference.quote).joined(separator: " ") + " 2>&1")
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    func stop() { server.stop() }

    static func quote(_ argument: String) -> String { shellQuoted(argument) }

    static func shell(_ command: String) -> String { shellOutput(command) }
}
