import Exercises
import Foundation

/// What running one submission produced, before lateness is applied: the exercise runner's own
/// result (`Exercises.ExerciseResult`, the one result model) with the points as this run counts
/// them, as `CheckOutcome` is for one check.
public struct SubmissionOutcome: Sendable, Equatable {
    /// The runner's result, at the runner's whole points. Positions in the exercise's own file
    /// are taken out of its messages (students see positions in their file only; the line is
    /// `exerciseLine`). For a submission it did not run, grading makes one (`failure`).
    public private(set) var verdict: ExerciseResult
    /// Nothing was handed in, so nothing ran: the runner's statuses have no word for it.
    public let isMissing: Bool
    /// The points as counted: scaled to what the exercise is worth in this run, and zero when
    /// the submission could not be graded.
    public private(set) var score: Double
    /// The points available, scaled as `score` is.
    public private(set) var maxScore: Double
    /// Each check's points as counted, in the order of `verdict.checks`.
    private var checkPoints: [CountedPoints]
    /// The line of the exercise's own file where the run stopped, when it stopped in one of the
    /// exercise's steps: a position in the course, never one in the student's file.
    public let exerciseLine: Int?

    private struct CountedPoints: Sendable, Equatable {
        var points: Double
        var maxPoints: Double
    }

    /// The runner's result, counted at its own points. A position in the exercise's own file is
    /// taken out of the messages and kept apart.
    public init(_ result: ExerciseResult) {
        var verdict = result
        let (error, line) = Self.splitExerciseLine(result.error)
        verdict.error = error
        verdict.checks = result.checks.map { check in
            var check = check
            check.message = Self.splitExerciseLine(check.message).0 ?? ""
            return check
        }
        self.verdict = verdict
        isMissing = false
        score = Double(result.score)
        maxScore = Double(result.maxScore)
        checkPoints = result.checks.map { CountedPoints(points: Double($0.points), maxPoints: Double($0.maxPoints)) }
        exerciseLine = line
    }

    /// An outcome made by grading itself (a submission that was not run, a test's grader, a
    /// result read back from the grading queue).
    public init(
        exercise: String, status: GradeStatus, score: Double, maxScore: Double, error: String?,
        learnerError: LearnerError? = nil, checks: [CheckOutcome], exerciseLine: Int? = nil
    ) {
        verdict = ExerciseResult(
            exercise: exercise, status: status.runStatus, score: score.wholePoints, maxScore: maxScore.wholePoints, error: error,
            learnerError: learnerError, checks: checks.map(\.verdict))
        isMissing = status == .missing
        self.score = score
        self.maxScore = maxScore
        checkPoints = checks.map { CountedPoints(points: $0.points, maxPoints: $0.maxPoints) }
        self.exerciseLine = exerciseLine
    }

    /// Passed, failed or error as the runner judged, or missing.
    public var status: GradeStatus { isMissing ? .missing : GradeStatus(verdict.status) }

    /// What to tell first: why the submission could not be graded normally (a refused command, a
    /// budget spent, not text), else the student's own first error (a typo, a script that does
    /// not compile), which a run that went through still reports so that everyone sees why a
    /// check failed.
    public var error: String? { verdict.problemText }

    /// Each check: the runner's verdict with its points as counted.
    public var checks: [CheckOutcome] {
        zip(verdict.checks, checkPoints).map { CheckOutcome($0, points: $1.points, maxPoints: $1.maxPoints) }
    }

    /// A submission that was not run: every check gets zero, with `reason` as the error.
    public static func failure(_ exercise: GradedExercise, status: GradeStatus = .error, reason: String) -> SubmissionOutcome {
        let checks = exercise.checks.map {
            CheckOutcome(
                name: $0.name, status: status == .missing ? .failed : .error, message: reason, points: 0,
                maxPoints: Double($0.points), hidden: $0.hidden)
        }
        return SubmissionOutcome(
            exercise: exercise.id, status: status, score: 0, maxScore: Double(exercise.points), error: reason, checks: checks)
    }

    /// The outcome as the reports count it: an answer that could not be graded gets zero on
    /// every check (the summary and the feedback say so, so the score must agree), and the
    /// points are scaled to what the exercise is worth in this run.
    func counted(scale: Double) -> SubmissionOutcome {
        var copy = self
        let zeroed = status == .error || status == .missing
        copy.checkPoints = checkPoints.map {
            CountedPoints(points: zeroed ? 0 : Self.hundredths($0.points * scale), maxPoints: Self.hundredths($0.maxPoints * scale))
        }
        copy.score = zeroed ? 0 : Self.hundredths(score * scale)
        copy.maxScore = Self.hundredths(maxScore * scale)
        return copy
    }

    private static func hundredths(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    /// `text` without the runner's " (the exercise's step at line N)", and N.
    static func splitExerciseLine(_ text: String?) -> (String?, Int?) {
        guard let text, let range = text.range(of: #" \(the exercise's step at line (\d+)\)"#, options: .regularExpression) else { return (text, nil) }
        let line = Int(text[range].filter(\.isNumber))
        return (text.replacingCharacters(in: range, with: ""), line)
    }
}
