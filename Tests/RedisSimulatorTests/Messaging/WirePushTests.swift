import RESP
import Synchronization
import Testing
@testable import RedisSimulator

/// Pushes in wire form (`wirePushHandler`, what `serve` uses): exact bytes in each client's
/// protocol, and a published message encoded once per protocol and shared by its subscribers.
@Suite struct WirePushTests {
    let simulator = Simulator()

    /// A client whose pushes arrive as bytes.
    final class WireClient: Sendable {
        let client: SimulatorClient
        private let received = Received()

        final class Received: Sendable {
            let bytes = Mutex<[[UInt8]]>([])
        }

        init(_ simulator: Simulator, protocolVersion: Int) {
            client = simulator.connect()
            if protocolVersion == 3 { _ = simulator.execute([Array("HELLO".utf8), Array("3".utf8)], for: client) }
            client.wirePushHandler = { [received] bytes in received.bytes.withLock { $0.append(bytes) } }
        }

        var messages: [[UInt8]] { received.bytes.withLock { $0 } }
    }

    private func run(_ client: SimulatorClient, _ arguments: String...) {
        _ = simulator.execute(arguments.map { Array($0.utf8) }, for: client)
    }

    @Test func eachProtocolGetsItsOwnFrame() {
        let resp2 = WireClient(simulator, protocolVersion: 2)
        let resp3 = WireClient(simulator, protocolVersion: 3)
        for subscriber in [resp2, resp3] {
            run(subscriber.client, "SUBSCRIBE", "news")
            run(subscriber.client, "PSUBSCRIBE", "n*")
        }
        let publisher = simulator.connect()
        run(publisher, "PUBLISH", "news", "hi")
        #expect(resp2.messages.map { String(decoding: $0, as: UTF8.self) } == [
            "*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$2\r\nhi\r\n",
            "*4\r\n$8\r\npmessage\r\n$2\r\nn*\r\n$4\r\nnews\r\n$2\r\nhi\r\n",
        ])
        #expect(resp3.messages.map { String(decoding: $0, as: UTF8.self) } == [
            ">3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$2\r\nhi\r\n",
            ">4\r\n$8\r\npmessage\r\n$2\r\nn*\r\n$4\r\nnews\r\n$2\r\nhi\r\n",
        ])
    }

    @Test func subscribersOfOneProtocolShareOneEncoding() {
        let subscribers = (0..<4).map { WireClient(simulator, protocolVersion: $0 < 2 ? 2 : 3) }
        for subscriber in subscribers { run(subscriber.client, "PSUBSCRIBE", "feed*") }
        let publisher = simulator.connect()
        run(publisher, "PUBLISH", "feed:1", "payload")
        let storage = subscribers.map { subscriber in
            subscriber.messages.map { bytes in bytes.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) } }
        }
        #expect(storage.allSatisfy { $0.count == 1 })
        // The same array, not equal copies: one encoding per protocol for the whole fan-out.
        #expect(storage[0] == storage[1])
        #expect(storage[2] == storage[3])
        #expect(storage[0] != storage[2])
    }

    @Test func otherPushesArriveEncodedToo() {
        let subscriber = WireClient(simulator, protocolVersion: 2)
        // An invalidation redirected to a RESP2 subscriber is a push built for that one client.
        run(subscriber.client, "SUBSCRIBE", "__redis__:invalidate")
        let reader = simulator.connect()
        run(reader, "CLIENT", "TRACKING", "on", "REDIRECT", String(subscriber.client.id))
        run(reader, "GET", "k")
        run(reader, "SET", "k", "v")
        #expect(subscriber.messages.map { String(decoding: $0, as: UTF8.self) } == [
            "*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n*1\r\n$1\r\nk\r\n",
        ])
    }
}
