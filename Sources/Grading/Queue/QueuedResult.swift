import Exercises
import Foundation

/// A job's result as a worker writes it into the run's results hash: the outcome, and which
/// worker produced it on which delivery (for the instructor's eyes; grades use only the outcome).
struct QueuedResult: Codable, Sendable {
    var outcome: SubmissionOutcome
    var worker: String
    var deliveries: Int

    init(_ outcome: SubmissionOutcome, worker: String, deliveries: Int) {
        self.outcome = outcome
        self.worker = worker
        self.deliveries = deliveries
    }

    // One flat JSON object: the outcome's fields beside the worker's. The stopping error and the
    // student's own first error are kept apart, as the runner keeps them.
    enum CodingKeys: String, CodingKey {
        case exercise, status, score, error, checks, worker, deliveries
        case maxScore = "max_score"
        case learnerError = "learner_error"
        case exerciseLine = "exercise_line"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        outcome = try SubmissionOutcome(
            exercise: container.decodeIfPresent(String.self, forKey: .exercise) ?? "",
            status: container.decode(GradeStatus.self, forKey: .status), score: container.decode(Double.self, forKey: .score),
            maxScore: container.decode(Double.self, forKey: .maxScore), error: container.decodeIfPresent(String.self, forKey: .error),
            learnerError: container.decodeIfPresent(LearnerError.self, forKey: .learnerError),
            checks: container.decode([CheckOutcome].self, forKey: .checks),
            exerciseLine: container.decodeIfPresent(Int.self, forKey: .exerciseLine))
        worker = try container.decode(String.self, forKey: .worker)
        deliveries = try container.decode(Int.self, forKey: .deliveries)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(outcome.verdict.exercise, forKey: .exercise)
        try container.encode(outcome.status, forKey: .status)
        try container.encode(outcome.score, forKey: .score)
        try container.encode(outcome.maxScore, forKey: .maxScore)
        try container.encodeIfPresent(outcome.verdict.error, forKey: .error)
        try container.encodeIfPresent(outcome.verdict.learnerError, forKey: .learnerError)
        try container.encode(outcome.checks, forKey: .checks)
        try container.encodeIfPresent(outcome.exerciseLine, forKey: .exerciseLine)
        try container.encode(worker, forKey: .worker)
        try container.encode(deliveries, forKey: .deliveries)
    }

    func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every field is a plain value: encoding cannot fail.
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    static func decode(_ text: String) -> QueuedResult? {
        try? JSONDecoder().decode(QueuedResult.self, from: Data(text.utf8))
    }
}
