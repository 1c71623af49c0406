import LessonKit
import Testing
@testable import Quizzes

@Suite struct ShufflingTests {
    let question = SampleLesson.lesson().quiz!.questions[1]

    @Test func withoutASeedTheOptionsKeepTheLessonsOrder() async {
        let presented = PresentedQuestion(question, shuffleSeed: nil)
        #expect(presented.order == [0, 1, 2, 3, 4])
        #expect(presented.shownAnswer == "A, C")
    }

    @Test func theSameSeedGivesTheSameOrderAndSeedsDiffer() async {
        let orders = (1...20).map { PresentedQuestion(question, shuffleSeed: UInt64($0)).order }
        #expect(orders == (1...20).map { PresentedQuestion(question, shuffleSeed: UInt64($0)).order })
        #expect(Set(orders.map { $0.description }).count > 5)
        for order in orders { #expect(order.sorted() == [0, 1, 2, 3, 4]) }
    }

    @Test func shownLettersMapBackToTheLessonsLetters() async throws {
        for seed in UInt64(1)...30 {
            let presented = PresentedQuestion(question, shuffleSeed: seed)
            for (index, option) in presented.shownOptions.enumerated() {
                let lessonLetter = try #require(presented.lessonLetter(forShown: option.letter))
                #expect(question.options.first { $0.letter == lessonLetter }?.text == option.text)
                #expect(presented.shownLetter(forLesson: lessonLetter) == PresentedQuestion.letter(index))
            }
        }
    }

    @Test func aShuffledAnswerIsGradedAndFedBackInTheShownLetters() async throws {
        // Find a seed that moves the right options, so the test cannot pass by accident.
        let seed = try #require((UInt64(1)...100).first { PresentedQuestion(question, shuffleSeed: $0).shownAnswer != "A, C" })
        let presented = PresentedQuestion(question, shuffleSeed: seed)
        let shownRight = presented.shownAnswer
        let feedback = try await AnswerGrader.simulated.grade(shownRight, to: presented).get()
        #expect(feedback.isCorrect)
        #expect(feedback.storedAnswer == "A, C")
        #expect(feedback.rightAnswer == shownRight)
        let wrong = try await AnswerGrader.simulated.grade("A, C", to: presented).get()
        #expect(!wrong.isCorrect)
        #expect(wrong.rightAnswer == shownRight)
    }
}
