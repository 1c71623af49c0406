import Testing
import RedislingsTestSupport

/// HyperLogLogs too large to write out as case files, built by commands generated here and
/// compared with a real redis-server byte for byte: the estimates and the dense bytes.
@Suite struct HyperLogLogLargeDifferentialTests {
    /// PFADD of `count` distinct elements in batches of 1,000, then PFCOUNT and GET.
    static func largeCase(name: String, count: Int, prefix: String) -> DifferentialCase {
        var steps: [DifferentialStep] = []
        func command(_ words: [String]) {
            steps.append(DifferentialStep(line: steps.count + 1, text: words.prefix(3).joined(separator: " "), client: "a",
                                          action: .command(words.map { Array($0.utf8) }), comparison: .exact))
        }
        for batch in stride(from: 0, to: count, by: 1000) {
            command(["PFADD", "big"] + (batch..<min(batch + 1000, count)).map { "\(prefix)\($0)" })
            if batch == 0 || batch == 4000 { command(["GET", "big"]) }
        }
        command(["PFCOUNT", "big"])
        command(["GET", "big"])
        command(["PFADD", "other"] + (0..<500).map { "\(prefix)\($0 * 7)" })
        command(["PFCOUNT", "big", "other"])
        command(["PFMERGE", "merged", "other", "big"])
        command(["GET", "merged"])
        return DifferentialCase(name: name, file: "HyperLogLogLargeDifferentialTests.swift", line: 1, steps: steps)
    }

    @Test func pfcountOverOneHundredThousandElementsMatchesRedis() async {
        await DifferentialHarness.expectSameReplies(
            Self.largeCase(name: "PFCOUNT over 100,000 elements", count: 100_000, prefix: "user:"), shown: 5)
    }
}
