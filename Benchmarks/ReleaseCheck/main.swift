@preconcurrency import Foundation
import RedislingsTestSupport

// ReleaseCheck DIRECTORY...: runs every differential case (`*.cases`) in the directories on the
// simulator compiled as `scripts/learn.sh` compiles it (release: -O, whole module) and on a real
// redis-server, and exits 1 on any difference. The test suite runs the same cases on a debug
// build; this catches what only the optimizer changes (a Swift 6.3 -O -wmo build once read the
// bytes of short strings as undefined, so " 1" passed for a float in release only).
let directories = Array(CommandLine.arguments.dropFirst())
guard !directories.isEmpty else {
    FileHandle.standardError.write(Data("usage: ReleaseCheck DIRECTORY...  (folders of .cases files)\n".utf8))
    exit(2)
}
var passed = 0, failed = 0
for directory in directories {
    guard FileManager.default.fileExists(atPath: directory) else {
        FileHandle.standardError.write(Data("ReleaseCheck: no folder \(directory)\n".utf8))
        exit(2)
    }
    for testCase in DifferentialHarness.loadCases(directory: directory) {
        switch await DifferentialHarness.check(testCase) {
        case .passed:
            passed += 1
        case .skipped(let reason):
            print("ReleaseCheck skipped, nothing was compared: \(reason)")
            exit(0)
        case .failed(let mismatches):
            failed += 1
            print("✘ \(testCase)")
            for line in mismatches.prefix(5) { print("  \(line)") }
        }
    }
}
print("ReleaseCheck: \(passed) cases agree with redis-server on the release build, \(failed) differ")
exit(failed == 0 ? 0 : 1)
