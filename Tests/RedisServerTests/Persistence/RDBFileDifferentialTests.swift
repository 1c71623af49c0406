import Foundation
import LiveRedis
import RESP
import RedisSimulator
import RedislingsTestSupport
import Testing

extension PersistenceServerTests {
    /// SAVE writes an RDB file redis-server 7.0.15 starts from with every key (contents, encoding,
    /// TTL, database), and the simulator loads the file redis-server SAVEs.
    @Suite struct RDBFileDifferentialTests {
        static let extraSetup: [[String]] = [["SET", "ttl", "v", "PX", "600000"], ["SELECT", "5"], ["SET", "in-db5", "x"], ["SELECT", "0"]]

        private func temporaryDirectory() throws -> String {
            let path = NSTemporaryDirectory() + "rdb-\(UInt64.random(in: 0...UInt64.max))"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            return path
        }

        /// Every key of databases 0 and 5 described on both sides.
        private func compare(_ expected: any RedisConnection, _ actual: any RedisConnection) async throws {
            for db in ["0", "5"] {
                _ = try await expected.send("SELECT", db)
                _ = try await actual.send("SELECT", db)
                let keys = (try await expected.send("KEYS", "*")).arrayValue?.compactMap(\.stringValue).sorted() ?? []
                let actualKeys = (try await actual.send("KEYS", "*")).arrayValue?.compactMap(\.stringValue).sorted() ?? []
                #expect(actualKeys == keys, "db \(db)")
                for key in keys {
                    let type = try await expected.send("TYPE", key).stringValue ?? ""
                    for command in DumpRestoreDifferentialTests.describe(key, type: type) + [["EXPIRETIME", key]] {
                        let want = DumpRestoreDifferentialTests.withoutNodeCounts(try await expected.send(strings: command))
                        let got = DumpRestoreDifferentialTests.withoutNodeCounts(try await actual.send(strings: command))
                        #expect(got == want, "\(command)")
                    }
                }
            }
        }

        @Test func redisServerStartsFromTheSimulatorsSave() async throws {
            guard RedisServerProcess.isInstalled else {
                print("skipped: redis-server is not installed")
                return
            }
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let simulator = Simulator()
            simulator.configurePersistence(directory: directory, fileName: "dump.rdb")
            let connection = SimulatorConnection(simulator)
            for command in DumpRestoreDifferentialTests.setup + Self.extraSetup { _ = try await connection.send(strings: command) }
            #expect(try await connection.send("SAVE") == .ok)
            let info = try await connection.send("INFO", "persistence").stringValue ?? ""
            #expect(info.contains("rdb_changes_since_last_save:0\r\n"))
            #expect(info.contains("rdb_saves:1\r\n"))

            let server = try RedisServerProcess(extraArguments: ["--dir", directory, "--dbfilename", "dump.rdb"])
            defer { server.stop() }
            let redis = try await LiveRedisConnection.connect(to: RedisURL(port: server.port))
            try await compare(connection, redis)
            await redis.close()
        }

        @Test func theSimulatorLoadsRedisServersSave() async throws {
            guard RedisServerProcess.isInstalled else {
                print("skipped: redis-server is not installed")
                return
            }
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let server = try RedisServerProcess(extraArguments: ["--dir", directory, "--dbfilename", "dump.rdb"])
            defer { server.stop() }
            let redis = try await LiveRedisConnection.connect(to: RedisURL(port: server.port))
            for command in DumpRestoreDifferentialTests.setup + Self.extraSetup { _ = try await redis.send(strings: command) }
            #expect(try await redis.send("SAVE") == .ok)

            let simulator = Simulator()
            simulator.configurePersistence(directory: directory, fileName: "dump.rdb")
            #expect(try simulator.loadRDBFile())
            let connection = SimulatorConnection(simulator)
            try await compare(redis, connection)
            let info = try await connection.send("INFO", "persistence").stringValue ?? ""
            #expect(info.contains("rdb_last_load_keys_loaded:29\r\n"))
            await redis.close()
        }

        @Test func aDamagedFileIsRefusedAndTheDatasetKept() throws {
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let simulator = Simulator()
            simulator.configurePersistence(directory: directory, fileName: "dump.rdb")
            let client = simulator.connect()
            _ = run(simulator, client, "SET", "k", "v")
            #expect(run(simulator, client, "SAVE") == .reply(.ok))
            let path = directory + "/dump.rdb"
            var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            bytes[bytes.count - 12] ^= 0xFF
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            _ = run(simulator, client, "SET", "k2", "v2")
            #expect(throws: RDBFileError.self) { try simulator.loadRDBFile() }
            #expect(run(simulator, client, "DBSIZE") == .reply(.integer(2)))
            #expect(run(simulator, client, "CONFIG", "SET", "dir", "/") == .reply(.error(
                "ERR CONFIG SET failed (possibly related to argument 'dir') - can't set protected config")))
        }
    }
}
