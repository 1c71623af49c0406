import Foundation
import RedislingsTestSupport
import Testing

/// `redislings serve --port P` reports P where redis-server reports its port (issue 23).
@Suite struct ServePortTests {
    @Test func configGetPortAndInfoNameTheListeningPort() throws {
        guard RedisServerProcess.isInstalled else {
            print("ServePortTests skipped: redis-cli comes with redis-server, which is not installed")
            return
        }
        let binary = try RedislingsBinary.built()
        let serve = try ServeProcess(binary: binary.path)
        defer { serve.stop() }
        let port = try runShell("redis-cli -p \(serve.port) CONFIG GET port").output
        #expect(port == "port\n\(serve.port)\n")
        let info = try runShell("redis-cli -p \(serve.port) INFO server").output
        #expect(info.contains("tcp_port:\(serve.port)"))
    }
}
