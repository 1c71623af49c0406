import Foundation
import RedislingsTestSupport
import Testing

/// The README's course coverage table is `dev check --coverage`'s output, not typed by hand.
@Suite struct CourseCoverageReadmeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func theReadmeShowsWhatDevCheckCoverageCounts() async throws {
        let binary = try RedislingsBinary.built()
        let output = try await binary.runOffThePool(["--lessons", Self.root.appendingPathComponent("Lessons").path, "dev", "check", "--coverage"],
                                    in: Self.root.path, environment: ["REDISLINGS_HOME": NSTemporaryDirectory() + "coverage-\(UUID().uuidString)"])
        output.expect(status: 0)
        let table = try #require(output.standardOutput.range(of: "| Lesson | Outline bullet").map { String(output.standardOutput[$0.lowerBound...]) })
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let begin = try #require(readme.range(of: "<!-- coverage:begin -->\n"))
        let end = try #require(readme.range(of: "<!-- coverage:end -->"))
        #expect(String(readme[begin.upperBound..<end.lowerBound]) == table,
                "run `redislings dev check --coverage` and paste its table between the coverage markers of README.md")
    }
}
