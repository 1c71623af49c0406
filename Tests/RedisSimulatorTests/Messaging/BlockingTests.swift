import Testing
import RESP
@testable import RedisSimulator

@Suite struct BlockingTests {
    let simulator = manualSimulator()

    @Test func blpopIsReleasedByAnotherClientsPush() {
        let a = RecordingClient(simulator), b = RecordingClient(simulator)
        #expect(a.run("BLPOP", "q", "0") == .blocked)
        rpush(simulator, "q", "job")
        #expect(a.drain() == [.array([.bulk("q"), .bulk("job")])])
        #expect(b.reply("EXISTS", "q") == .integer(0))
    }

    @Test func waitersAreServedInArrivalOrder() {
        let a = RecordingClient(simulator), b = RecordingClient(simulator)
        a.run("BRPOP", "q", "0")
        b.run("BRPOP", "q", "0")
        rpush(simulator, "q", "1")
        #expect(a.drain() == [.array([.bulk("q"), .bulk("1")])])
        #expect(b.drain().isEmpty)
        rpush(simulator, "q", "2")
        #expect(b.drain() == [.array([.bulk("q"), .bulk("2")])])
    }

    @Test func timeoutRepliesWhenTheClockPasses() {
        let a = RecordingClient(simulator)
        #expect(a.run("BLPOP", "q", "1.5") == .blocked)
        simulator.advance(milliseconds: 1000)
        #expect(a.drain().isEmpty)
        simulator.advance(milliseconds: 500)
        #expect(a.drain() == [.nullArray])
        #expect(a.run("BLMOVE", "q", "d", "LEFT", "LEFT", "0.1") == .blocked)
        simulator.advance(milliseconds: 100)
        #expect(a.drain() == [.nullArray])
    }

    @Test func timeoutErrors() {
        let a = RecordingClient(simulator)
        #expect(a.reply("BLPOP", "q", "x") == .error("ERR timeout is not a float or out of range"))
        #expect(a.reply("BLPOP", "q", "-1") == .error("ERR timeout is negative"))
        #expect(a.reply("XREAD", "BLOCK", "-1", "STREAMS", "s", "$") == .error("ERR timeout is negative"))
        #expect(a.reply("XREAD", "BLOCK", "1.5", "STREAMS", "s", "$") == .error("ERR timeout is not an integer or out of range"))
    }

    @Test func blmoveChainsToWaitersOnTheDestination() {
        let a = RecordingClient(simulator), b = RecordingClient(simulator)
        a.run("BLMOVE", "src", "dst", "RIGHT", "LEFT", "0")
        b.run("BLPOP", "dst", "0")
        rpush(simulator, "src", "v")
        #expect(a.drain() == [.bulk("v")])
        #expect(b.drain() == [.array([.bulk("dst"), .bulk("v")])])
    }

    @Test func bzpopminServesLowestScore() {
        let a = RecordingClient(simulator), p = RecordingClient(simulator)
        #expect(a.run("BZPOPMIN", "z", "0") == .blocked)
        #expect(p.reply("ZADD", "z", "2.5", "m", "1", "n") == .integer(2))
        #expect(a.drain() == [.array([.bulk("z"), .bulk("n"), .bulk("1")])])
        #expect(p.reply("ZRANGE", "z", "0", "-1", "WITHSCORES") == .array([.bulk("m"), .bulk("2.5")]))
    }

    @Test func xreadBlockWakesOnXadd() {
        let a = RecordingClient(simulator), p = RecordingClient(simulator)
        #expect(a.run("XREAD", "BLOCK", "0", "STREAMS", "s", "$") == .blocked)
        #expect(p.reply("XADD", "s", "5-1", "f", "v") == .bulk("5-1"))
        #expect(a.drain() == [.array([.array([.bulk("s"), .array([.array([.bulk("5-1"), .array([.bulk("f"), .bulk("v")])])])])])])
    }

    @Test func disconnectedWaiterIsForgotten() {
        let a = RecordingClient(simulator), b = RecordingClient(simulator)
        a.run("BLPOP", "q", "0")
        b.run("BLPOP", "q", "0")
        simulator.disconnect(a.client)
        rpush(simulator, "q", "x")
        #expect(b.drain() == [.array([.bulk("q"), .bulk("x")])])
    }
}

@Suite struct BlockingDisconnectTests {
    @Test func closingABlockedConnectionEndsItsPendingSend() async {
        let simulator = Simulator()
        let connection = SimulatorConnection(simulator)
        let waiter = Task { try? await connection.send("BLPOP", "q", "0") }
        try? await Task.sleep(for: .milliseconds(50))
        await connection.close()
        #expect(await waiter.value == .nullArray)
    }
}

@Suite struct BlockingTimerTests {
    @Test func aBlockingSendTimesOutWithoutAnyoneTicking() async {
        let simulator = Simulator()
        let connection = SimulatorConnection(simulator)
        let reply = try? await connection.send("XREAD", "BLOCK", "50", "STREAMS", "s", "$")
        #expect(reply == .nullArray)
    }
}

@Suite struct ClientUnblockTests {
    let simulator = manualSimulator()

    @Test func unblockWithTimeoutOrError() {
        let a = RecordingClient(simulator), b = RecordingClient(simulator), admin = RecordingClient(simulator)
        a.run("BLPOP", "q", "0")
        b.run("BLMOVE", "q", "d", "LEFT", "LEFT", "0")
        #expect(admin.reply("CLIENT", "UNBLOCK", String(a.client.id)) == .integer(1))
        #expect(a.drain() == [.nullArray])
        #expect(admin.reply("CLIENT", "UNBLOCK", String(a.client.id)) == .integer(0))
        #expect(admin.reply("CLIENT", "UNBLOCK", String(b.client.id), "ERROR") == .integer(1))
        #expect(b.drain() == [.error("UNBLOCKED client unblocked via CLIENT UNBLOCK")])
    }
}
