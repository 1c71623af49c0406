import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WebApp

/// The tabs of one browser stay clients of one simulator: a tab that resets it or starts an
/// exercise brings the others along, the exercise is the session's (any tab may work on it and
/// check it), and every tab is shown the check's result as structured data.
@Suite struct WebSessionTests {
    @Test func aResetInOneTabBringsTheOtherTabAlong() async throws {
        try await WebAppFixture().withServer { client, port in
            let cookie = try await WebAppFixture.sessionCookie(client)
            try await WebAppFixture.withConsole(port: port, cookie: cookie) { first in
                try await first.type("SUBSCRIBE news")
                try await first.waitFor("subscribed") { $0.contains(#""subscribed":true"#) }
                try await WebAppFixture.withConsole(port: port, cookie: cookie) { second in
                    try await second.type("SET before 1")
                    try await second.waitFor("OK") { $0.contains(#""text":"OK\n""#) }
                    try await second.type(":reset")
                    try await second.waitFor("the reset") { $0.contains("The simulator was reset") }
                    let notice = try await first.waitFor("the other tab's reset") { $0.contains("Another tab reset the simulator") }
                    // The first tab is on the fresh simulator now: no longer subscribed.
                    try await first.waitFor(after: notice, "a plain prompt") { $0.contains(#""type":"prompt""#) && $0.contains(#""subscribed":false"#) }
                    try await first.type("SUBSCRIBE news")
                    try await first.waitFor(after: notice, "subscribed again") { $0.contains(#""subscribed":true"#) }
                    let mark = await second.count
                    try await second.type("PUBLISH news after-the-reset")
                    try await second.waitFor(after: mark, "one receiver") { $0.contains("(integer) 1") }
                    try await first.waitFor("the message") { $0.contains("after-the-reset") }
                    let checked = await second.count
                    try await second.type("EXISTS before")
                    try await second.waitFor(after: checked, "the key gone") { $0.contains("(integer) 0") }
                }
            }
        }
    }

    @Test func anExerciseStartedInOneTabIsTheSessionsAndEveryTabSeesItsResult() async throws {
        try await WebAppFixture(exercises: true).withServer { client, port in
            let cookie = try await WebAppFixture.sessionCookie(client)
            try await WebAppFixture.withConsole(port: port, cookie: cookie) { first in
                try await first.type("SET scratch 1")
                try await first.waitFor("OK") { $0.contains(#""text":"OK\n""#) }
                try await WebAppFixture.withConsole(port: port, cookie: cookie) { second in
                    try await second.type(":exercise pubsub-first-subscriber")
                    try await second.waitFor("the exercise") { $0.contains("Type your commands here") }
                    try await first.waitFor("the other tab's exercise") { $0.contains("Another tab started exercise") && $0.contains("Your first subscriber") }
                    // The first tab follows onto the exercise's simulator and works on the exercise.
                    let mark = await first.count
                    try await first.type("EXISTS scratch")
                    try await first.waitFor(after: mark, "a fresh simulator") { $0.contains("(integer) 0") }
                    // A check before the answer fails, with per-check points, in both tabs.
                    try await second.type(":check")
                    let failed = try await first.waitFor("the failed result") { $0.contains(#""type":"result""#) && $0.contains(#""status":"failed""#) }
                    let report = try Self.report(in: await first.messages[failed])
                    let result = try #require(report["result"] as? [String: Any])
                    let checks = try #require(result["checks"] as? [[String: Any]])
                    #expect(checks.count == 2)
                    #expect(checks.allSatisfy { $0["status"] as? String == "failed" && $0["points"] as? Int == 0 })
                    #expect(checks.map { $0["max_points"] as? Int } == [6, 4])
                    #expect(report["why"] == nil, "the note comes after a pass only")
                    // The answer typed in the first tab counts: the exercise is the session's.
                    try await first.type("SUBSCRIBE news")
                    try await first.waitFor("subscribed") { $0.contains(#""subscribed":true"#) }
                    let before = await second.count
                    try await second.type(":check")
                    try await second.waitFor(after: before, "the score") { $0.contains("Score 10\\/10: passed") }
                    let passedIndex = try await second.waitFor(after: before, "the passed result") {
                        $0.contains(#""type":"result""#) && $0.contains(#""status":"passed""#)
                    }
                    let passed = try Self.report(in: await second.messages[passedIndex])
                    #expect(passed["exercise"] as? String == "pubsub-first-subscriber")
                    #expect((passed["why"] as? String)?.contains("Pub/Sub keeps nothing") == true)
                    try await first.waitFor(after: failed + 1, "the passed result in the first tab") {
                        $0.contains(#""type":"result""#) && $0.contains(#""status":"passed""#)
                    }
                }
            }
        }
    }

    @Test func closingATabLeavesTheOthersAndTheExerciseRunning() async throws {
        try await WebAppFixture(exercises: true).withServer { client, port in
            let cookie = try await WebAppFixture.sessionCookie(client)
            try await WebAppFixture.withConsole(port: port, cookie: cookie) { first in
                try await WebAppFixture.withConsole(port: port, cookie: cookie) { second in
                    try await second.type(":exercise pubsub-first-subscriber")
                    try await second.waitFor("the exercise") { $0.contains("Type your commands here") }
                    try await first.waitFor("the other tab's exercise") { $0.contains("Another tab started exercise") }
                }
                try await first.type("SUBSCRIBE news")
                try await first.waitFor("subscribed") { $0.contains(#""subscribed":true"#) }
                try await first.type(":check")
                try await first.waitFor("the score") { $0.contains("Score 10\\/10: passed") }
            }
        }
    }

    @Test func aChatWindowIsToldToRejoinWhenAnotherTabResetsTheSimulator() async throws {
        try await WebAppFixture().withServer { client, port in
            let cookie = try await WebAppFixture.sessionCookie(client)
            try await WebAppFixture.withConsole(port: port, path: "/ws/chat?room=lobby&name=ann", cookie: cookie) { chat in
                try await chat.waitFor("the join") { $0.contains("caught-up") }
                try await WebAppFixture.withConsole(port: port, cookie: cookie) { console in
                    try await console.type(":reset")
                    try await console.waitFor("the reset") { $0.contains("The simulator was reset") }
                }
                try await chat.waitFor("the notice") { $0.contains("Another tab reset the simulator; rejoining") }
            }
        }
    }

    /// The `report` of a `result` message.
    static func report(in message: String) throws -> [String: Any] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(message.utf8)) as? [String: Any])
        return try #require(object["report"] as? [String: Any])
    }
}
