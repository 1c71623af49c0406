import LiveRedis
import RESP
import RedisSimulator
import Testing
@testable import RedisServer

@Suite struct RESPServerTests {
    @Test func answersCommandsOverTCP() async throws {
        let served = try await ServedSimulator()
        let connection = try await served.connect()
        #expect(try await connection.send("PING") == .simpleString("PONG"))
        #expect(try await connection.send([Array("SET".utf8), [0, 255]]  + [[13, 10]]) == .ok)
        #expect(try await connection.send([Array("GET".utf8), [0, 255]]) == .bulkString([13, 10]))
        #expect(try await connection.send("GET", "missing") == .nullBulkString)
        #expect(try await connection.send("NOSUCH") == .error("ERR unknown command 'NOSUCH', with args beginning with: "))
        await connection.close()
        await served.stop()
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        let served = try await ServedSimulator()
        let client = try RawClient(port: served.port)
        var pipeline = ""
        for i in 0..<200 { pipeline += "*3\r\n$5\r\nRPUSH\r\n$1\r\nl\r\n$\(String(i).count)\r\n\(i)\r\n" }
        pipeline += "LLEN l\r\n"
        client.send(pipeline)
        for i in 0..<200 { #expect(try client.read() == .integer(Int64(i + 1))) }
        #expect(try client.read() == .integer(200))
        await served.stop()
    }

    @Test func aPipelineLongerThanOneRunIsAnsweredWholeAndInOrder() async throws {
        let served = try await ServedSimulator()
        let client = try RawClient(port: served.port)
        // More requests than the handler runs at once, and more bytes than one read brings.
        let count = SimulatorClientHandler.pipelineLimit * 5 + 3
        client.send((0..<count).map { "INCR counter\r\nECHO \($0)\r\n" }.joined())
        for i in 0..<count {
            #expect(try client.read() == .integer(Int64(i + 1)))
            #expect(try client.read() == .bulk("\(i)"))
        }
        await served.stop()
    }

    @Test func clientKillClosesTheOtherConnectionWithoutAWord() async throws {
        let served = try await ServedSimulator()
        let killer = try RawClient(port: served.port)
        for blockedFirst in [false, true] {
            let victim = try RawClient(port: served.port)
            victim.send("CLIENT ID\r\n")
            guard case .integer(let id)? = try victim.read() else {
                Issue.record("CLIENT ID gave no integer")
                return
            }
            if blockedFirst {
                victim.send("BLPOP never 0\r\n")
                // Wait until the server has it blocked, as CLIENT LIST shows.
                for _ in 0..<200 {
                    killer.send("CLIENT LIST ID \(id)\r\n")
                    if case .bulkString(let line)? = try killer.read(), String(decoding: line, as: UTF8.self).contains("cmd=blpop") { break }
                }
            }
            killer.send("CLIENT KILL ID \(id)\r\n")
            #expect(try killer.read() == .integer(1))
            // Redis sends the killed client nothing, not even a blocked command's timeout reply.
            #expect(victim.readUntilQuiet(quietMilliseconds: 2_000) == Array("<closed>".utf8))
        }
        await served.stop()
    }

    @Test func aProtocolErrorIsAnsweredThenTheConnectionCloses() async throws {
        let served = try await ServedSimulator()
        let client = try RawClient(port: served.port)
        client.send("PING\r\n*1\r\n$x\r\nPING\r\n")
        #expect(try client.read() == .simpleString("PONG"))
        #expect(try client.read() == .error("ERR Protocol error: invalid bulk length"))
        #expect(try client.read() == nil)
        let other = try RawClient(port: served.port)
        other.send("SET k \"open\r\n")
        #expect(try other.read() == .error("ERR Protocol error: unbalanced quotes in request"))
        #expect(try other.read() == nil)
        await served.stop()
    }

    @Test func quitRepliesThenCloses() async throws {
        let served = try await ServedSimulator()
        let client = try RawClient(port: served.port)
        client.send("QUIT\r\nPING\r\n")
        #expect(try client.read() == .ok)
        #expect(try client.read() == nil)
        await served.stop()
    }

    @Test func subscribersReceivePublishedMessages() async throws {
        let served = try await ServedSimulator()
        let subscriber = try await served.connect()
        let publisher = try await served.connect()
        #expect(try await subscriber.send("SUBSCRIBE", "news", "sport")
            == .array([.bulk("subscribe"), .bulk("news"), .integer(1)]))
        var pushes = subscriber.pushes.makeAsyncIterator()
        #expect(await pushes.next() == .array([.bulk("subscribe"), .bulk("sport"), .integer(2)]))
        #expect(try await publisher.send("PUBLISH", "news", "hello") == .integer(1))
        #expect(await pushes.next() == .bulkArray(["message", "news", "hello"]))
        await subscriber.close()
        await publisher.close()
        await served.stop()
    }

    @Test func aBlockedClientWaitsWithoutBlockingOthers() async throws {
        let served = try await ServedSimulator()
        let waiter = try await served.connect()
        let worker = try await served.connect()
        // A long timeout: on a loaded machine the pushes below can take seconds to arrive.
        async let popped = waiter.send("BLPOP", "jobs", "60")
        try await Task.sleep(for: .milliseconds(100))
        for i in 0..<20 { #expect(try await worker.send("LPUSH", "other", "x") == .integer(Int64(i + 1))) }
        #expect(try await worker.send("RPUSH", "jobs", "job-1") == .integer(1))
        #expect(try await popped == .bulkArray(["jobs", "job-1"]))
        // Only the server's periodic tick can end this wait: nothing else touches `jobs`.
        #expect(try await waiter.send("BLPOP", "jobs", "0.2") == .nullArray)
        await waiter.close()
        await worker.close()
        await served.stop()
    }

    @Test func commandsPipelinedBehindABlockedOneWaitForIt() async throws {
        let served = try await ServedSimulator()
        let client = try RawClient(port: served.port)
        client.send("BLPOP q 0\r\nPING\r\n")
        let pusher = try await served.connect()
        try await Task.sleep(for: .milliseconds(100))
        #expect(try await pusher.send("RPUSH", "q", "x") == .integer(1))
        #expect(try client.read() == .bulkArray(["q", "x"]))
        #expect(try client.read() == .simpleString("PONG"))
        await pusher.close()
        await served.stop()
    }

    @Test func aDisconnectedClientLeavesItsSubscriptions() async throws {
        let served = try await ServedSimulator()
        let subscriber = try await served.connect()
        let publisher = try await served.connect()
        _ = try await subscriber.send("SUBSCRIBE", "news")
        #expect(try await publisher.send("PUBLISH", "news", "1") == .integer(1))
        await subscriber.close()
        // The server learns of the close when its event loop reads the EOF: on a loaded machine
        // that can take a while, so wait up to 60 s.
        var receivers: Int64 = -1
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            receivers = try await publisher.send("PUBLISH", "news", "2").integerValue ?? -1
            if receivers == 0 { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(receivers == 0)
        await publisher.close()
        await served.stop()
    }

    @Test func shutdownStopsTheServerWithoutAReply() async throws {
        let served = try await ServedSimulator()
        let client = try RawClient(port: served.port)
        client.send("SHUTDOWN NOSAVE\r\n")
        #expect(try client.read() == nil)
        // Returns only once the listener, every connection and the threads are gone.
        await served.server.waitUntilStopped()
    }

    @Test func shutdownEndsThePipelineItCameIn() async throws {
        let served = try await ServedSimulator()
        let client = try RawClient(port: served.port)
        // Redis exits at SHUTDOWN: the SET after it in the same read never runs.
        client.send("SHUTDOWN NOSAVE NOSAVE NOW FORCE\r\nSET after shutdown\r\n")
        #expect(try client.read() == nil)
        await served.server.waitUntilStopped()
        let check = SimulatorConnection(served.simulator)
        #expect(try await check.send("EXISTS", "after") == .integer(0))
    }

    @Test func shutdownWithABadOptionIsRefused() async throws {
        let served = try await ServedSimulator()
        let client = try RawClient(port: served.port)
        // As Redis 7.0 reads them: each modifier any number of times, NOSAVE not with SAVE,
        // ABORT with nothing but ABORT.
        client.send("SHUTDOWN LATER\r\nSHUTDOWN ABORT\r\nSHUTDOWN ABORT ABORT\r\nSHUTDOWN NOSAVE SAVE\r\n"
            + "SHUTDOWN ABORT NOW\r\nSHUTDOWN NOSAVE FORCE ABORT\r\nPING\r\n")
        #expect(try client.read() == .error("ERR syntax error"))
        #expect(try client.read() == .error("ERR No shutdown in progress."))
        #expect(try client.read() == .error("ERR No shutdown in progress."))
        #expect(try client.read() == .error("ERR syntax error"))
        #expect(try client.read() == .error("ERR syntax error"))
        #expect(try client.read() == .error("ERR syntax error"))
        #expect(try client.read() == .simpleString("PONG"))
        await served.stop()
    }
}
