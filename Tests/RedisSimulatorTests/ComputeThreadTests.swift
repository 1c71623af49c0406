import RedislingsTestSupport
import Testing

/// The trait the simulator's long property sweeps carry really moves them off the shared pool.
@Suite(.computesForSeconds) struct ComputeThreadTests {
    @Test func aSynchronousTestRunsOnTheComputeThread() {
        #expect(ComputeThread.shared.isCurrent)
    }

    @Test func anAsyncTestComesBackToTheComputeThreadAfterAwaiting() async throws {
        #expect(ComputeThread.shared.isCurrent)
        try await Task.sleep(for: .milliseconds(5))
        #expect(ComputeThread.shared.isCurrent)
    }

    @Test(arguments: [1, 2, 3]) func everyCaseOfAParameterizedTestRunsThereToo(_ number: Int) {
        #expect(ComputeThread.shared.isCurrent, "case \(number)")
    }
}

@Suite struct UnmarkedSuiteTests {
    @Test func aTestWithoutTheTraitRunsOnTheSharedPool() {
        #expect(!ComputeThread.shared.isCurrent)
    }
}
