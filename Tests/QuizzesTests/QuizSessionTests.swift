import Foundation
import Testing
@testable import Quizzes

@Suite struct QuizSessionTests {
    @Test func everyKindOfQuestionIsGraded() async throws {
        var session = QuizSession(lesson: SampleLesson.lesson(), shuffleSeed: nil, grader: .simulated)
        #expect(session.maxScore == 3)
        #expect(try await session.answer("b").get().isCorrect)
        let partial = try await session.answer("A").get()
        #expect(!partial.isCorrect)
        #expect(partial.reason == "this question has 2 right answers; choose all of them")
        #expect(try await session.answer("SET lock:a t1 EX 30 NX").get().isCorrect)
        #expect(session.isFinished)
        #expect(session.score == 2)
        #expect(session.missed.map(\.question.number) == [2])
    }

    @Test func unreadableInputIsNotGradedAndTheQuestionStays() async {
        var session = QuizSession(lesson: SampleLesson.lesson(), shuffleSeed: nil, grader: .simulated)
        #expect((try? await session.answer("Z").get()) == nil)
        #expect(session.answers.isEmpty)
        #expect(session.next?.question.number == 1)
    }

    @Test func aResumedSessionAsksOnlyWhatIsLeft() async {
        let given = [GivenAnswer(question: 1, answer: "B", isCorrect: true), GivenAnswer(question: 2, answer: "A", isCorrect: false)]
        let session = QuizSession(lesson: SampleLesson.lesson(), shuffleSeed: 9, given: given, grader: .simulated)
        #expect(session.remaining.map(\.question.number) == [3])
        #expect(session.score == 1)
        #expect(session.questions == QuizSession(lesson: SampleLesson.lesson(), shuffleSeed: 9, grader: .simulated).questions)
    }

    @Test func resultsUseTheSharedShape() async throws {
        var session = QuizSession(lesson: SampleLesson.lesson(), shuffleSeed: nil, grader: .simulated)
        _ = await session.answer("B")
        _ = await session.answer("AC")
        _ = await session.answer("SET lock:a t1 NX EX 31")
        let data = try JSONEncoder().encode(await QuizResults(session, attemptID: 4))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["status"] as? String == "failed")
        #expect(object["score"] as? Int == 2)
        #expect(object["max_score"] as? Int == 3)
        #expect(object["attempt_id"] as? Int == 4)
        #expect(object["lesson"] as? String == "test-beginner-07")
        #expect(object["missed"] as? [Int] == [3])
        let checks = try #require(object["checks"] as? [[String: Any]])
        #expect(checks.map { $0["name"] as? String } == ["Question 1", "Question 2", "Question 3"])
        #expect(checks.map { $0["status"] as? String } == ["passed", "passed", "failed"])
        #expect(checks.map { $0["points"] as? Int } == [1, 1, 0])
        #expect(checks.map { $0["max_points"] as? Int } == [1, 1, 1])
        #expect((checks[2]["message"] as? String)?.contains("31 s to live") == true)
    }

    @Test func aFinishedSessionAboveSeventyPercentPasses() async {
        var session = QuizSession(lesson: SampleLesson.lesson(), shuffleSeed: nil, grader: .simulated)
        _ = await session.answer("B")
        _ = await session.answer("A, C")
        #expect(await QuizResults(session, attemptID: nil).status == "failed")
        _ = await session.answer("SET lock:a t1 NX EX 30")
        #expect(await QuizResults(session, attemptID: nil).status == "passed")
    }
}
