import Testing
@testable import Quizzes
import RedisBackends

@Suite struct CommandAnswerJudgeTests {
    let judge = CommandAnswerJudge(backend: SimulatorBackend())

    @Test(arguments: [
        "SET lock:a t1 NX EX 30", "set lock:a t1 ex 30 nx", "SET lock:a t1 PX 30000 NX", "SET \"lock:a\" 't1' NX EX 30",
    ])
    func equivalentCommandsAreRight(_ answer: String) async {
        let verdict = await judge.judge(answer, expected: "SET lock:a t1 NX EX 30")
        #expect(verdict.isEquivalent, "\(verdict.reason)")
    }

    @Test func aDifferentTimeToLiveIsWrongAndSaysSo() async {
        let verdict = await judge.judge("SET lock:a t1 NX EX 60", expected: "SET lock:a t1 NX EX 30")
        #expect(!verdict.isEquivalent)
        #expect(verdict.reason == "your command leaves `lock:a` with 60 s to live, where the answer leaves 30 s to live")
    }

    @Test func aConditionThatOnlyShowsOnAnExistingKeyIsJudged() async {
        // On an empty keyspace both take the lock; once it is taken only NX refuses.
        let verdict = await judge.judge("SET lock:a t1 EX 30", expected: "SET lock:a t1 NX EX 30")
        #expect(!verdict.isEquivalent)
        #expect(verdict.reason == "when its keys already exist, your command replies OK, where the answer replies (nil)")
        #expect(await judge.judge("SET lock:a t1 EX 30 NX", expected: "SET lock:a t1 NX EX 30").isEquivalent)
    }

    @Test func aDifferentReplyIsWrongEvenWithTheSameState() async {
        // SET … GET replies the old value (nil), SET replies OK; both leave the same key.
        let verdict = await judge.judge("SET k v GET", expected: "SET k v")
        #expect(!verdict.isEquivalent)
        #expect(verdict.reason == "your command replies (nil), where the answer replies OK")
    }

    @Test func aMissingOrExtraKeyIsNamed() async {
        #expect(await judge.judge("SET other v", expected: "SET k v").reason == "your command does not create the key `k`")
        #expect(await judge.judge("MSET k v extra w", expected: "MSET k v").reason.contains("creates the key `extra`"))
    }

    @Test func anErrorReplyIsQuoted() async {
        let verdict = await judge.judge("XGROUP CREATE jobs mailers $", expected: "XGROUP CREATE jobs mailers $ MKSTREAM")
        #expect(!verdict.isEquivalent)
        #expect(verdict.reason.hasPrefix("Redis answered your command with an error: ERR The XGROUP subcommand requires the key to exist"))
    }

    @Test func streamsAndGroupsAreComparedWhole() async {
        #expect(await judge.judge("XGROUP CREATE jobs mailers 0 MKSTREAM", expected: "XGROUP CREATE jobs mailers $ MKSTREAM").isEquivalent)
        #expect(await !judge.judge("XGROUP CREATE jobs senders $ MKSTREAM", expected: "XGROUP CREATE jobs mailers $ MKSTREAM").isEquivalent)
        #expect(await judge.judge("XADD s * a 1", expected: "XADD s * a 1").isEquivalent)
        #expect(await !judge.judge("XADD s * a 2", expected: "XADD s * a 1").isEquivalent)
    }

    @Test func collectionsCompareByContentNotOrder() async {
        #expect(await judge.judge("SADD s b a", expected: "SADD s a b").isEquivalent)
        #expect(await judge.judge("HSET h y 2 x 1", expected: "HSET h x 1 y 2").isEquivalent)
        #expect(await !judge.judge("RPUSH l b a", expected: "RPUSH l a b").isEquivalent)
        #expect(await judge.judge("ZADD z 2 b 1 a", expected: "ZADD z 1 a 2 b").isEquivalent)
    }

    @Test func aBlockingCommandOrBadQuotesAreRefused() async {
        #expect(await judge.judge("BLPOP q 0", expected: "LPUSH q x").reason == "your command blocks waiting for data instead of replying at once")
        #expect(await judge.judge("SET k \"v", expected: "SET k v").reason == "the quotes in your command are unbalanced")
    }

    @Test func scriptsAreRunToo() async {
        #expect(await judge.judge("EVAL \"return redis.call('SET', KEYS[1], 'v')\" 1 k", expected: "SET k v").isEquivalent)
    }
}
