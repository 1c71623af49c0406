import Testing
import RedislingsTestSupport

/// Every case under `Differential/` run on a fresh simulator and on a real redis-server.
@Suite struct DifferentialTests {
    static let cases = DifferentialHarness.loadCases(directory: DifferentialHarness.directory(besideTestFile: #filePath))

    @Test(arguments: cases)
    func simulatorAnswersAsRedis(_ testCase: DifferentialCase) async {
        await DifferentialHarness.expectSameReplies(testCase)
    }
}
