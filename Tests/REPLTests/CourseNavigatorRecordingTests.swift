import Foundation
import LessonKit
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
}
