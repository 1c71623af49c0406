import Testing
import RedislingsTestSupport

/// Every case under `Differential/` run on a fresh simulator with Lua and on a real redis-server.
@Suite struct ScriptingDifferentialTests {
    static let cases = DifferentialHarness.loadCases(directory: DifferentialHarness.directory(besideTestFile: #filePath))

    @Test(arguments: cases)
    func scriptsRunAsInRedis(_ testCase: DifferentialCase) async {
        await DifferentialHarness.expectSameReplies(testCase)
    }
}
