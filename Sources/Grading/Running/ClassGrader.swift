import Foundation

/// Grades every student of a class on a list of exercises: reads and checks each submission,
/// runs them in parallel, applies lateness, and lists what is missing.
public struct ClassGrader: Sendable {
    /// The exercises of this run, in the order reports show them.
    public var exercises: [GradedExercise]
    public var latePolicy: LatePolicy
    public var scheduler: GradingScheduler
    public var maximumSubmissionBytes: Int
    /// Refuses a submission before it runs (a live Redis needs none: each run's ACL user confines it).
    public var screen: (@Sendable (SubmissionText) -> String?)?

    public init(
        exercises: [GradedExercise], latePolicy: LatePolicy = .none, scheduler: GradingScheduler,
        maximumSubmissionBytes: Int = SubmissionText.defaultMaximumBytes, screen: (@Sendable (SubmissionText) -> String?)? = nil
    ) {
        self.screen = screen
        self.exercises = exercises
        self.latePolicy = latePolicy
        self.scheduler = scheduler
        self.maximumSubmissionBytes = maximumSubmissionBytes
    }

    /// Grades `inventory` with `grader`; `progress` hears (done, total) as submissions finish.
    public func grade(
        _ inventory: SubmissionInventory, with grader: any SubmissionGrading, now: Date = Date(),
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async -> ClassResults {
        var cells: [[ExerciseGrade?]] = Array(repeating: Array(repeating: nil, count: exercises.count), count: inventory.students.count)
        var jobs: [GradingJob] = []
        var jobCells: [(student: Int, exercise: Int, file: SubmissionFile)] = []
        for (studentIndex, student) in inventory.students.enumerated() {
            for (exerciseIndex, exercise) in exercises.enumerated() {
                guard let file = inventory.file(student: student, exerciseID: exercise.id) else {
                    let outcome = SubmissionOutcome.failure(exercise, status: .missing, reason: "no submission (\(exercise.id).\(exercise.answerKind.fileExtension))")
                    cells[studentIndex][exerciseIndex] = grade(outcome, student: student, exercise: exercise, file: nil)
                    continue
                }
                switch prepare(file, for: exercise) {
                case .failure(let refusal):
                    cells[studentIndex][exerciseIndex] = grade(
                        .failure(exercise, reason: refusal.message), student: student, exercise: exercise, file: file)
                case .success(let text):
                    jobs.append(GradingJob(index: jobs.count, exercise: exercise, submission: text))
                    jobCells.append((studentIndex, exerciseIndex, file))
                }
            }
        }
        let outcomes = await scheduler.run(jobs, grader: grader, progress: progress)
        for (index, cell) in jobCells.enumerated() {
            let exercise = exercises[cell.exercise]
            let outcome = outcomes[index] ?? .failure(exercise, reason: "the grader did not report on this submission")
            cells[cell.student][cell.exercise] = grade(outcome, student: inventory.students[cell.student], exercise: exercise, file: cell.file)
        }
        let students = inventory.students.enumerated().map { index, name in
            StudentResult(student: name, exercises: cells[index].compactMap { $0 })
        }
        return ClassResults(
            gradedAt: now, deadline: latePolicy.deadline, latePenaltyPercentPerDay: latePolicy.percentPerDay,
            exercises: exercises.map { .init(id: $0.id, title: $0.title, maxScore: Double($0.points)) },
            students: students, problems: inventory.problems)
    }

    /// The submission's text, or why it cannot be run (wrong kind, not text, too large).
    private func prepare(_ file: SubmissionFile, for exercise: GradedExercise) -> Result<SubmissionText, SubmissionRefusal> {
        guard file.kind == exercise.answerKind else {
            return .failure(SubmissionRefusal(
                "\(file.relativePath) is a .\(file.kind.fileExtension) file, but \(exercise.id) is answered in a .\(exercise.answerKind.fileExtension) file"))
        }
        let read = SubmissionText.read(file, maximumBytes: maximumSubmissionBytes)
        if case .success(let text) = read, let refusal = screen?(text) {
            return .failure(SubmissionRefusal("\(file.relativePath): \(refusal)"))
        }
        return read
    }

    /// The gradebook cell for `outcome`, lateness applied (a penalty only ever lowers points earned).
    private func grade(_ outcome: SubmissionOutcome, student: String, exercise: GradedExercise, file: SubmissionFile?) -> ExerciseGrade {
        let daysLate = file == nil ? 0 : latePolicy.daysLate(submittedAt: file?.modified)
        let penalty = latePolicy.penaltyPercent(daysLate: daysLate)
        return ExerciseGrade(
            student: student, exercise: exercise.id, status: outcome.status,
            score: latePolicy.apply(to: outcome.score, daysLate: daysLate), maxScore: Double(exercise.points),
            rawScore: outcome.score, daysLate: daysLate, latePenaltyPercent: penalty, submittedAt: file?.modified,
            file: file?.relativePath, error: outcome.error, checks: outcome.checks)
    }
}
