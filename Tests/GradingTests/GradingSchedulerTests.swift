import Foundation
import Testing
@testable import Grading

@Suite struct GradingSchedulerTests {
    private func jobs(_ texts: [String]) -> [GradingJob] {
        texts.enumerated().map { GradingJob(index: $0, exercise: SampleExercises.counter, submission: SubmissionText(kind: .redis, text: $1)) }
    }

    @Test func runsJobsInParallelWithoutSharingASlot() async {
        let grader = ScriptedGrader()
        let done = ProgressCounter()
        let outcomes = await GradingScheduler(parallelism: 3, watchdog: .seconds(10))
            .run(jobs(Array(repeating: "sleep 20", count: 12)), grader: grader) { finished, total in done.record(finished, total) }
        #expect(outcomes.count == 12)
        #expect(outcomes.values.allSatisfy { $0.status == .passed })
        #expect(!grader.slotsOverlapped)
        #expect(grader.mostAtOnce == 3)
        #expect(done.values == Array(1...12).map { [$0, 12] })
    }

    @Test func theWatchdogGivesUpOnAGraderThatDoesNotReturn() async {
        let grader = ScriptedGrader()
        let outcomes = await GradingScheduler(parallelism: 2, watchdog: .milliseconds(300))
            .run(jobs(["hang", "pass", "fail 1"]), grader: grader)
        // The stuck grader would have answered `passed` after 6 s; the watchdog answered first.
        // (No wall-clock bound here: other suites in this process may hold the threads a while.)
        #expect(outcomes[0]?.status == .error)
        #expect(outcomes[0]?.error == "the submission was still running after 0.3 s and was stopped")
        #expect(outcomes[0]?.checks.map(\.points) == [0, 0])
        #expect(outcomes[1]?.status == .passed)
        #expect(outcomes[2]?.score == 4)
    }
}

/// Collects progress reports from any thread.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [[Int]] = []

    func record(_ done: Int, _ total: Int) { lock.withLock { reports.append([done, total]) } }
    var values: [[Int]] { lock.withLock { reports } }
}
