import LiveRedis
import RESP
import RedislingsTestSupport
import Testing

extension PersistenceServerTests.ServeReplicaTests {
    /// Libraries travel with the dataset (issue 19): a serve replica of redis-server 7.0.15 gets
    /// the libraries of the snapshot and those loaded or deleted later, runs a `no-writes`
    /// function with FCALL_RO and refuses the rest, answering as a redis-server replica of the
    /// same primary does.
    @Test func functionsReachAServeReplicaAndRunReadOnly() async throws {
        guard RedisServerProcess.isInstalled else {
            print("skipped: redis-server is not installed")
            return
        }
        let primaryServer = try RedisServerProcess(extraArguments: ["--repl-diskless-sync-delay", "0"])
        defer { primaryServer.stop() }
        let primary = try await LiveRedisConnection.connect(to: RedisURL(port: primaryServer.port))
        _ = try await primary.send("SET", "stock:apples", "12")
        #expect(try await primary.send("FUNCTION", "LOAD", """
            #!lua name=stock
            redis.register_function{function_name='stock_level', callback=function(keys) return redis.call('GET', keys[1]) end, flags={'no-writes'}}
            redis.register_function('stock_take', function(keys, args) return redis.call('DECRBY', keys[1], args[1]) end)
            """) == .bulk("stock"))

        let referenceServer = try RedisServerProcess(extraArguments: ["--replicaof", "127.0.0.1", String(primaryServer.port)])
        defer { referenceServer.stop() }
        let reference = try await LiveRedisConnection.connect(to: RedisURL(port: referenceServer.port))
        let served = try await ServedSimulator()
        served.simulator.setListeningPort(served.port)
        let replica = try await served.connect()
        #expect(try await replica.send("REPLICAOF", "127.0.0.1", String(primaryServer.port)) == .ok)
        for (name, connection) in [("serve", replica), ("redis-server", reference)] {
            try await waitUntil("\(name)'s link comes up") {
                try await connection.send("INFO", "replication").stringValue?.contains("master_link_status:up") == true
            }
        }

        // Loaded and deleted after the snapshot: these reach the replicas through the stream.
        #expect(try await primary.send("FUNCTION", "LOAD", "#!lua name=later\nredis.register_function('later', function() return 'streamed' end)") == .bulk("later"))
        #expect(try await primary.send("FUNCTION", "LOAD", "#!lua name=gone\nredis.register_function('gone', function() return 0 end)") == .bulk("gone"))
        #expect(try await primary.send("FUNCTION", "DELETE", "gone") == .ok)
        #expect(try await primary.send("FCALL", "stock_take", "1", "stock:apples", "5") == .integer(7))
        #expect(try await primary.send("WAIT", "2", "5000") == .integer(2))

        let commands: [[String]] = [
            ["FCALL_RO", "stock_level", "1", "stock:apples"], ["FCALL", "stock_level", "1", "stock:apples"],
            ["FCALL", "later", "0"], ["FCALL", "gone", "0"],
            ["FCALL", "stock_take", "1", "stock:apples", "1"], ["FCALL_RO", "stock_take", "1", "stock:apples", "1"],
            ["FUNCTION", "LOAD", "#!lua name=mine\nredis.register_function('mine', function() return 1 end)"],
            ["FUNCTION", "DELETE", "stock"], ["FUNCTION", "FLUSH"],
            ["FUNCTION", "LIST", "LIBRARYNAME", "gone"], ["GET", "stock:apples"],
            ["EVAL", "#!lua\nreturn 1", "0"], ["EVAL", "#!lua flags=no-writes\nreturn 2", "0"], ["EVAL_RO", "#!lua\nreturn 3", "0"],
        ]
        for command in commands {
            let expected = try await reference.send(strings: command)
            #expect(try await replica.send(strings: command) == expected, "\(command)")
        }
        // Libraries and their functions sorted by name: Redis lists them in its dictionaries' order.
        let libraries = try await PersistenceServerTests.FunctionDumpDifferentialTests.listed(reference)
        #expect(libraries.arrayValue?.count == 2)
        #expect(try await PersistenceServerTests.FunctionDumpDifferentialTests.listed(replica) == libraries)
        #expect(try await replica.send("FCALL_RO", "stock_level", "1", "stock:apples") == .bulk("7"))
        await replica.close()
        await reference.close()
        await primary.close()
        await served.stop()
    }
}
