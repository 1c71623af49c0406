import Basics
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct OwnThreadTests {
    /// Thirty-two waits that each block until all thirty-two have started: on threads of their
    /// own they all start at once. On Dispatch's global queues (a thread per core, one more per
    /// second at best) they would not all have started before the ten seconds run out.
    @Test func manyBlockingWaitsRunAtOnce() async {
        let waits = 32
        let started = StartCount()
        let sawEveryone = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<waits {
                group.addTask {
                    await onOwnThread(named: "own-thread-test") {
                        started.value.add(1, ordering: .relaxed)
                        var waited = 0
                        while started.value.load(ordering: .relaxed) < waits, waited < 10_000 {
                            usleep(1_000)
                            waited += 1
                        }
                        return started.value.load(ordering: .relaxed) == waits
                    }
                }
            }
            var all = true
            for await saw in group { all = all && saw }
            return all
        }
        #expect(sawEveryone)
    }

    @Test func aThrownErrorReachesTheCaller() async {
        struct Refused: Error, Equatable {}
        await #expect(throws: Refused()) {
            try await onOwnThread(named: "own-thread-test") { () throws(Refused) -> Int in throw Refused() }
        }
        let value = await onOwnThread(named: "own-thread-test") { 6 * 7 }
        #expect(value == 42)
    }
}

/// How many of the waits have started, shared by all of them.
private final class StartCount: Sendable {
    let value = Atomic<Int>(0)
}
