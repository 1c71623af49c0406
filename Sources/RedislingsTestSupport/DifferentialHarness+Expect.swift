import Testing

extension DifferentialHarness {
    /// Checks `testCase` on the simulator and on redis-server and records an issue naming the
    /// case and its first `shown` mismatches; a case that cannot run there (no redis-server)
    /// prints why instead.
    public static func expectSameReplies(
        _ testCase: DifferentialCase, shown: Int = .max, sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        switch await check(testCase) {
        case .passed:
            break
        case .skipped(let reason):
            print("skipped differential case \(testCase): \(reason)")
        case .failed(let mismatches):
            Issue.record(Comment(rawValue: "\(testCase)\n" + mismatches.prefix(shown).joined(separator: "\n")), sourceLocation: sourceLocation)
        }
    }
}
