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
