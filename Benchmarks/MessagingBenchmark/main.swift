// In-process throughput of the simulator's messaging paths (swift run -c release MessagingBenchmark):
// PUBLISH to 1, 10 and 100 subscribers, and XADD / XREADGROUP / XACK on one stream.
import Synchronization
import RESP
import RedisSimulator

/// Counts the messages pushed to subscribers, so the delivery work cannot be skipped.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)
    func increment() { value.add(1, ordering: .relaxed) }
    var count: Int { value.load(ordering: .relaxed) }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// Runs `body` `iterations` times and prints the rate.
func measure(_ label: String, iterations: Int, _ body: (Int) -> Void) {
    let clock = ContinuousClock()
    let elapsed = clock.measure { for i in 0..<iterations { body(i) } }
    let rate = Double(iterations) / seconds(elapsed)
    let padded = label + String(repeating: " ", count: max(1, 40 - label.count))
    print("\(padded)\(Int(rate.rounded())) ops/s  (\(iterations) in \(format3(seconds(elapsed))) s)")
}

func format3(_ value: Double) -> String {
    let scaled = (value * 1000).rounded() / 1000
    return String(scaled)
}

func bytes(_ words: String...) -> [[UInt8]] { words.map { Array($0.utf8) } }

func expectReply(_ result: ExecutionResult) {
    guard case .reply(let value) = result, !value.isError else { fatalError("unexpected \(result)") }
}

for subscribers in [1, 10, 100] {
    let simulator = Simulator()
    let counter = Counter()
    for _ in 0..<subscribers {
        let client = simulator.connect()
        client.pushHandler = { _ in counter.increment() }
        _ = simulator.execute(bytes("SUBSCRIBE", "news"), for: client)
    }
    let publisher = simulator.connect()
    let iterations = 2_000_000 / (subscribers + 9)
    let command = bytes("PUBLISH", "news", "hello world")
    measure("PUBLISH to \(subscribers) subscriber(s)", iterations: iterations) { _ in
        expectReply(simulator.execute(command, for: publisher))
    }
    precondition(counter.count == iterations * subscribers, "every subscriber got every message")
}

do {
    let simulator = Simulator()
    let client = simulator.connect()
    let entries = 200_000
    _ = simulator.execute(bytes("XGROUP", "CREATE", "jobs", "workers", "$", "MKSTREAM"), for: client)
    measure("XADD * (one field)", iterations: entries) { _ in
        expectReply(simulator.execute(bytes("XADD", "jobs", "*", "job", "payload"), for: client))
    }
    var delivered: [[UInt8]] = []
    delivered.reserveCapacity(entries)
    measure("XREADGROUP COUNT 1 >", iterations: entries) { _ in
        guard case .reply(.array(let streams)) = simulator.execute(
            bytes("XREADGROUP", "GROUP", "workers", "w1", "COUNT", "1", "STREAMS", "jobs", ">"), for: client),
            case .array(let parts) = streams[0], case .array(let items) = parts[1],
            case .array(let entry) = items[0], case .bulkString(let id) = entry[0]
        else { fatalError("XREADGROUP returned nothing") }
        delivered.append(id)
    }
    measure("XACK one id", iterations: entries) { i in
        guard case .reply(.integer(1)) = simulator.execute([Array("XACK".utf8), Array("jobs".utf8), Array("workers".utf8), delivered[i]], for: client)
        else { fatalError("XACK did not acknowledge") }
    }
    measure("XRANGE COUNT 10 from a random id", iterations: 200_000) { i in
        let id = String(decoding: delivered[(i * 7919) % entries], as: UTF8.self)
        expectReply(simulator.execute(bytes("XRANGE", "jobs", id, "+", "COUNT", "10"), for: client))
    }
}
