import Foundation
import LessonKit
import RedisBackends
import REPL
import Synchronization
import Testing

/// The navigator tells the program which lessons were read and how long each was current.
@Suite struct CourseNavigatorRecordingTests {
    static let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Lessons").path

    @Test func movingAndFinishingReportTheLessonLeftAndItsTime() throws {
        let catalog = try LessonCatalog.load(directory: Self.lessons)
        let navigator = CourseNavigator(catalog: catalog, position: 0, store: nil, state: LearnerState())
        let reports = Mutex<[(String, Double)]>([])
        navigator.timeSpent = { lesson, seconds in reports.withLock { $0.append((lesson.slug, seconds)) } }
        Thread.sleep(forTimeInterval: 0.05)
        try navigator.move(to: 1)
        navigator.finishTiming()
        let recorded = reports.withLock { $0 }
        #expect(recorded.map(\.0) == [catalog.lessons[0].slug, catalog.lessons[1].slug])
        #expect(recorded[0].1 >= 0.05)
        #expect(recorded[0].1 <= CourseNavigator.longestCountedStretch)
    }

    /// Time is reported as it accrues (every `recordingInterval`), not only when the session
    /// ends, so a session that dies keeps what was spent; each stretch is counted once.
    @Test func timeIsRecordedIncrementallyAndOnlyOnce() throws {
        let catalog = try LessonCatalog.load(directory: Self.lessons)
        let navigator = CourseNavigator(catalog: catalog, position: 0, store: nil, state: LearnerState())
        let reports = Mutex<[Double]>([])
        navigator.timeSpent = { _, seconds in reports.withLock { $0.append(seconds) } }
        let start = ContinuousClock.now
        navigator.recordTimeIfDue(at: start + .seconds(5))
        #expect(reports.withLock { $0 }.isEmpty)
        navigator.recordTimeIfDue(at: start + .seconds(45))
        navigator.recordTimeIfDue(at: start + .seconds(50))
        navigator.recordTimeIfDue(at: start + .seconds(80))
        navigator.finishTiming(at: start + .seconds(90))
        let recorded = reports.withLock { $0 }
        #expect(recorded.count == 3)
        #expect(abs(recorded.reduce(0, +) - 90) < 1)
    }

    /// A closed terminal reports the time from the hang-up's thread while the session's loop
    /// ends and reports its own last stretch, after which the process ends: the later report
    /// waits for the one being written, so the process never ends in the middle of it.
    @Test func aReportWaitsForTheOneBeingWritten() throws {
        let catalog = try LessonCatalog.load(directory: Self.lessons)
        let navigator = CourseNavigator(catalog: catalog, position: 0, store: nil, state: LearnerState())
        let reports = Mutex<[Double]>([]), begun = Mutex(0)
        let writing = DispatchSemaphore(value: 0)
        navigator.timeSpent = { _, seconds in
            if begun.withLock({ $0 += 1; return $0 == 1 }) {
                writing.signal()
                Thread.sleep(forTimeInterval: 0.3)
            }
            reports.withLock { $0.append(seconds) }
        }
        let start = ContinuousClock.now
        let hangUp = Thread { navigator.finishTiming(at: start + .seconds(4)) }
        hangUp.start()
        writing.wait()
        navigator.finishTiming(at: start + .seconds(4) + .milliseconds(1))
        let recorded = reports.withLock { $0 }
        #expect(recorded.count == 2, "\(recorded)")
        #expect(abs((recorded.first ?? 0) - 4) < 0.5, "the hang-up's report was not written first: \(recorded)")
    }

    /// A learner reading at the prompt types nothing for minutes: the session records that time
    /// while the prompt waits, so a session that dies there (a closed terminal) keeps it.
    @Test func timeIsRecordedWhileThePromptWaits() async throws {
        let catalog = try LessonCatalog.load(directory: Self.lessons)
        let navigator = CourseNavigator(catalog: catalog, position: 0, store: nil, state: LearnerState())
        navigator.recordingInterval = .milliseconds(30)
        let reports = Mutex<[String]>([])
        navigator.timeSpent = { lesson, _ in reports.withLock { $0.append(lesson.slug) } }
        let input = WaitingInput()
        let session = try await ReplSession(backend: ReplBackend(SimulatorBackend()), input: input, output: BufferOutput())
        session.course = navigator
        let running = Task { await session.run() }
        // Generous: the clock ticks every few milliseconds; a loaded machine may delay it.
        for _ in 0..<200 where reports.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(50)) }
        #expect(input.linesAsked == 1, "no line was entered")
        #expect(reports.withLock { $0.first } == catalog.lessons[0].slug)
        input.end()
        await running.value
    }
}

/// A prompt nobody answers until `end()`: `readLine` blocks, then reports the end of input.
private final class WaitingInput: LineInput, @unchecked Sendable {
    private let ended = DispatchSemaphore(value: 0)
    private let asked = Mutex(0)
    var linesAsked: Int { asked.withLock { $0 } }
    var isInteractive: Bool { false }
    func readLine(prompt: String) -> String? {
        asked.withLock { $0 += 1 }
        ended.wait()
        return nil
    }
    func remember(_ line: String) throws(StateFileError) {}
    func waitForMessagesOrKey(_ inbox: PushInbox) -> ListenEvent { .stop }
    func end() { ended.signal() }
}
