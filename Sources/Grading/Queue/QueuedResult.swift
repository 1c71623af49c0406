import Foundation

/// A job's result as a worker writes it into the run's results hash: the outcome, and which
/// worker produced it on which delivery (for the instructor's eyes; grades use only the outcome).
struct QueuedResult: Codable, Sendable {
    var status: GradeStatus
    var score: Double
    var maxScore: Double
    var error: String?
    var checks: [CheckOutcome]
    var worker: String
    var deliveries: Int

    init(_ outcome: SubmissionOutcome, worker: String, deliveries: Int) {
        status = outcome.status
        score = outcome.score
        maxScore = outcome.maxScore
        error = outcome.error
        checks = outcome.checks
        self.worker = worker
        self.deliveries = deliveries
    }

    var outcome: SubmissionOutcome {
        SubmissionOutcome(status: status, score: score, maxScore: maxScore, error: error, checks: checks)
    }

    enum CodingKeys: String, CodingKey {
        case status, score, error, checks, worker, deliveries
        case maxScore = "max_score"
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
