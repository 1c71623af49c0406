import Foundation
import LessonKit
import Quizzes

/// Grades a quiz handed in from the page with the terminal's grader, and records the attempt in
/// the progress database as `redislings quiz` does.
enum QuizEndpoint {
    struct Submission: Decodable {
        var answers: [String: String]
    }

    struct Failure: Encodable {
        var error: String
    }

    struct Graded: Encodable {
        struct Question: Encodable {
            var question: Int
            var correct: Bool
            var rightAnswer: String
            /// The explanation as HTML (escaped by the renderer), for the page to show as written.
            var explanation: String
            var reason: String
        }
        var questions: [Question]
        var score: Int
        var total: Int
        var recorded: Bool
    }

    static func grade(_ submission: Submission, quiz: Quiz, lesson: Lesson, configuration: WebAppConfiguration) async -> Graded {
        // Answers that are commands are judged on a scratch simulator, as `redislings quiz` does.
        let backend = configuration.makeQuizBackend()
        let grader = AnswerGrader(judge: CommandAnswerJudge(backend: backend))
        defer { Task { await backend.close() } }
        var questions: [Graded.Question] = []
        var given: [(Int, String, Bool)] = []
        for question in quiz.questions {
            let answer = submission.answers[String(question.number)] ?? ""
            let presented = PresentedQuestion(question, shuffleSeed: nil)
            switch await grader.grade(answer, to: presented) {
            case .success(let feedback):
                questions.append(.init(
                    question: question.number, correct: feedback.isCorrect, rightAnswer: feedback.rightAnswer,
                    explanation: HTMLRenderer().renderInline(markdown: feedback.explanation), reason: feedback.reason))
                given.append((question.number, feedback.storedAnswer, feedback.isCorrect))
            case .failure(let error):
                questions.append(.init(
                    question: question.number, correct: false, rightAnswer: presented.shownAnswer,
                    explanation: HTMLRenderer().renderInline(markdown: question.explanation), reason: answer.isEmpty ? "No answer." : "\(error)"))
                given.append((question.number, answer, false))
            }
        }
        let score = questions.filter(\.correct).count
        var recorded = false
        if let store = try? configuration.openProgress() {
            let now = Date()
            if let attempt = try? store.startQuizAttempt(lesson: lesson.progressKey, questionCount: quiz.questions.count, shuffleSeed: nil, at: now) {
                for (number, answer, correct) in given {
                    try? store.recordQuizAnswer(attemptID: attempt.id, question: number, answer: answer, correct: correct, at: now)
                }
                recorded = (try? store.finishQuizAttempt(attemptID: attempt.id, score: score, at: now)) != nil
            }
        }
        return Graded(questions: questions, score: score, total: quiz.questions.count, recorded: recorded)
    }
}
