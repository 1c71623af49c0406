import Foundation
import Testing
@testable import CourseProgress

@Suite struct QuizRecordTests {
    @Test func anAttemptKeepsItsAnswersUntilFinished() throws {
        let database = TemporaryDatabase()
        let store = try ProgressStore(path: database.path)
        let attempt = try store.startQuizAttempt(lesson: "l14", questionCount: 3, shuffleSeed: UInt64.max - 3, at: monday)
        try store.recordQuizAnswer(attemptID: attempt.id, question: 1, answer: "B", correct: true, at: monday)
        try store.recordQuizAnswer(attemptID: attempt.id, question: 2, answer: "A", correct: false, at: monday)

        // A new process opening the same file sees the unfinished attempt as it was left.
        let reopened = try ProgressStore(path: database.path)
        let unfinished = try #require(try reopened.unfinishedQuizAttempt(lesson: "l14"))
        #expect(unfinished.id == attempt.id)
        #expect(unfinished.shuffleSeed == UInt64.max - 3)
        #expect(unfinished.answers.map(\.question) == [1, 2])
        #expect(unfinished.answers.map(\.correct) == [true, false])

        try reopened.recordQuizAnswer(attemptID: attempt.id, question: 3, answer: "SET k v", correct: true, at: monday)
        try reopened.finishQuizAttempt(attemptID: attempt.id, score: 2, at: monday)
        #expect(try reopened.unfinishedQuizAttempt(lesson: "l14") == nil)
        #expect(try reopened.quizAttempts(lesson: "l14").map(\.score) == [2])
    }

    @Test func answeringAQuestionTwiceInOneAttemptIsRefused() throws {
        let store = try ProgressStore(path: TemporaryDatabase().path)
        let attempt = try store.startQuizAttempt(lesson: "l14", questionCount: 3, shuffleSeed: nil, at: monday)
        try store.recordQuizAnswer(attemptID: attempt.id, question: 1, answer: "B", correct: true, at: monday)
        #expect(throws: ProgressStoreError.self) {
            try store.recordQuizAnswer(attemptID: attempt.id, question: 1, answer: "C", correct: false, at: monday)
        }
        #expect(try store.unfinishedQuizAttempt(lesson: "l14")?.answers.map(\.answer) == ["B"])
    }

    @Test func anAbandonedAttemptIsNotResumed() throws {
        let store = try ProgressStore(path: TemporaryDatabase().path)
        let attempt = try store.startQuizAttempt(lesson: "l14", questionCount: 3, shuffleSeed: nil, at: monday)
        try store.abandonQuizAttempt(attemptID: attempt.id, at: monday)
        #expect(try store.unfinishedQuizAttempt(lesson: "l14") == nil)
    }

    @Test func aMissedQuestionEntersTheFirstBoxDueTheNextDay() throws {
        let store = try ProgressStore(path: TemporaryDatabase().path)
        let attempt = try store.startQuizAttempt(lesson: "l14", questionCount: 3, shuffleSeed: nil, at: monday)
        try store.recordQuizAnswer(attemptID: attempt.id, question: 2, answer: "A", correct: false, at: monday)
        try store.recordQuizAnswer(attemptID: attempt.id, question: 1, answer: "B", correct: true, at: monday)
        #expect(try store.reviewCards(dueBy: monday).isEmpty)
        let cards = try store.reviewCards(dueBy: monday.addingTimeInterval(day))
        #expect(cards.map(\.question) == [2])
        #expect(cards.first?.box == 1)
    }
}
