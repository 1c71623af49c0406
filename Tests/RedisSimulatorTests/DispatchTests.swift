import Testing
import RESP
@testable import RedisSimulator
import RedislingsTestSupport

@Suite struct DispatchTests {
    let simulator = Simulator()

    @Test func unknownCommandNamesItsArguments() {
        let client = simulator.connect()
        #expect(run(simulator, client, "FOO", "a", "b") ==
            .reply(.error("ERR unknown command 'FOO', with args beginning with: 'a' 'b' ")))
    }

    @Test func arityErrorUsesLowercaseName() {
        let client = simulator.connect()
        #expect(run(simulator, client, "GET") == .reply(.error("ERR wrong number of arguments for 'get' command")))
    }

    @Test func setThenGetAcrossClients() {
        let a = simulator.connect(), b = simulator.connect()
        #expect(run(simulator, a, "SET", "k", "v") == .reply(.ok))
        #expect(run(simulator, b, "get", "k") == .reply(.bulk("v")))
        #expect(run(simulator, b, "SELECT", "1") == .reply(.ok))
        #expect(run(simulator, b, "GET", "k") == .reply(.nullBulkString))
        #expect(run(simulator, b, "SELECT", "16") == .reply(.error("ERR DB index is out of range")))
    }
}

/// Connection behaviour the differential suite cannot show (real Redis switches to RESP3).
@Suite struct ConnectionCommandTests {
    let simulator = Simulator()

    @Test func helloSwitchesToRESP3AndRefusesOtherVersions() {
        let client = simulator.connect()
        #expect(run(simulator, client, "HELLO", "4") == .reply(.error("NOPROTO unsupported protocol version")))
        guard case .reply(.map(let fields)) = run(simulator, client, "HELLO", "3") else {
            Issue.record("HELLO 3 must answer a map")
            return
        }
        #expect(Array(fields[4...5]) == [.bulk("proto"), .integer(3)])
        #expect(run(simulator, client, "GET", "missing") == .reply(.null))
    }

    @Test func requirepassGatesNewClientsUntilAuth() {
        let admin = simulator.connect()
        #expect(run(simulator, admin, "CONFIG", "SET", "requirepass", "s3cret") == .reply(.ok))
        let client = simulator.connect()
        #expect(run(simulator, client, "GET", "k") == .reply(.error("NOAUTH Authentication required.")))
        #expect(run(simulator, client, "AUTH", "nope") ==
            .reply(.error("WRONGPASS invalid username-password pair or user is disabled.")))
        #expect(run(simulator, client, "AUTH", "s3cret") == .reply(.ok))
        #expect(run(simulator, client, "GET", "k") == .reply(.nullBulkString))
    }
}
