/// Every lesson of a course folder, in reading order, and the problems met loading them.
public struct LessonCatalog: Sendable {
    /// The folder the lessons were read from, as given.
    public let directory: String
    /// The lessons in reading order: by number, but never before one of their prerequisites.
    public let lessons: [Lesson]
    /// Problems met while loading: unparsable files, duplicate slugs, prerequisite cycles, and
    /// the non-fatal problems inside loaded lessons. `check()` adds links and prerequisites.
    public let problems: [LessonProblem]
    let index: LessonIndex

    /// Builds a catalog from parse results: drops lessons whose slug is taken, orders the rest.
    public init(directory: String, results: [LessonParser.Result]) {
        self.directory = directory
        var problems: [LessonProblem] = []
        var bySlug: [String: Lesson] = [:]
        var loaded: [Lesson] = []
        for result in results {
            problems += result.problems
            guard let lesson = result.lesson else { continue }
            let key = lesson.slug.lowercased()
            if let first = bySlug[key] {
                problems.append(LessonProblem(
                    .duplicateSlug, file: lesson.file, line: lesson.metadata.fieldLines["slug"] ?? 1,
                    message: "the slug `\(lesson.slug)` is already used by \(first.file)",
                    fix: "give this lesson a slug of its own", isFatal: true))
                continue
            }
            bySlug[key] = lesson
            loaded.append(lesson)
        }
        let ordering = LessonCatalog.order(loaded)
        self.lessons = ordering.lessons
        self.problems = problems + ordering.problems
        self.index = LessonIndex(ordering.lessons)
    }

    /// The lesson whose slug, number (`14`, `014`) or canonical id is `query`, ignoring case.
    public func lesson(matching query: String) -> Lesson? { index.position(of: query).map { lessons[$0] } }

    /// The lesson a prerequisite names: by slug, then number, then canonical id.
    public func prerequisite(named name: String) -> Lesson? { lesson(matching: name) }

    /// Each prerequisite of `lesson` with the lesson it names, or nil when it is missing.
    public func prerequisites(of lesson: Lesson) -> [(name: String, lesson: Lesson?)] {
        lesson.metadata.prerequisites.map { ($0, prerequisite(named: $0)) }
    }
}
