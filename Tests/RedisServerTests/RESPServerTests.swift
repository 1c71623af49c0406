import Testing
import RedisSimulator
@testable import RedisServer

@Suite struct RESPServerTests {
    @Test func holdsItsSimulator() {
        let simulator = Simulator()
        #expect(RESPServer(simulator: simulator).simulator === simulator)
    }
}
