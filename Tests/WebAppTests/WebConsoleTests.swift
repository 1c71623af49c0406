import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WebApp

/// The console over a WebSocket runs the REPL's session: redis-cli replies, prompt states,
/// pushed messages across tabs of one browser session, and none across sessions.
@Suite struct WebConsoleTests {
    @Test func aLineGetsRedisCliOutputAndThePromptFollowsMulti() async throws {
        try await WebAppFixture().withServer { _, port in
            let result = try await WebAppFixture.console(
                port: port, messages: [#"{"type":"line","text":"SET greeting hello"}"#, #"{"type":"line","text":"MULTI"}"#]
            ) { $0.contains { $0.contains("(TX)") } }
            #expect(result.received.contains { $0.contains(#""text":"OK\n""#) })
            #expect(result.received.contains { $0.contains(#""transaction":true"#) })
        }
    }

    @Test func tabsOfOneSessionShareASimulatorAndPushesArrive() async throws {
        let fixture = WebAppFixture()
        try await fixture.withServer { client, port in
            let page = try await client.execute(uri: "/", method: .get)
            let cookie = try #require(page.headers[.setCookie]?.split(separator: ";").first?.split(separator: "=").last.map(String.init))
            async let subscriber = WebAppFixture.console(
                port: port, cookie: cookie, messages: [#"{"type":"line","text":"SUBSCRIBE news"}"#]
            ) { $0.contains { $0.contains("hello from tab two") } }
            // Publish until the subscriber is in place (the subscription is the other tab's).
            var receivers = 0
            for _ in 0..<100 where receivers == 0 {
                let published = try await WebAppFixture.console(
                    port: port, cookie: cookie, messages: [#"{"type":"line","text":"PUBLISH news \"hello from tab two\""}"#]
                ) { $0.contains { $0.contains("(integer)") } }
                receivers = published.received.contains { $0.contains("(integer) 1") } ? 1 : 0
                if receivers == 0 { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(receivers == 1)
            let received = try await subscriber.received
            #expect(received.contains { $0.contains("hello from tab two") })
            #expect(received.contains { $0.contains(#""subscribed":true"#) })
            // Another browser (no cookie) has a simulator of its own: nobody hears it.
            let stranger = try await WebAppFixture.console(
                port: port, messages: [#"{"type":"line","text":"PUBLISH news hi"}"#]) { $0.contains { $0.contains("(integer)") } }
            #expect(stranger.received.contains { $0.contains("(integer) 0") })
        }
    }

    @Test func completionAndHintsComeFromTheCommandTable() async throws {
        try await WebAppFixture().withServer { _, port in
            let result = try await WebAppFixture.console(
                port: port, messages: [#"{"type":"complete","text":"subsc"}"#, #"{"type":"hint","text":"SET key"}"#]
            ) { $0.contains { $0.contains("\"hint\"") } }
            #expect(result.received.contains { $0.contains("\"completions\"") && $0.contains("subscribe") })
            #expect(result.received.contains { $0.contains("\"hint\"") && $0.contains("value") })
        }
    }
}
