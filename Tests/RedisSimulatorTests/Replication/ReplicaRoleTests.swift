import RESP
import Testing
@testable import RedisSimulator
import RedislingsTestSupport

/// A simulator told to follow a primary that no transport connects (in-process, or a primary
/// that is down): ROLE, INFO replication, READONLY, MASTERDOWN and the promotion back, with the
/// replies redis-server 7.0.15 gives in the same state (checked against a real replica whose
/// primary is down).
@Suite struct ReplicaRoleTests {
    let simulator = Simulator()

    private func info(_ client: SimulatorClient) -> String {
        guard case .reply(.bulkString(let bytes)) = run(simulator, client, "INFO", "replication") else { return "" }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func aReplicaWhoseLinkIsDownAnswersAsRedisDoes() {
        let client = simulator.connect()
        #expect(run(simulator, client, "SET", "kept", "1") == .reply(.ok))
        #expect(run(simulator, client, "REPLICAOF", "127.0.0.1", "1") == .reply(.ok))
        #expect(run(simulator, client, "REPLICAOF", "127.0.0.1", "1")
            == .reply(.simpleString("OK Already connected to specified master")))
        #expect(run(simulator, client, "ROLE")
            == .reply(.array([.bulk("slave"), .bulk("127.0.0.1"), .integer(1), .bulk("connect"), .integer(-1)])))
        let text = info(client)
        for line in ["role:slave", "master_host:127.0.0.1", "master_port:1", "master_link_status:down",
                     "master_last_io_seconds_ago:-1", "master_sync_in_progress:0", "slave_read_repl_offset:1",
                     "slave_repl_offset:1", "master_link_down_since_seconds:-1", "slave_priority:100",
                     "slave_read_only:1", "replica_announced:1", "connected_slaves:0"] {
            #expect(text.contains(line + "\r\n"), "\(line)")
        }
        // The dataset stays until a primary's snapshot replaces it; reads are served, writes refused.
        #expect(run(simulator, client, "GET", "kept") == .reply(.bulk("1")))
        #expect(run(simulator, client, "SET", "new", "1") == .reply(.error("READONLY You can't write against a read only replica.")))
        #expect(run(simulator, client, "MULTI") == .reply(.ok))
        #expect(run(simulator, client, "INCR", "kept") == .reply(.error("READONLY You can't write against a read only replica.")))
        #expect(run(simulator, client, "EXEC")
            == .reply(.error("EXECABORT Transaction discarded because of previous errors.")))
        #expect(run(simulator, client, "WAIT", "1", "0") == .reply(.error(
            "ERR WAIT cannot be used with replica instances. Please also note that since Redis 4.0 if a replica is configured "
                + "to be writable (which is not the default) writes to replicas are just local and are not propagated.")))
        // Another replica cannot sync from one whose own link is down.
        let chained = simulator.connect()
        #expect(run(simulator, chained, "PSYNC", "?", "-1") == .reply(.error("NOMASTERLINK Can't SYNC while not connected with my master")))
        #expect(run(simulator, chained, "SYNC") == .reply(.error("NOMASTERLINK Can't SYNC while not connected with my master")))
        // replica-read-only no lets writes through.
        #expect(run(simulator, client, "CONFIG", "SET", "replica-read-only", "no") == .reply(.ok))
        #expect(run(simulator, client, "SET", "local", "1") == .reply(.ok))
        #expect(run(simulator, client, "CONFIG", "SET", "slave-read-only", "yes") == .reply(.ok))
    }

    @Test func staleDataIsRefusedWhenReplicaServeStaleDataIsNo() {
        let client = simulator.connect()
        #expect(run(simulator, client, "CONFIG", "SET", "replica-serve-stale-data", "no") == .reply(.ok))
        #expect(run(simulator, client, "MULTI") == .reply(.ok))
        #expect(run(simulator, client, "GET", "x") == .reply(.queued))
        let other = simulator.connect()
        #expect(run(simulator, other, "REPLICAOF", "localhsot", "0") == .reply(.ok))
        #expect(run(simulator, client, "EXEC") == .reply(.error(
            "EXECABORT Transaction discarded because of: MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.")))
        #expect(run(simulator, client, "GET", "x")
            == .reply(.error("MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.")))
        // Commands flagged stale (INFO, ROLE, REPLICAOF, CONFIG) are still served.
        guard case .reply(.array) = run(simulator, client, "ROLE") else {
            Issue.record("ROLE was refused on a stale replica")
            return
        }
        #expect(run(simulator, client, "REPLICAOF", "NO", "ONE") == .reply(.ok))
        #expect(run(simulator, client, "GET", "x") == .reply(.nullBulkString))
    }

    @Test func replicaOfNoOneStartsANewHistory() {
        let client = simulator.connect()
        let before = info(client)
        let oldID = before.split(separator: "\r\n").first { $0.hasPrefix("master_replid:") }?.dropFirst(14) ?? ""
        #expect(run(simulator, client, "SLAVEOF", "127.0.0.1", "1") == .reply(.ok))
        #expect(run(simulator, client, "SLAVEOF", "NO", "ONE") == .reply(.ok))
        let after = info(client)
        #expect(after.hasPrefix("# Replication\r\nrole:master\r\nconnected_slaves:0\r\n"))
        #expect(after.contains("master_replid2:\(oldID)\r\n"))
        #expect(after.contains("second_repl_offset:1\r\n"))
        #expect(!after.contains("master_replid:\(oldID)\r\n"))
        #expect(run(simulator, client, "SET", "a", "1") == .reply(.ok))
        #expect(run(simulator, client, "ROLE") == .reply(.array([.bulk("master"), .integer(0), .array([])])))
    }

    @Test func aReplicaPropagatesNothingOfItsOwn() {
        let client = simulator.connect()
        let replica = simulator.connect()
        guard case .snapshot = run(simulator, replica, "SYNC") else {
            Issue.record("SYNC did not answer a snapshot")
            return
        }
        let received = Received()
        replica.pushHandler = { received.append($0) }
        #expect(run(simulator, client, "SET", "foo", "bar") == .reply(.ok))
        #expect(run(simulator, client, "MULTI") == .reply(.ok))
        #expect(run(simulator, client, "SET", "foo2", "bar") == .reply(.queued))
        #expect(run(simulator, client, "REPLICAOF", "localhost", "9999") == .reply(.queued))
        #expect(run(simulator, client, "SET", "foo3", "bar") == .reply(.queued))
        #expect(run(simulator, client, "EXEC") == .reply(.array([.ok, .ok, .ok])))
        #expect(run(simulator, client, "SET", "foo4", "bar") == .reply(.error("READONLY You can't write against a read only replica.")))
        let commands = received.values.compactMap { $0.arrayValue?.compactMap(\.stringValue).joined(separator: " ") }
        #expect(commands == ["SELECT 0", "SET foo bar"])
    }
}

/// Messages pushed to a client, collected under the simulator's lock.
private final class Received: @unchecked Sendable {
    private(set) var values: [RESPValue] = []
    func append(_ value: RESPValue) { values.append(value) }
}
