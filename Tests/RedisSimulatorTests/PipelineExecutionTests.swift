import RESP
import Testing
@testable import RedisSimulator

/// `Simulator.execute(pipeline:for:each:)`, which the server runs a read's requests through.
@Suite struct PipelineExecutionTests {
    let simulator = Simulator()

    func commands(_ lines: String...) -> [[ByteString]] {
        lines.map { $0.split(separator: " ").map { ByteString(String($0)) } }
    }

    func run(_ commands: [[ByteString]], for client: SimulatorClient) -> (ran: Int, results: [ExecutionResult]) {
        var results: [ExecutionResult] = []
        let ran = simulator.execute(pipeline: commands[...], for: client) { results.append($0) }
        return (ran, results)
    }

    @Test func runsEveryCommandInOrderAndMixedCaseNamesResolve() {
        let client = simulator.connect()
        let (ran, results) = run(commands("SET k 1", "incr k", "InCr k", "GET k", "NOSUCH x"), for: client)
        #expect(ran == 5)
        #expect(results == [
            .reply(.ok), .reply(.integer(2)), .reply(.integer(3)), .reply(.bulk("3")),
            .reply(.error("ERR unknown command 'NOSUCH', with args beginning with: 'x' ")),
        ])
    }

    @Test func stopsAfterACommandThatBlocks() {
        let client = simulator.connect()
        let (ran, results) = run(commands("PING", "BLPOP empty 0", "SET after 1"), for: client)
        #expect(ran == 2)
        #expect(results == [.reply(.simpleString("PONG")), .blocked])
        let other = simulator.connect()
        #expect(simulator.execute([ByteString("EXISTS"), "after"], for: other) == .reply(.integer(0)))
    }

    @Test func stopsAfterQuit() {
        let client = simulator.connect()
        let (ran, results) = run(commands("SET k v", "QUIT", "DEL k"), for: client)
        #expect(ran == 2)
        #expect(results == [.reply(.ok), .reply(.ok)])
        #expect(client.closeAfterReply)
    }

    @Test func aSliceRunsFromItsOwnStart() {
        let client = simulator.connect()
        let all = commands("SET skipped 1", "SET k 5", "INCR k")
        var results: [ExecutionResult] = []
        let ran = simulator.execute(pipeline: all[1...], for: client) { results.append($0) }
        #expect(ran == 2)
        #expect(results == [.reply(.ok), .reply(.integer(6))])
        #expect(simulator.execute([ByteString("EXISTS"), "skipped"], for: client) == .reply(.integer(0)))
    }

    /// Pipelined commands prefetch their keys one and two commands ahead: a pipeline that
    /// grows the keyspace past a segment, switches database, deletes keys (moving slots and
    /// shrinking the index) and flushes between the prefetch and the lookup answers as the same
    /// commands sent one at a time.
    @Test func prefetchingKeysChangesNoReply() {
        var lines: [[ByteString]] = []
        for index in 0..<6_000 { lines.append(["SET", ByteString("key:\(index)"), ByteString("\(index)")]) }
        for index in stride(from: 0, to: 6_000, by: 7) {
            lines.append(["GET", ByteString("key:\(index)")])
            lines.append(["DEL", ByteString("key:\(index + 1)")])
            lines.append(["INCR", ByteString("key:\(index + 2)")])
            if index % 700 == 0 { lines.append(["SELECT", ByteString("\(index / 700 % 3)")]) }
            if index == 3_500 { lines.append(["FLUSHDB"]) }
            lines.append(["PING"])
            lines.append(["EXISTS", ByteString("key:\(index + 1)"), ByteString("key:\(index + 3)")])
        }
        let pipelined = simulator.connect()
        let (ran, results) = run(lines, for: pipelined)
        let reference = Simulator()
        let single = reference.connect()
        let expected = lines.map { reference.execute($0, for: single) }
        #expect(ran == lines.count)
        #expect(results == expected)
    }
}
