import Testing
@testable import REPL

@Suite struct ClockAdvanceTests {
    @Test func parsesEachUnit() {
        #expect(ClockAdvance.milliseconds("10s") == 10_000)
        #expect(ClockAdvance.milliseconds("1500ms") == 1500)
        #expect(ClockAdvance.milliseconds("2m") == 120_000)
        #expect(ClockAdvance.milliseconds("1H") == 3_600_000)
        #expect(ClockAdvance.milliseconds("7") == 7000)
    }

    @Test func rejectsWhatIsNotADuration() {
        for text in ["", "s", "10x", "-5s", "1.5s", "99999999999999999999s", "9223372036854775807h"] {
            #expect(ClockAdvance.milliseconds(text) == nil, "\(text)")
        }
    }

    @Test func describesDurations() {
        #expect(ClockAdvance.describe(10_000) == "10s")
        #expect(ClockAdvance.describe(1500) == "1500ms")
        #expect(ClockAdvance.describe(5_400_000) == "1h 30m")
    }
}
