import LessonKit

/// One attempt at a lesson's quiz: the questions as shown, the answers so far, and the score.
/// It does not save anything; the caller saves each feedback as it comes.
public struct QuizSession: Sendable {
    /// The lesson whose quiz this is.
    public let lesson: Lesson
    /// The seed options are shuffled with, or nil when they are shown in lesson order.
    public let shuffleSeed: UInt64?
    /// Every question, as shown, in lesson order.
    public let questions: [PresentedQuestion]
    /// The answers given, by question number.
    public private(set) var answers: [Int: GivenAnswer]
    /// Grades the answers (a command answer runs on its judge's backend).
    public let grader: AnswerGrader

    /// A session on `lesson`'s quiz, continuing from `given` (answers saved earlier).
    public init(lesson: Lesson, shuffleSeed: UInt64?, given: [GivenAnswer] = [], grader: AnswerGrader) {
        self.lesson = lesson
        self.shuffleSeed = shuffleSeed
        self.grader = grader
        questions = (lesson.quiz?.questions ?? []).map { PresentedQuestion($0, shuffleSeed: shuffleSeed) }
        let numbers = Set(questions.map(\.question.number))
        answers = Dictionary(given.filter { numbers.contains($0.question) }.map { ($0.question, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The questions not answered yet, in order.
    public var remaining: [PresentedQuestion] { questions.filter { answers[$0.question.number] == nil } }

    /// The next question to ask, or nil when all are answered.
    public var next: PresentedQuestion? { remaining.first }

    /// Whether every question is answered.
    public var isFinished: Bool { remaining.isEmpty }

    /// Right answers so far.
    public var score: Int { answers.values.filter(\.isCorrect).count }

    /// The number of questions (one point each).
    public var maxScore: Int { questions.count }

    /// The questions answered wrongly, in order.
    public var missed: [PresentedQuestion] {
        questions.filter { answers[$0.question.number].map { !$0.isCorrect } ?? false }
    }

    /// The 1-based position of `presented` in the quiz.
    public func position(of presented: PresentedQuestion) -> Int {
        (questions.firstIndex(of: presented) ?? 0) + 1
    }

    /// Grades `input` as the answer to the next question and records it in the session.
    public mutating func answer(_ input: String) async -> Result<QuizFeedback, ChoiceInputError> {
        guard let question = next else { return .failure(ChoiceInputError("every question is already answered")) }
        let result = await grader.grade(input, to: question)
        if case .success(let feedback) = result {
            answers[feedback.question] = GivenAnswer(question: feedback.question, answer: feedback.storedAnswer, isCorrect: feedback.isCorrect)
        }
        return result
    }
}
