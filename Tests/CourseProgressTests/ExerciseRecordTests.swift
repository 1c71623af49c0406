import Foundation
import Testing
@testable import CourseProgress

@Suite struct ExerciseRecordTests {
    @Test func resultsHintsAndTheProgressReport() throws {
        let store = try ProgressStore(path: TemporaryDatabase().path)
        try store.recordExerciseResult(exerciseID: "pubsub-01", lesson: "l14", score: 2, maxScore: 5, passed: false, at: monday)
        try store.recordExerciseResult(exerciseID: "pubsub-01", lesson: "l14", score: 5, maxScore: 5, passed: true, at: monday.addingTimeInterval(60))
        try store.recordExerciseResult(exerciseID: "pubsub-02", lesson: "l14", score: 1, maxScore: 5, passed: false, at: monday)
        try store.recordHintUsed(exerciseID: "pubsub-02", tier: 2, at: monday)
        try store.recordHintUsed(exerciseID: "pubsub-02", tier: 1, at: monday)
        try store.recordHintUsed(exerciseID: "pubsub-02", tier: 2, at: monday)
        try store.recordLessonRead(lesson: "l14", at: monday)
        try store.recordTimeSpent(lesson: "l14", activity: "exercise", seconds: 90, endingAt: monday)
        try store.recordTimeSpent(lesson: "l14", activity: "quiz", seconds: 30, endingAt: monday)

        #expect(try store.hintsUsed(exerciseID: "pubsub-02") == [1, 2])
        #expect(try store.exerciseResults(exerciseID: "pubsub-01").map(\.score) == [2, 5])
        #expect(try store.exerciseResults(lesson: "l14").count == 3)

        let counted = try store.progress(of: [LessonOutline(key: "l14", quizQuestions: 21, exerciseTotal: nil)], at: monday)
        #expect(counted.first?.exercisesPassed == 1)
        #expect(counted.first?.exercisesTotal == 2)
        #expect(counted.first?.hintsUsed == 3)
        #expect(counted.first?.secondsSpent == 120)
        #expect(counted.first?.lastRead == monday)
        let fromCatalog = try store.progress(of: [LessonOutline(key: "l14", quizQuestions: 21, exerciseTotal: 6)], at: monday)
        #expect(fromCatalog.first?.exercisesTotal == 6)
    }

    @Test func resettingALessonOrAnExerciseLeavesTheRest() throws {
        let store = try ProgressStore(path: TemporaryDatabase().path)
        for lesson in ["l03", "l14"] {
            try store.recordLessonRead(lesson: lesson, at: monday)
            let attempt = try store.startQuizAttempt(lesson: lesson, questionCount: 2, shuffleSeed: nil, at: monday)
            try store.recordQuizAnswer(attemptID: attempt.id, question: 1, answer: "A", correct: false, at: monday)
            try store.recordExerciseResult(exerciseID: "\(lesson)-ex", lesson: lesson, score: 1, maxScore: 1, passed: true, at: monday)
            try store.recordHintUsed(exerciseID: "\(lesson)-ex", tier: 1, at: monday)
        }
        #expect(try store.resetLesson("l14") == 4)  // attempt, answer, card, read (time: none)
        #expect(try store.quizAttempts().map(\.lesson) == ["l03"])
        #expect(try store.reviewCards().map(\.lesson) == ["l03"])
        #expect(try store.lessonsRead().keys.sorted() == ["l03"])
        #expect(try store.exerciseResults().count == 2)

        #expect(try store.knowsExercise("l03-ex"))
        #expect(try store.resetExercise("l03-ex") == 2)
        #expect(try !store.knowsExercise("l03-ex"))
        #expect(try store.exerciseResults().map(\.exerciseID) == ["l14-ex"])

        try store.resetAll()
        #expect(try store.exerciseResults().isEmpty)
        #expect(try store.quizAttempts().isEmpty)
    }
}
