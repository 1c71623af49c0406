import Testing
import RESP
@testable import REPL

@Suite struct ConnectionStateTests {
    private func args(_ words: String...) -> [[UInt8]] { words.map { Array($0.utf8) } }

    @Test func promptShowsDatabaseTransactionAndSubscriptions() {
        var state = ConnectionState()
        #expect(state.prompt(label: "simulator") == "simulator> ")
        state.observe(command: args("SELECT", "2"), reply: .ok)
        state.observe(command: args("MULTI"), reply: .ok)
        #expect(state.prompt(label: "simulator") == "simulator[2](TX)> ")
        state.observe(command: args("select", "5"), reply: .queued)
        state.observe(command: args("DISCARD"), reply: .ok)
        #expect(state.prompt(label: "simulator") == "simulator[2]> ")
        state.observe(command: args("SUBSCRIBE", "a"), reply: .array([.bulk("subscribe"), .bulk("a"), .integer(1)]))
        #expect(state.prompt(label: "127.0.0.1:6379") == "127.0.0.1:6379[2](subscribed)> ")
        state.observe(message: .array([.bulk("unsubscribe"), .bulk("a"), .integer(0)]))
        #expect(!state.isSubscribed)
    }

    @Test func resp3ConfirmationsAndNullsAreFollowedToo() {
        var state = ConnectionState()
        state.observe(command: args("SUBSCRIBE", "a"), reply: .push([.bulk("subscribe"), .bulk("a"), .integer(1)]))
        #expect(state.isSubscribed)
        state.observe(message: .push([.bulk("unsubscribe"), .bulk("a"), .integer(0)]))
        #expect(!state.isSubscribed)
        state.observe(command: args("MULTI"), reply: .ok)
        state.observe(command: args("SELECT", "3"), reply: .queued)
        state.observe(command: args("EXEC"), reply: .null)
        #expect(state.database == 0, "an EXEC aborted by WATCH (a RESP3 null) selects nothing")
    }

    @Test func aLiveURLsDatabaseShowsFromTheStart() {
        var state = ConnectionState(database: 2)
        #expect(state.prompt(label: "127.0.0.1:6379") == "127.0.0.1:6379[2]> ")
        state.observe(command: args("MULTI"), reply: .ok)
        state.observe(command: args("DISCARD"), reply: .ok)
        #expect(state.database == 2)
        state.observe(command: args("RESET"), reply: .simpleString("RESET"))
        #expect(state.database == 0)
    }

    @Test func failedCommandsChangeNothing() {
        var state = ConnectionState()
        state.observe(command: args("SELECT", "99"), reply: .error("ERR DB index is out of range"))
        state.observe(command: args("MULTI", "x"), reply: .error("ERR wrong number of arguments for 'multi' command"))
        #expect(state == ConnectionState())
    }

    @Test func anAbortedExecRestoresTheDatabase() {
        var state = ConnectionState()
        state.observe(command: args("MULTI"), reply: .ok)
        state.observe(command: args("SELECT", "3"), reply: .queued)
        state.observe(command: args("EXEC"), reply: .nullArray)
        #expect(state.database == 0 && !state.inTransaction)
        state.observe(command: args("MULTI"), reply: .ok)
        state.observe(command: args("SELECT", "3"), reply: .queued)
        state.observe(command: args("EXEC"), reply: .array([.ok]))
        #expect(state.database == 3)
    }
}
