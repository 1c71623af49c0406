// The process `redislings serve` becomes: the simulator with Lua behind the RESP server, and
// nothing else. Without Foundation, the course and the command line's libraries, it keeps about
// half the resident memory of the whole program (16 MB instead of 33 MB idle), nearer
// redis-server's 12 MB.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Basics
import RedisScripting
import RedisServer
import RedisSimulator

/// Prints `error` as `redislings` prints a command-line error, and ends with `status`.
func fail(_ error: CommandLineError, status: Int32) -> Never {
    let text = Array("Error: \(error)\n".utf8)
    _ = text.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(status)
}

let options: ServeOptions
do {
    options = try ServeOptions(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    fail(error, status: 64)
}
do {
    try await ServeProcess.run(options, simulator: .withLua())
} catch {
    fail(error, status: 1)
}
