import Testing
import RESP
@testable import RedisSimulator

@Suite struct TransactionTests {
    let simulator = manualSimulator()

    @Test func queuedCommandsRunOnExecWithoutRollback() {
        let a = RecordingClient(simulator)
        #expect(a.reply("MULTI") == .ok)
        #expect(a.reply("SET", "k", "v") == .queued)
        #expect(a.reply("XADD", "k", "*", "f", "v") == .queued)
        #expect(a.reply("GET", "k") == .queued)
        #expect(a.reply("EXEC") == .array([
            .ok, .error("WRONGTYPE Operation against a key holding the wrong kind of value"), .bulk("v"),
        ]))
    }

    @Test func queuingErrorAbortsExec() {
        let a = RecordingClient(simulator)
        a.run("MULTI")
        #expect(a.reply("SET", "k") == .error("ERR wrong number of arguments for 'set' command"))
        #expect(a.reply("NOPE") == .error("ERR unknown command 'NOPE', with args beginning with: "))
        #expect(a.reply("EXEC") == .error("EXECABORT Transaction discarded because of previous errors."))
        #expect(a.reply("GET", "k") == .nullBulkString)
    }

    @Test func nestingAndMissingMultiErrors() {
        let a = RecordingClient(simulator)
        #expect(a.reply("EXEC") == .error("ERR EXEC without MULTI"))
        #expect(a.reply("DISCARD") == .error("ERR DISCARD without MULTI"))
        a.run("MULTI")
        #expect(a.reply("MULTI") == .error("ERR MULTI calls can not be nested"))
        #expect(a.reply("WATCH", "k") == .error("ERR WATCH inside MULTI is not allowed"))
        #expect(a.reply("EXEC") == .array([]))
    }

    @Test func watchedKeyTouchedByAnotherClientFailsExec() {
        let a = RecordingClient(simulator), b = RecordingClient(simulator)
        a.run("WATCH", "k")
        b.run("SET", "k", "other")
        a.run("MULTI")
        a.run("SET", "k", "mine")
        #expect(a.reply("EXEC") == .nullArray)
        #expect(b.reply("GET", "k") == .bulk("other"))
        // The failed EXEC forgot the WATCH: the next transaction runs.
        a.run("MULTI")
        a.run("SET", "k", "mine")
        #expect(a.reply("EXEC") == .array([.ok]))
    }

    @Test func unwatchAndDiscardForgetWatches() {
        let a = RecordingClient(simulator), b = RecordingClient(simulator)
        a.run("WATCH", "k")
        #expect(a.reply("UNWATCH") == .ok)
        b.run("SET", "k", "x")
        a.run("MULTI")
        a.run("GET", "k")
        #expect(a.reply("EXEC") == .array([.bulk("x")]))
        a.run("MULTI")
        #expect(a.reply("DISCARD") == .ok)
        #expect(a.reply("EXEC") == .error("ERR EXEC without MULTI"))
    }

    @Test func blockingCommandInsideMultiAnswersAtOnce() {
        let a = RecordingClient(simulator)
        a.run("MULTI")
        a.run("BLPOP", "list", "0")
        a.run("BLMOVE", "list", "other", "LEFT", "RIGHT", "0")
        #expect(a.run("EXEC") == .reply(.array([.nullArray, .nullBulkString])))
    }
}
