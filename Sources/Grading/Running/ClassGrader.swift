import Foundation

/// Grades every student of a class on a list of exercises: reads and checks each submission,
/// runs them in parallel, applies lateness, and lists what is missing.
public struct ClassGrader: Sendable {
    /// The exercises of this run, in the order reports show them.
    public var exercises: [GradedExercise]
    public var latePolicy: LatePolicy
    public var scheduler: GradingScheduler
    public var maximumSubmissionBytes: Int
    /// The assignment's name, for the reports.
    public var assignment: String?

    public init(
        exercises: [GradedExercise], latePolicy: LatePolicy = .none, scheduler: GradingScheduler,
        maximumSubmissionBytes: Int = SubmissionText.defaultMaximumBytes
    ) {
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
        let plan = self.plan(inventory)
        progress?(0, plan.jobs.count)
        let outcomes = await scheduler.run(plan.jobs.map(\.job), grader: grader, progress: progress)
        return assemble(plan, outcomes: outcomes, now: now)
    }

    /// What grading `inventory` takes: the submissions to run, and the cells decided without
    /// running anything (missing, refused). Local grading and the queue's coordinator share it.
    public func plan(_ inventory: SubmissionInventory) -> ClassPlan {
        var cells: [[ExerciseGrade?]] = Array(repeating: Array(repeating: nil, count: exercises.count), count: inventory.students.count)
        var jobs: [ClassPlan.Job] = []
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
                    jobs.append(ClassPlan.Job(
                        job: GradingJob(index: jobs.count, exercise: exercise, submission: text),
                        student: studentIndex, exercise: exerciseIndex, file: file))
                }
            }
        }
        return ClassPlan(inventory: inventory, cells: cells, jobs: jobs)
    }

    /// The class's results from `plan` and the outcome of each of its jobs, by job index.
    public func assemble(_ plan: ClassPlan, outcomes: [Int: SubmissionOutcome], now: Date) -> ClassResults {
        var cells = plan.cells
        for (index, cell) in plan.jobs.enumerated() {
            let exercise = exercises[cell.exercise]
            let outcome = outcomes[index] ?? .failure(exercise, reason: InfrastructureError.text("the grader did not report on this submission", exercise: exercise.id))
            cells[cell.student][cell.exercise] = grade(outcome, student: plan.inventory.students[cell.student], exercise: exercise, file: cell.file)
        }
        let students = plan.inventory.students.enumerated().map { index, name in
            StudentResult(student: name, exercises: cells[index].compactMap { $0 })
        }
        return ClassResults(
            gradedAt: now, deadline: latePolicy.deadline, latePenaltyPercentPerDay: latePolicy.percentPerDay,
            exercises: exercises.map { .init(id: $0.id, title: $0.title, maxScore: $0.maxScore) },
            students: students, problems: plan.inventory.problems, assignment: assignment)
    }

    /// The submission's text, or why it cannot be run (wrong kind, not text, too large).
    private func prepare(_ file: SubmissionFile, for exercise: GradedExercise) -> Result<SubmissionText, SubmissionRefusal> {
        guard file.kind == exercise.answerKind else {
            return .failure(SubmissionRefusal(
                "\(file.relativePath) is a .\(file.kind.fileExtension) file, but \(exercise.id) is answered in a .\(exercise.answerKind.fileExtension) file"))
        }
        return SubmissionText.read(file, maximumBytes: maximumSubmissionBytes)
    }

    /// The gradebook cell for `outcome`, lateness applied (a penalty only ever lowers points earned).
    private func grade(_ raw: SubmissionOutcome, student: String, exercise: GradedExercise, file: SubmissionFile?) -> ExerciseGrade {
        let outcome = raw.counted(scale: exercise.scale)
        let daysLate = file == nil ? 0 : latePolicy.daysLate(submittedAt: file?.submittedAt)
        let penalty = latePolicy.penaltyPercent(daysLate: daysLate)
        return ExerciseGrade(
            student: student, exercise: exercise.id, status: outcome.status,
            score: latePolicy.apply(to: outcome.score, daysLate: daysLate), maxScore: exercise.maxScore,
            rawScore: outcome.score, daysLate: daysLate, latePenaltyPercent: penalty, submittedAt: file?.submittedAt,
            file: file?.relativePath, error: outcome.error, exerciseLine: outcome.exerciseLine, checks: outcome.checks)
    }
}
