import Testing

/// Runs a suite's or a test's cases on `ComputeThread`, one at a time, instead of on the pool
/// every task of the test process shares: for tests that compute for seconds without awaiting
/// (property sweeps against a reference model, large inputs through a debug build).
public struct ComputesForSecondsTrait: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await withTaskExecutorPreference(ComputeThread.shared) { try await function() }
    }
}

extension Trait where Self == ComputesForSecondsTrait {
    /// The test computes for seconds without awaiting: run it on `ComputeThread`.
    public static var computesForSeconds: Self { Self() }
}
