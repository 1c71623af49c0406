import Testing
import RESP
@testable import RedisSimulator
import RedislingsTestSupport

/// Expiry on the simulator's movable clock: lazy on access, and the sweep driven by the
/// per-database expiry queue.
@Suite(.computesForSeconds) struct ExpiryTests {
    let simulator = Simulator(clock: SimulatorClock(source: { 1_000_000 }))

    @Test func sweepRemovesOnlyDueKeysAndCountsThem() {
        let client = simulator.connect()
        for i in 0..<100 {
            _ = run(simulator, client, "SET", "k\(i)", "v", "PX", String(100 * (i + 1)))
        }
        _ = run(simulator, client, "SET", "forever", "v")
        simulator.advance(milliseconds: 2_550)
        // Keys with TTLs 100…2500 ms are gone without being touched; 2600…10000 remain.
        #expect(run(simulator, client, "DBSIZE") == .reply(.integer(76)))
        simulator.withLock { state in
            #expect(state.stats.expiredKeys == 25)
            #expect(state.databases[0].expiresCount == 75)
        }
    }

    @Test func aSweepWithABudgetStopsAndTheNextGoesOn() {
        let client = simulator.connect()
        for i in 0..<1000 { _ = run(simulator, client, "SET", "k\(i)", "v", "PX", "100") }
        simulator.clock.advance(milliseconds: 200)
        simulator.withLock { state in
            let now = state.clock.nowMilliseconds()
            // A spent budget still deletes one slice, then leaves the rest to a sweep 2 ms on.
            state.sweepExpiredKeys(now: now, budget: 0)
            #expect(state.stats.expiredKeys == Int64(ServerState.expirySliceKeys))
            #expect(state.nextExpireSweep == now + 2)
            state.sweepExpiredKeys(now: now)
            #expect(state.stats.expiredKeys == 1000)
            #expect(state.nextExpireSweep == now + 100)
        }
    }

    @Test func changedTTLsLeaveNoStaleExpiry() {
        let client = simulator.connect()
        _ = run(simulator, client, "SET", "k", "v", "PX", "100")
        _ = run(simulator, client, "PEXPIRE", "k", "10000")
        _ = run(simulator, client, "SET", "p", "v", "PX", "100")
        _ = run(simulator, client, "PERSIST", "p")
        simulator.advance(milliseconds: 500)
        #expect(run(simulator, client, "EXISTS", "k", "p") == .reply(.integer(2)))
        simulator.advance(milliseconds: 10_000)
        #expect(run(simulator, client, "EXISTS", "k", "p") == .reply(.integer(1)))
    }

    @Test func queueStaysBoundedUnderRepeatedExpire() {
        let client = simulator.connect()
        _ = run(simulator, client, "SET", "k", "v")
        for i in 0..<10_000 { _ = run(simulator, client, "PEXPIRE", "k", String(100_000 + i)) }
        simulator.withLock { state in
            #expect(state.databases[0].expiresCount == 1)
        }
        simulator.advance(milliseconds: 200_000)
        #expect(run(simulator, client, "DBSIZE") == .reply(.integer(0)))
    }

    @Test func expiredKeysVanishFromKeysScanAndRandomKey() {
        let client = simulator.connect()
        _ = run(simulator, client, "SET", "gone", "v", "PX", "10")
        _ = run(simulator, client, "SET", "kept", "v")
        simulator.clock.advance(milliseconds: 50)
        #expect(run(simulator, client, "KEYS", "*") == .reply(.array([.bulk("kept")])))
        #expect(run(simulator, client, "RANDOMKEY") == .reply(.bulk("kept")))
        #expect(run(simulator, client, "SCAN", "0") == .reply(.array([.bulk("0"), .array([.bulk("kept")])])))
    }
}

/// The SCAN cursor returns every key present for the whole iteration exactly once.
@Suite struct KeyScanTests {
    @Test func pagesCoverEveryKeyOnce() {
        let simulator = Simulator()
        let client = simulator.connect()
        for i in 0..<500 { _ = run(simulator, client, "SET", "key:\(i)", "v") }
        var cursor = "0", seen: [String] = []
        repeat {
            guard case .reply(.array(let page)) = run(simulator, client, "SCAN", cursor, "COUNT", "37"),
                  case .bulkString(let next) = page[0], case .array(let keys) = page[1] else {
                Issue.record("SCAN did not answer a page")
                return
            }
            cursor = String(decoding: next, as: UTF8.self)
            seen += keys.compactMap(\.stringValue)
            // Writes during the iteration must not make present keys be missed or repeated.
            _ = run(simulator, client, "SET", "extra:\(seen.count)", "v")
        } while cursor != "0"
        let original = seen.filter { $0.hasPrefix("key:") }
        #expect(original.count == 500)
        #expect(Set(original).count == 500)
    }
}

@Suite struct SimulatorClockLimitTests {
    @Test func advancingByInt64MaxTwiceSaturatesInsteadOfTrapping() {
        let clock = SimulatorClock(source: { 1_700_000_000_000 })
        clock.advance(milliseconds: .max)
        clock.advance(milliseconds: .max)
        #expect(clock.offsetMilliseconds == SimulatorClock.maximumOffsetMilliseconds)
        #expect(clock.nowMilliseconds() == 1_700_000_000_000 + SimulatorClock.maximumOffsetMilliseconds)
        #expect(clock.nowMicroseconds() > 0)
    }
}
