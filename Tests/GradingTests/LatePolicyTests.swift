import Foundation
import Testing
@testable import Grading

@Suite struct LatePolicyTests {
    let deadline = LatePolicy.parseDeadline("2026-12-01T23:59:00Z")!

    @Test func startedDaysCount() {
        let policy = LatePolicy(deadline: deadline, percentPerDay: 10)
        #expect(policy.daysLate(submittedAt: deadline) == 0)
        #expect(policy.daysLate(submittedAt: deadline.addingTimeInterval(-3_600)) == 0)
        #expect(policy.daysLate(submittedAt: deadline.addingTimeInterval(1)) == 1)
        #expect(policy.daysLate(submittedAt: deadline.addingTimeInterval(86_400)) == 1)
        #expect(policy.daysLate(submittedAt: deadline.addingTimeInterval(86_401)) == 2)
        #expect(policy.daysLate(submittedAt: nil) == 0)
        #expect(LatePolicy.none.daysLate(submittedAt: deadline.addingTimeInterval(1e6)) == 0)
    }

    @Test func thePenaltyScalesThePointsEarnedAndStopsAtZero() {
        let policy = LatePolicy(deadline: deadline, percentPerDay: 15)
        #expect(policy.apply(to: 10, daysLate: 0) == 10)
        #expect(policy.apply(to: 10, daysLate: 2) == 7)
        #expect(policy.apply(to: 7, daysLate: 1) == 5.95)
        #expect(policy.penaltyPercent(daysLate: 9) == 100)
        #expect(policy.apply(to: 10, daysLate: 9) == 0)
    }

    @Test func parsesDeadlinesAndPercentages() {
        #expect(LatePolicy.parseDeadline("2026-12-01T23:59:00Z")?.timeIntervalSince1970 == 1_796_169_540)
        #expect(LatePolicy.parseDeadline("2026-12-02T00:59:00+01:00") == deadline)
        #expect(LatePolicy.parseDeadline("2026-12-01")?.timeIntervalSince1970 == 1_796_169_599)
        #expect(LatePolicy.parseDeadline("next friday") == nil)
        #expect(LatePolicy.parsePercent("10") == 10)
        #expect(LatePolicy.parsePercent("12.5%") == 12.5)
        #expect(LatePolicy.parsePercent("150") == nil)
        #expect(LatePolicy.parsePercent("-1") == nil)
    }
}
