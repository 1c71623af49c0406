import RESP
import Testing
@testable import RedisServer

/// Messages other clients publish reach a subscriber in order, however many arrive at once,
/// and never after the reply to a command the subscriber sent once they were published.
@Suite struct PushDeliveryTests {
    @Test func aPipelineOfPublishesArrivesWhole() async throws {
        let served = try await ServedSimulator()
        let subscriber = try RawClient(port: served.port)
        subscriber.send("SUBSCRIBE feed\r\n")
        #expect(try subscriber.read() == .array([.bulk("subscribe"), .bulk("feed"), .integer(1)]))
        let publisher = try RawClient(port: served.port)
        publisher.send((0..<2_000).map { "PUBLISH feed m\($0)\r\n" }.joined())
        for _ in 0..<2_000 { #expect(try publisher.read() == .integer(1)) }
        for index in 0..<2_000 {
            #expect(try subscriber.read() == .array([.bulk("message"), .bulk("feed"), .bulk("m\(index)")]))
        }
        await served.stop()
    }

    @Test func manySubscribersOnBothLoopsEachGetEveryMessageInOrder() async throws {
        let served = try await ServedSimulator()
        // Connections alternate between the server's two event loops.
        let subscribers = try (0..<40).map { _ in try RawClient(port: served.port) }
        for (index, subscriber) in subscribers.enumerated() {
            subscriber.send(index.isMultiple(of: 2) ? "SUBSCRIBE feed\r\n" : "PSUBSCRIBE f*\r\n")
            #expect(try subscriber.read() != nil)
        }
        let publisher = try RawClient(port: served.port)
        publisher.send((0..<300).map { "PUBLISH feed m\($0)\r\n" }.joined())
        for _ in 0..<300 { #expect(try publisher.read() == .integer(40)) }
        for (index, subscriber) in subscribers.enumerated() {
            for message in 0..<300 {
                let expected: RESPValue = index.isMultiple(of: 2)
                    ? .array([.bulk("message"), .bulk("feed"), .bulk("m\(message)")])
                    : .array([.bulk("pmessage"), .bulk("f*"), .bulk("feed"), .bulk("m\(message)")])
                #expect(try subscriber.read() == expected)
            }
        }
        await served.stop()
    }

    @Test func eachSubscriberGetsTheExactFrameOfItsProtocol() async throws {
        let served = try await ServedSimulator()
        let resp2 = try RawClient(port: served.port)
        let resp3 = try RawClient(port: served.port)
        resp3.send("HELLO 3\r\n")
        #expect(try resp3.read() != nil)
        for subscriber in [resp2, resp3] {
            subscriber.send("SUBSCRIBE news\r\nPSUBSCRIBE n*\r\n")
            #expect(try subscriber.read() != nil)
            #expect(try subscriber.read() != nil)
        }
        let publisher = try RawClient(port: served.port)
        publisher.send("PUBLISH news hi\r\n")
        #expect(try publisher.read() == .integer(4))
        let message = "$7\r\nmessage\r\n$4\r\nnews\r\n$2\r\nhi\r\n"
        let pmessage = "$8\r\npmessage\r\n$2\r\nn*\r\n$4\r\nnews\r\n$2\r\nhi\r\n"
        #expect(String(decoding: resp2.readUntilQuiet(), as: UTF8.self) == "*3\r\n" + message + "*4\r\n" + pmessage)
        #expect(String(decoding: resp3.readUntilQuiet(), as: UTF8.self) == ">3\r\n" + message + ">4\r\n" + pmessage)
        await served.stop()
    }

    @Test func aMessagePublishedOnTheSubscribersLoopComesAfterTheReplyItsBlockedCommandGotFirst() async throws {
        let served = try await ServedSimulator()
        // Connections alternate between the server's two event loops: the first and third share one.
        let subscriber = try RawClient(port: served.port)
        let other = try RawClient(port: served.port)
        let publisher = try RawClient(port: served.port)
        subscriber.send("HELLO 3\r\n")
        #expect(try subscriber.read() != nil)
        subscriber.send("SUBSCRIBE feed\r\n")
        #expect(try subscriber.read() == .push([.bulk("subscribe"), .bulk("feed"), .integer(1)]))
        subscriber.send("BLPOP jobs 0\r\n")
        // Redis serves the blocked BLPOP as the LPUSH ends, before the PUBLISH runs.
        var blocked = false
        for _ in 0..<500 where !blocked {
            other.send("INFO clients\r\n")
            blocked = try other.read()?.stringValue?.contains("blocked_clients:1") ?? false
            if !blocked { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(blocked)
        publisher.send("LPUSH jobs j1\r\nPUBLISH feed m1\r\n")
        #expect(try publisher.read() == .integer(1))
        #expect(try publisher.read() == .integer(1))
        #expect(try subscriber.read() == .array([.bulk("jobs"), .bulk("j1")]))
        #expect(try subscriber.read() == .push([.bulk("message"), .bulk("feed"), .bulk("m1")]))
        await served.stop()
    }

    @Test func messagesPublishedBeforeACommandComeBeforeItsReply() async throws {
        let served = try await ServedSimulator()
        let subscriber = try RawClient(port: served.port)
        subscriber.send("SUBSCRIBE feed\r\n")
        #expect(try subscriber.read() == .array([.bulk("subscribe"), .bulk("feed"), .integer(1)]))
        let publisher = try RawClient(port: served.port)
        for round in 0..<200 {
            publisher.send("PUBLISH feed r\(round)\r\n")
            // Once the publisher has its reply the message is published: Redis has it in the
            // subscriber's output before anything the subscriber asks next.
            #expect(try publisher.read() == .integer(1))
            subscriber.send("PING\r\n")
            #expect(try subscriber.read() == .array([.bulk("message"), .bulk("feed"), .bulk("r\(round)")]))
            #expect(try subscriber.read() == .array([.bulk("pong"), .bulk("")]))
        }
        await served.stop()
    }
}
