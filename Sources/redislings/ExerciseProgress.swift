import CourseProgress
import Exercises
import Foundation
import LessonKit
import Quizzes

/// Exercise results in the learner's progress database, so `progress` can count what passed.
enum ExerciseProgress {
    /// Records a graded run (a run that stopped with an error counts as not passed); a database
    /// that cannot be written gives a warning, never a failed check.
    static func record(_ result: ExerciseResult, of exercise: Exercise, lessons: LessonCatalog) {
        let key = lessons.lesson(matching: exercise.lesson)?.progressKey ?? exercise.lesson
        LearnerRecord.bestEffort("the exercise's result") { store, now in
            try store.recordExerciseResult(
                exerciseID: exercise.id, lesson: key, score: result.score, maxScore: result.maxScore,
                passed: result.status == .passed, at: now)
        }
    }

    /// How many exercises each lesson has (by progress key), or nil when the exercises cannot be found.
    static func totals(lessons: LessonCatalog, lessonsOption: String?) -> [String: Int]? {
        guard let folder = try? ExerciseOptions.directory(exercises: nil, lessons: lessonsOption) else { return nil }
        let catalog = ExerciseCatalog.load(directory: folder, lessons: lessons)
        var totals: [String: Int] = [:]
        for lesson in lessons.lessons { totals[lesson.progressKey] = catalog.exercises(ofLesson: lesson.slug).count }
        return totals
    }
}
