/// How the class did, exercise by exercise: the spread of scores, and how many passed each
/// check — so an instructor sees which idea the class missed.
public struct ClassSummary: Sendable, Hashable, Codable {
    /// One exercise across the class.
    public struct Exercise: Sendable, Hashable, Codable {
        public var id: String
        public var maxScore: Double
        /// Students who handed something in (graded or not).
        public var submitted: Int
        public var missing: Int
        /// Answers that could not be graded (zero points).
        public var errors: Int
        /// Every check passed.
        public var passed: Int
        /// The mean and median score over the class (a missing answer counts as 0).
        public var mean: Double
        public var median: Double
        /// How many students got each score, lowest score first.
        public var distribution: [ScoreCount]
        public var checks: [Check]

        enum CodingKeys: String, CodingKey {
            case id, submitted, missing, errors, passed, mean, median, distribution, checks
            case maxScore = "max_score"
        }
    }

    /// How many students got one score.
    public struct ScoreCount: Sendable, Hashable, Codable {
        public var score: Double
        public var students: Int
    }

    /// One check across the answers handed in.
    public struct Check: Sendable, Hashable, Codable {
        public var name: String
        public var hidden: Bool
        /// Answers that passed it, out of those handed in.
        public var passed: Int
        public var submitted: Int
        /// `passed / submitted`, 0 when nobody handed anything in.
        public var passRate: Double

        enum CodingKeys: String, CodingKey {
            case name, hidden, passed, submitted
            case passRate = "pass_rate"
        }
    }

    public var exercises: [Exercise]

    /// The summary of `students` on `exercises`.
    public init(exercises: [ClassResults.ExerciseSummary], students: [StudentResult]) {
        self.exercises = exercises.map { exercise in
            let grades = students.compactMap { $0.grade(for: exercise.id) }
            let handedIn = grades.filter { $0.status != .missing }
            let scores = grades.map(\.score).sorted()
            var counts: [Double: Int] = [:]
            for score in scores { counts[score, default: 0] += 1 }
            let median: Double
            if scores.isEmpty {
                median = 0
            } else if scores.count % 2 == 1 {
                median = scores[scores.count / 2]
            } else {
                median = (scores[scores.count / 2 - 1] + scores[scores.count / 2]) / 2
            }
            var checks: [Check] = []
            for (index, first) in (handedIn.first?.checks ?? []).enumerated() {
                let passed = handedIn.filter { index < $0.checks.count && $0.checks[index].status == .passed && $0.status != .error }.count
                checks.append(Check(
                    name: first.name, hidden: first.hidden, passed: passed, submitted: handedIn.count,
                    passRate: Self.hundredths(Double(passed) / Double(max(1, handedIn.count)))))
            }
            return Exercise(
                id: exercise.id, maxScore: exercise.maxScore, submitted: handedIn.count, missing: grades.count - handedIn.count,
                errors: handedIn.filter { $0.status == .error }.count, passed: handedIn.filter { $0.status == .passed }.count,
                mean: Self.hundredths(scores.reduce(0, +) / Double(max(1, scores.count))), median: Self.hundredths(median),
                distribution: counts.keys.sorted().map { ScoreCount(score: $0, students: counts[$0]!) }, checks: checks)
        }
    }

    private static func hundredths(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
