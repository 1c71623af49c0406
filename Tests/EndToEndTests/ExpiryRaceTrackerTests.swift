import Testing
@testable import RedislingsTestSupport

/// The differential fuzzer's rule for telling an expiry race from a real difference.
struct ExpiryRaceTrackerTests {
    private func words(_ text: String) -> [[UInt8]] {
        text.split(separator: " ").map { Array($0.utf8) }
    }

    @Test func aShortTimeToLiveMarksItsKeyForAWhile() {
        var tracker = ExpiryRaceTracker()
        tracker.record(words("PSETEX k 3 v"), index: 10)
        tracker.record(words("SET p v PX 5"), index: 11)
        tracker.record(words("EXPIRE e 1"), index: 12)
        tracker.record(words("GETEX g EX 2"), index: 13)
        #expect(tracker.mayRace(words("HLEN k"), index: 20))
        #expect(tracker.mayRace(words("SMEMBERS p"), index: 20))
        #expect(tracker.mayRace(words("SUNION x e"), index: 20))
        #expect(tracker.mayRace(words("GET g"), index: 20))
        #expect(!tracker.mayRace(words("HLEN k"), index: 10 + ExpiryRaceTracker.window + 1))
        #expect(!tracker.mayRace(words("HLEN other"), index: 20))
    }

    @Test func longTimesToLiveAndRefusedNumbersMarkNothing() {
        var tracker = ExpiryRaceTracker()
        tracker.record(words("PSETEX a 60000 v"), index: 1)
        tracker.record(words("EXPIRE b 100"), index: 1)
        tracker.record(words("SET c v EX 10"), index: 1)
        tracker.record(words("PEXPIRE d -5"), index: 1)
        for key in ["a", "b", "c", "d"] { #expect(!tracker.mayRace(words("GET \(key)"), index: 2)) }
    }

    @Test func theTimeToLiveTravelsWithARenameAndAFlushForgetsIt() {
        var tracker = ExpiryRaceTracker()
        tracker.record(words("PSETEX k 3 v"), index: 1)
        tracker.record(words("RENAME k moved"), index: 2)
        #expect(tracker.mayRace(words("TYPE moved"), index: 3))
        tracker.reset()
        #expect(!tracker.mayRace(words("TYPE moved"), index: 4))
    }
}
