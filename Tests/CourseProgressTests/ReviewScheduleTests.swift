import Foundation
import Testing
@testable import CourseProgress

@Suite struct ReviewScheduleTests {
    @Test func rightAnswersClimbTheBoxesAndAWrongOneGoesBackToTheFirst() throws {
        let store = try ProgressStore(path: TemporaryDatabase().path)
        let attempt = try store.startQuizAttempt(lesson: "l14", questionCount: 1, shuffleSeed: nil, at: monday)
        try store.recordQuizAnswer(attemptID: attempt.id, question: 5, answer: "A", correct: false, at: monday)
        var now = monday.addingTimeInterval(day)
        var boxes: [Int] = []
        for _ in 0..<6 {
            let card = try store.recordReview(lesson: "l14", question: 5, correct: true, at: now)
            boxes.append(card.box)
            #expect(card.dueAt == LeitnerSchedule.due(inBox: card.box, after: now))
            now = card.dueAt
        }
        #expect(boxes == [2, 3, 4, 5, 5, 5])
        let missed = try store.recordReview(lesson: "l14", question: 5, correct: false, at: now)
        #expect(missed.box == 1)
        #expect(missed.dueAt == now.addingTimeInterval(day))
        #expect(missed.reviews == 7)
        #expect(missed.lapses == 2)
    }

    @Test func dueCardsComeFirstInDueOrder() throws {
        let store = try ProgressStore(path: TemporaryDatabase().path)
        try store.recordReview(lesson: "a", question: 1, correct: true, at: monday)  // box 2, due in 2 days
        try store.recordReview(lesson: "b", question: 1, correct: false, at: monday)  // box 1, due in 1 day
        try store.recordReview(lesson: "c", question: 1, correct: false, at: monday.addingTimeInterval(-day))  // due now
        let cards = try store.reviewCards()
        #expect(cards.map(\.lesson) == ["c", "b", "a"])
        #expect(try store.reviewCards(dueBy: monday).map(\.lesson) == ["c"])
    }
}
