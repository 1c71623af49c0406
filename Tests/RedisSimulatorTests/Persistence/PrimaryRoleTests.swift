import RESP
import Testing
@testable import RedisSimulator
import RedislingsTestSupport

/// ROLE and REPLICAOF/SLAVEOF on a primary, LASTSAVE and SAVE's bookkeeping, with redis-server 7.0.15's replies.
@Suite struct PrimaryRoleTests {
    let simulator = Simulator(clock: SimulatorClock(source: { 1_700_000_000_123 }))

    @Test func theSimulatorAnswersAsAPrimary() {
        let client = simulator.connect()
        #expect(run(simulator, client, "ROLE") == .reply(.array([.bulk("master"), .integer(0), .array([])])))
        #expect(run(simulator, client, "REPLICAOF", "NO", "ONE") == .reply(.ok))
        #expect(run(simulator, client, "SLAVEOF", "no", "one") == .reply(.ok))
        #expect(run(simulator, client, "REPLICAOF", "localhost", "notaport") == .reply(.error("ERR Invalid master port")))
        #expect(run(simulator, client, "SLAVEOF", "localhost", "70000") == .reply(.error("ERR Invalid master port")))
    }

    @Test func lastSaveAndTheChangeCounterFollowWritesAndSaves() {
        let client = simulator.connect()
        #expect(run(simulator, client, "LASTSAVE") == .reply(.integer(1_700_000_000)))
        _ = run(simulator, client, "SET", "a", "1")
        _ = run(simulator, client, "RPUSH", "l", "x")
        guard case .reply(.bulkString(let info)) = run(simulator, client, "INFO", "persistence") else { return }
        #expect(String(decoding: info, as: UTF8.self).contains("rdb_changes_since_last_save:2\r\n"))
        // The default dir (/var/lib/redis) is not writable here or absent: SAVE answers Redis's bare ERR.
        simulator.configurePersistence(directory: "/nonexistent-redislings-dir", fileName: "dump.rdb")
        #expect(run(simulator, client, "SAVE") == .reply(.error("ERR")))
        #expect(run(simulator, client, "BGSAVE") == .reply(.simpleString("Background saving started")))
        #expect(run(simulator, client, "BGSAVE", "NOW") == .reply(.error("ERR syntax error")))
        guard case .reply(.bulkString(let after)) = run(simulator, client, "INFO", "persistence") else { return }
        let text = String(decoding: after, as: UTF8.self)
        #expect(text.contains("rdb_last_bgsave_status:err\r\n"))
        #expect(text.contains("rdb_changes_since_last_save:2\r\n"))
    }
}
