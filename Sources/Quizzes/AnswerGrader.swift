import Foundation
import LessonKit

/// Grades one typed answer to a presented question.
public struct AnswerGrader: Sendable {
    /// The judge for command answers.
    public let judge: CommandAnswerJudge

    /// A grader using `judge` for command answers.
    public init(judge: CommandAnswerJudge) { self.judge = judge }

    /// The feedback for `input`, or why the input is not an answer at all (then nothing is
    /// graded and the question can be asked again).
    public func grade(_ input: String, to presented: PresentedQuestion) async -> Result<QuizFeedback, ChoiceInputError> {
        let question = presented.question
        let typed = input.trimmingCharacters(in: .whitespaces)
        switch question.answer {
        case .command(let expected):
            guard !typed.isEmpty else { return .failure(ChoiceInputError("type a Redis command")) }
            let verdict = await judge.judge(typed, expected: expected)
            return .success(QuizFeedback(
                question: question.number, isCorrect: verdict.isEquivalent, storedAnswer: typed, shownAnswer: typed,
                rightAnswer: expected, explanation: question.explanation, reason: verdict.reason))
        case .choices:
            switch ChoiceInput.parse(typed, optionCount: presented.order.count) {
            case .failure(let error):
                return .failure(error)
            case .success(let shown):
                let lessonLetters = shown.compactMap(presented.lessonLetter(forShown:)).sorted()
                return .success(QuizFeedback(
                    question: question.number, isCorrect: question.isCorrect(choosing: lessonLetters),
                    storedAnswer: lessonLetters.map(String.init).joined(separator: ", "),
                    shownAnswer: shown.map(String.init).joined(separator: ", "),
                    rightAnswer: presented.shownAnswer, explanation: question.explanation,
                    reason: presented.hasSeveralAnswers && !question.isCorrect(choosing: lessonLetters)
                        ? "this question has \(presented.question.answer.letterCount) right answers; choose all of them" : ""))
            }
        }
    }
}

extension QuizAnswer {
    /// How many letters are right (0 for a command).
    var letterCount: Int {
        if case .choices(let letters) = self { return letters.count }
        return 0
    }
}
