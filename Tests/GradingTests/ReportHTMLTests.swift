import Foundation
import Testing
@testable import Grading

/// `report.html` draws the class summary: a bar per score count, a bar per check's pass rate.
@Suite struct ReportHTMLTests {
    private func summary() -> ClassSummary.Exercise {
        ClassSummary.Exercise(
            id: "ex-<counter>", maxScore: 10, submitted: 4, missing: 1, errors: 0, passed: 2, mean: 6.5, median: 7,
            distribution: [.init(score: 0, students: 1), .init(score: 7, students: 1), .init(score: 10, students: 3)],
            checks: [.init(name: "the counter is 3", hidden: false, passed: 3, submitted: 4, passRate: 0.75),
                     .init(name: "secret", hidden: true, passed: 1, submitted: 4, passRate: 0.25)])
    }

    @Test func distributionHasABarPerScoreScaledToTheLargestCount() {
        let svg = ClassChartsSVG.distribution(summary())
        #expect(svg.components(separatedBy: "<rect class=\"bar\"").count - 1 == 3)
        #expect(svg.contains("height=\"120\""))
        #expect(svg.contains("height=\"40\""))
        #expect(svg.contains("ex-&lt;counter&gt;"))
        #expect(svg.contains("mean 6.50, median 7"))
    }

    @Test func passRatesShowEachChecksShareAndCounts() {
        let svg = ClassChartsSVG.passRates(summary())
        #expect(svg.contains("75% (3/4)") && svg.contains("25% (1/4)"))
        #expect(svg.contains("secret (hidden)"))
        #expect(svg.contains("width=\"225\""))
    }

    @Test func theReportHasTheChartsOfEveryExerciseAndEveryStudent() async throws {
        let results = try await ClassGraderTests.grade(try ClassGraderTests.classFolder())
        let page = ReportHTML.page(results)
        #expect(page.components(separatedBy: "class=\"chart distribution\"").count - 1 == results.summary.exercises.count)
        #expect(page.components(separatedBy: "class=\"student\"").count - 1 == results.students.count)
        #expect(!page.contains("<script"))
    }
}
