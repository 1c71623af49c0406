import CourseProgress

/// Where the learner stands on each exercise, read from the progress database, for
/// `exercise list`: passed, tried, or not tried yet, with the best score.
struct ExerciseStanding {
    /// How far the learner got with one exercise.
    enum Status: String, Encodable {
        case passed, attempted, new
    }

    private var best: [String: (score: Int, passed: Bool)] = [:]

    /// The standing recorded in the learner's database; a missing or unusable database shows
    /// every exercise as new (listing must work whatever state the record is in).
    static func load() -> ExerciseStanding {
        var standing = ExerciseStanding()
        guard let results = try? LearnerRecord.open().exerciseResults() else { return standing }
        for result in results {
            let previous = standing.best[result.exerciseID]
            standing.best[result.exerciseID] = (
                max(previous?.score ?? 0, result.score), (previous?.passed ?? false) || result.passed)
        }
        return standing
    }

    /// The exercise's status.
    func status(of exerciseID: String) -> Status {
        guard let record = best[exerciseID] else { return .new }
        return record.passed ? .passed : .attempted
    }

    /// The best score recorded, if the exercise was ever checked.
    func bestScore(of exerciseID: String) -> Int? { best[exerciseID]?.score }

    /// A two-character mark for the list: ✓ passed, ~ tried, blank otherwise.
    func mark(of exerciseID: String) -> String {
        switch status(of: exerciseID) {
        case .passed: return "✓"
        case .attempted: return "~"
        case .new: return " "
        }
    }
}
