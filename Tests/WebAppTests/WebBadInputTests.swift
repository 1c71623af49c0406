import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOPosix
import Testing
import WebApp

/// What the server does with requests and messages it cannot use: each gets a clear answer,
/// and the server goes on serving everyone else.
@Suite struct WebBadInputTests {
    @Test func unknownRoutesAre404AndTheServerGoesOn() async throws {
        try await WebAppFixture().withServer { client, _ in
            for path in ["/nope", "/lessons/no-such-lesson", "/exercises/nothing", "/static/../../etc/passwd", "/%ff%fe"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .notFound, "\(path)")
            }
            let home = try await client.execute(uri: "/", method: .get)
            #expect(home.status == .ok)
            #expect(String(buffer: home.body).contains("Redis Pub/Sub"))
        }
    }

    @Test func malformedQuizAnswersGetAClearError() async throws {
        let lesson = try #require(WebAppFixture.catalog.lessons.first { $0.quiz != nil })
        try await WebAppFixture().withServer { client, _ in
            let response = try await client.execute(uri: "/quiz/\(lesson.slug)", method: .post, body: ByteBuffer(string: "{not json"))
            #expect(response.status == .badRequest)
            #expect(String(buffer: response.body).contains("Expected JSON"))
        }
    }

    @Test func malformedJSONClosesThatSocketOnly() async throws {
        try await WebAppFixture().withServer { _, port in
            let junk = try await WebAppFixture.console(port: port, messages: ["{this is not json"])
            #expect(junk.received.contains { $0.contains("\"type\":\"error\"") && $0.contains("not the console") })
            #expect(junk.closeCode == "unacceptableData")
            let good = try await WebAppFixture.console(port: port, messages: [#"{"type":"line","text":"PING"}"#]) { $0.contains { $0.contains("PONG") } }
            #expect(good.received.contains { $0.contains("PONG") })
        }
    }

    @Test func junkOnTheChatClosesThatWindowOnly() async throws {
        try await WebAppFixture().withServer { _, port in
            let chat = "/ws/chat?room=lobby&name=bob"
            let junk = try await WebAppFixture.console(port: port, path: chat, messages: [#"{"type":"shout"}"#])
            #expect(junk.received.contains { $0.contains("The chat reads") })
            #expect(junk.closeCode == "unacceptableData")
            let good = try await WebAppFixture.console(port: port, path: chat, messages: []) { $0.contains { $0.contains("caught-up") } }
            #expect(good.received.contains { $0.contains("SUBSCRIBE chat:room:lobby") })
            // A room or a name the page could not have sent is refused before the upgrade.
            for path in ["/ws/chat?room=no%20spaces&name=bob", "/ws/chat?room=lobby&name=" + String(repeating: "x", count: 33), "/ws/chat?room=lobby&name=bob&after=junk"] {
                await #expect(throws: (any Error).self, "\(path)") {
                    _ = try await WebAppFixture.console(port: port, path: path, messages: [])
                }
            }
        }
    }

    @Test func binaryAndUnknownMessagesAreRefused() async throws {
        try await WebAppFixture().withServer { _, port in
            let binary = try await WebAppFixture.console(port: port, messages: ["PING"], binary: true)
            #expect(binary.received.contains { $0.contains("not binary ones") })
            let unknown = try await WebAppFixture.console(port: port, messages: [#"{"type":"explode"}"#])
            #expect(unknown.received.contains { $0.contains("Unknown message type 'explode'") })
        }
    }

    @Test func oversizedFramesCloseTheSocketAndTheServerGoesOn() async throws {
        var limits = WebLimits()
        limits.maxMessageBytes = 4096
        try await WebAppFixture(limits: limits).withServer { client, port in
            let big = #"{"type":"line","text":"SET k "# + String(repeating: "x", count: 10_000) + #""}"#
            let result = try await WebAppFixture.console(port: port, messages: [big])
            #expect(result.closeCode != nil)
            #expect(!result.received.contains { $0.contains("\"OK") })
            let home = try await client.execute(uri: "/", method: .get)
            #expect(home.status == .ok)
        }
    }

    @Test func aThousandConnectionsOpenedAndDroppedLeaveNothingBehind() async throws {
        let fixture = WebAppFixture()
        try await fixture.withServer { client, port in
            // Raw TCP: connect, maybe half a request, hang up.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for batch in 0..<20 {
                    group.addTask {
                        for index in 0..<50 {
                            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                                .connect(host: "127.0.0.1", port: port).get()
                            if (batch + index) % 2 == 0 {
                                try await channel.writeAndFlush(ByteBuffer(string: "GET /ws/console HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n")).get()
                            }
                            try await channel.close().get()
                        }
                    }
                }
                try await group.waitForAll()
            }
            // Consoles opened and dropped at once.
            for _ in 0..<40 {
                _ = try await WebAppFixture.console(port: port, messages: []) { $0.contains { $0.contains("prompt") } }
            }
            // Every console's session closed itself: none is still counted.
            var open = fixture.app.sessions.openSockets
            for _ in 0..<200 where open != 0 {
                try await Task.sleep(for: .milliseconds(50))
                open = fixture.app.sessions.openSockets
            }
            #expect(open == 0)
            #expect(fixture.app.sessions.count <= WebLimits().maxSessions)
            let home = try await client.execute(uri: "/", method: .get)
            #expect(home.status == .ok)
        }
    }
}
