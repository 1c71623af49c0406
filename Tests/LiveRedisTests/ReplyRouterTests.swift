import RESP
import Testing
@testable import LiveRedis

@Suite struct ReplyRouterTests {
    private func confirmation(_ kind: String, _ channel: String, _ count: Int64) -> RESPValue {
        .array([.bulk(kind), .bulk(channel), .integer(count)])
    }

    @Test func messagesAreRepliesUntilSubscribed() {
        var router = ReplyRouter()
        let lookalike = RESPValue.bulkArray(["message", "a", "b"])
        #expect(router.route(lookalike, headAwaitsConfirmation: false) == .reply)
        #expect(router.route(confirmation("subscribe", "a", 1), headAwaitsConfirmation: true) == .reply)
        #expect(router.route(lookalike, headAwaitsConfirmation: false) == .push)
        #expect(router.route(.bulkArray(["pmessage", "n*", "news", "hi"]), headAwaitsConfirmation: true) == .push)
    }

    @Test func laterConfirmationsOfOneCommandArePushes() {
        var router = ReplyRouter()
        #expect(router.route(confirmation("subscribe", "a", 1), headAwaitsConfirmation: true) == .reply)
        #expect(router.route(confirmation("subscribe", "b", 2), headAwaitsConfirmation: false) == .push)
        #expect(router.subscriptionCount == 2)
        #expect(router.route(.bulkArray(["pong", ""]), headAwaitsConfirmation: false) == .reply)
    }

    @Test func unsubscribingEverythingEndsSubscribedMode() {
        var router = ReplyRouter()
        _ = router.route(confirmation("psubscribe", "n*", 1), headAwaitsConfirmation: true)
        #expect(router.route(confirmation("punsubscribe", "n*", 0), headAwaitsConfirmation: true) == .reply)
        #expect(router.route(.bulkArray(["message", "a", "b"]), headAwaitsConfirmation: false) == .reply)
    }

    @Test func resetEndsSubscribedMode() {
        var router = ReplyRouter()
        _ = router.route(confirmation("subscribe", "a", 1), headAwaitsConfirmation: true)
        #expect(router.route(.simpleString("RESET"), headAwaitsConfirmation: false) == .reply)
        #expect(router.subscriptionCount == 0)
    }

    @Test func resp3PushesAreRoutedByTheirType() {
        var router = ReplyRouter()
        let confirmation = RESPValue.push([.bulk("subscribe"), .bulk("a"), .integer(1)])
        #expect(router.route(confirmation, headAwaitsConfirmation: true) == .reply)
        #expect(router.route(.push([.bulk("invalidate"), .array([.bulk("k")])]), headAwaitsConfirmation: false) == .push)
        #expect(router.route(.map([.bulk("f"), .bulk("v")]), headAwaitsConfirmation: false) == .reply)
        #expect(router.route(.push([.bulk("message"), .bulk("a"), .bulk("x")]), headAwaitsConfirmation: false) == .push)
    }
}
