import Exercises
import Foundation
import Testing
@testable import Grading

/// A student's own first error (a typo, a script that does not compile) reaches every report,
/// even when the run itself went through and the status is only "failed".
@Suite struct LearnerErrorReportTests {
    @Test func theStudentsFirstErrorReachesResultsJUnitAndFeedback() throws {
        let mistake = LearnerError(line: 5, command: LearnerError.scriptCommand,
                                   reply: "ERR Error compiling script (new function): user_script:5: ')' expected near 'return'")
        let result = ExerciseResult(
            exercise: "counter", status: .failed, score: 0, maxScore: 10, learnerError: mistake,
            checks: [CheckResult(name: "counter is 3", status: .failed, message: "counter is not 3", points: 0, maxPoints: 10, hidden: false)])
        let outcome = SubmissionOutcome(result)
        let error = try #require(outcome.error)
        #expect(error.hasPrefix("line 5: your script got (error) ERR Error compiling script"))
        let grade = ExerciseGrade(
            student: "ann", exercise: "counter", status: outcome.status, score: 0, maxScore: 10, rawScore: 0,
            file: "ann/counter.lua", error: outcome.error, checks: outcome.checks)
        let results = ClassResults(
            gradedAt: Date(timeIntervalSince1970: 0), deadline: nil, latePenaltyPercentPerDay: 0,
            exercises: [.init(id: "counter", title: "Count", maxScore: 10)],
            students: [StudentResult(student: "ann", exercises: [grade])], problems: [])
        let json = String(decoding: try ResultsJSON.encode(results), as: UTF8.self)
        #expect(json.contains("user_script:5"))
        let xml = JUnitXML.render(results)
        #expect(xml.contains("<system-err>the student&apos;s code met an error: line 5: your script got (error) ERR Error compiling script"))
        let feedback = FeedbackMarkdown.render(try #require(results.students.first), results: results, exercises: [])
        #expect(feedback.contains("Your code met an error: line 5: your script got (error) ERR Error compiling script"))
        #expect(feedback.contains("expected near 'return'.\n"), "the sentence ends with one period: \(feedback)")
    }

    /// A Redis error that ends with a period is not given a second one ("…automatically..").
    @Test func anErrorEndingWithAPeriodEndsTheSentenceOnce() throws {
        let mistake = LearnerError(line: 1, command: "XGROUP CREATE orders g $",
                                   reply: "ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.")
        let grade = ExerciseGrade(
            student: "ann", exercise: "stream", status: .failed, score: 0, maxScore: 5, rawScore: 0,
            file: "ann/stream.redis", error: SubmissionOutcome(ExerciseResult(
                exercise: "stream", status: .failed, score: 0, maxScore: 5, learnerError: mistake, checks: [])).error, checks: [])
        let results = ClassResults(
            gradedAt: Date(timeIntervalSince1970: 0), deadline: nil, latePenaltyPercentPerDay: 0,
            exercises: [.init(id: "stream", title: "Orders", maxScore: 5)],
            students: [StudentResult(student: "ann", exercises: [grade])], problems: [])
        let feedback = FeedbackMarkdown.render(try #require(results.students.first), results: results, exercises: [])
        #expect(feedback.contains("an empty stream automatically.\n"), "\(feedback)")
        #expect(!feedback.contains(".."), "\(feedback)")
        // One student on one exercise is counted in the singular in report.html.
        #expect(ReportHTML.page(results).contains(" · 1 student · 1 exercise</p>"))
    }
}
