import RESP

/// What `dev check` proves of an exercise beyond its solution: wrong answers earn no more than
/// they may. Every exercise gets the same three (an empty answer, the setup alone, a constant),
/// worth nothing, plus the anti-patterns its file lists under `wrong`.
public enum WrongAnswerProof {
    /// How many anti-patterns every exercise must list.
    public static let minimumListed = 2

    /// The wrong answers run for `exercise`: the built-in ones, then its own list.
    public static func answers(for exercise: Exercise) -> [WrongAnswer] {
        let line = exercise.checks.first?.line ?? 1
        var answers = [WrongAnswer(name: "an empty answer", atMost: 0, answer: "", line: line)]
        switch exercise.answer {
        case .redis:
            let setup = exercise.setup.compactMap { step -> String? in
                if case .command = step.action { return step.text } else { return nil }
            }
            answers.append(WrongAnswer(name: "the setup alone, run again", atMost: 0, answer: setup.joined(separator: "\n"), line: line))
            answers.append(WrongAnswer(name: "a script that only returns a constant", atMost: 0, answer: "EVAL \"return 1\" 0", line: line))
        case .lua:
            answers.append(WrongAnswer(name: "a script that only returns 0", atMost: 0, answer: "return 0", line: line))
            answers.append(WrongAnswer(name: "a script that only returns 1", atMost: 0, answer: "return 1", line: line))
        }
        return answers + exercise.wrongAnswers
    }

    /// The problems found running every wrong answer of `exercise` on `backend`.
    public static func prove(_ exercise: Exercise, on backend: any RedisBackend, limits: ExerciseLimits = .learner) async -> [ExerciseProblem] {
        var problems: [ExerciseProblem] = []
        if exercise.wrongAnswers.count < minimumListed {
            problems.append(ExerciseProblem(
                file: exercise.file, line: 2, message: "the exercise lists \(exercise.wrongAnswers.count) wrong answer\(exercise.wrongAnswers.count == 1 ? "" : "s") under `wrong`",
                fix: "list at least \(minimumListed) anti-patterns a learner is likely to try, each with `name`, `at_most` and `answer`"))
        }
        let on = backend.makesFreshInstances ? "" : " on \(backend.label)"
        let runner = ExerciseRunner(backend: backend)
        for wrong in answers(for: exercise) {
            let submission: ExerciseSubmission = exercise.answer == .lua ? .lua(wrong.answer) : .redis(wrong.answer)
            let result = await runner.run(exercise, submission: submission, limits: limits)
            guard result.score > wrong.atMost else { continue }
            let paid = result.checks.filter { $0.points > 0 }.map { "`\($0.name)` (\($0.points))" }.joined(separator: ", ")
            problems.append(ExerciseProblem(
                file: exercise.file, line: wrong.line,
                message: "the wrong answer “\(wrong.name)” earns \(result.score)/\(result.maxScore)\(on), more than its \(wrong.atMost): paid by \(paid)",
                fix: "make those checks judge the behaviour the answer gets wrong (tie a `replied` to its `command`, add a negative control, or `requires` a check it fails)"))
        }
        return problems
    }
}
