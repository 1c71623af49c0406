import Testing
@testable import LessonKit

@Suite struct CatalogTests {
    @Test func ordersByNumber() throws {
        let course = try TemporaryCourse([
            "b/15. C.md": lessonText(number: 15, slug: "c"),
            "03. A.md": lessonText(number: 3, slug: "a"),
            "14. B.md": lessonText(number: 14, slug: "b"),
        ])
        #expect(try course.load().lessons.map(\.number) == [3, 14, 15])
    }

    @Test func aPrerequisiteComesFirstEvenWithAHigherNumber() throws {
        let course = try TemporaryCourse([
            "01. A.md": lessonText(number: 1, slug: "a"),
            "02. B.md": lessonText(number: 2, slug: "b", prerequisites: ["d"]),
            "03. C.md": lessonText(number: 3, slug: "c"),
            "04. D.md": lessonText(number: 4, slug: "d", prerequisites: ["a"]),
        ])
        let catalog = try course.load()
        #expect(catalog.lessons.map(\.slug) == ["a", "c", "d", "b"])
        #expect(catalog.problems.isEmpty)
    }

    @Test func prerequisitesMayNameNumbersAndCanonicalIDs() throws {
        let course = try TemporaryCourse([
            "01. A.md": lessonText(number: 1, slug: "a"),
            "02. B.md": lessonText(number: 2, slug: "b", prerequisites: ["1", "test-1"]),
        ])
        let catalog = try course.load()
        let b = try #require(catalog.lesson(matching: "b"))
        #expect(catalog.prerequisites(of: b).map { $0.lesson?.slug } == ["a", "a"])
    }

    @Test func aCycleIsAnErrorNamingItsLessonsAndTheyStillLoad() throws {
        let course = try TemporaryCourse([
            "01. A.md": lessonText(number: 1, slug: "a"),
            "02. B.md": lessonText(number: 2, slug: "b", prerequisites: ["d"]),
            "03. C.md": lessonText(number: 3, slug: "c", prerequisites: ["b"]),
            "04. D.md": lessonText(number: 4, slug: "d", prerequisites: ["c"]),
        ])
        let catalog = try course.load()
        #expect(catalog.lessons.map(\.slug) == ["a", "b", "c", "d"])
        let problem = try #require(catalog.problems.first)
        #expect(catalog.problems.count == 1)
        #expect(problem.kind == .prerequisiteCycle)
        #expect(problem.file == course.path("02. B.md"))
        #expect(problem.line == 7)
        #expect(problem.message == "the prerequisites form a cycle: 02 b → 04 d → 03 c → 02 b")
    }

    @Test func aLessonThatNeedsItselfIsACycle() throws {
        let course = try TemporaryCourse(["01. A.md": lessonText(number: 1, slug: "a", prerequisites: ["a"])])
        let problem = try #require(try course.load().problems.first)
        #expect(problem.message == "the prerequisites form a cycle: 01 a → 01 a")
    }

    @Test func aMissingPrerequisiteIsShownAsMissingNotFatal() throws {
        let course = try TemporaryCourse(["01. A.md": lessonText(number: 1, slug: "a", prerequisites: ["elsewhere"])])
        let catalog = try course.load()
        #expect(catalog.problems.isEmpty)
        let lesson = try #require(catalog.lessons.first)
        #expect(catalog.prerequisites(of: lesson).map(\.name) == ["elsewhere"])
        #expect(catalog.prerequisites(of: lesson).first?.lesson == nil)
        let problem = try #require(catalog.check().first)
        #expect(problem.kind == .missingPrerequisite)
        #expect(problem.line == 7)
        #expect(problem.message == "the prerequisite `elsewhere` is not a lesson of this course")
    }

    @Test func findsLessonsByNumberSlugAndCanonicalID() throws {
        let course = try TemporaryCourse([
            "03. Redis Caching Strategies.md": lessonText(number: 3, slug: "redis-caching-strategies"),
            "14. Pub.md": lessonText(number: 14, slug: "redis-pub-sub-and-advanced-patterns"),
        ])
        let catalog = try course.load()
        #expect(catalog.lesson(matching: "3")?.number == 3)
        #expect(catalog.lesson(matching: "03")?.number == 3)
        #expect(catalog.lesson(matching: "Redis-Caching-Strategies")?.number == 3)
        #expect(catalog.lesson(matching: "test-14")?.number == 14)
        #expect(catalog.lesson(matching: "99") == nil)
    }

    @Test func suggestsCloseSlugs() throws {
        let course = try TemporaryCourse([
            "03. C.md": lessonText(number: 3, slug: "redis-caching-strategies"),
            "14. P.md": lessonText(number: 14, slug: "redis-pub-sub-and-advanced-patterns"),
        ])
        let catalog = try course.load()
        #expect(catalog.suggestions(for: "redis-cachng-strategies") == ["redis-caching-strategies"])
        #expect(catalog.suggestions(for: "redis-pubsub") == ["redis-pub-sub-and-advanced-patterns"])
        #expect(catalog.suggestions(for: "caching") == ["redis-caching-strategies"])
        #expect(catalog.suggestions(for: "kubernetes").isEmpty)
    }

    @Test func skipsReadmesAndHiddenFolders() throws {
        let course = try TemporaryCourse([
            "01. A.md": lessonText(number: 1, slug: "a"),
            "README.md": "# About this course\n",
            ".drafts/02. B.md": lessonText(number: 2, slug: "b"),
            "notes.txt": "not a lesson",
        ])
        let catalog = try course.load()
        #expect(catalog.lessons.map(\.slug) == ["a"])
        #expect(catalog.problems.isEmpty)
    }

    @Test func aMissingFolderIsAnError() {
        #expect(throws: CatalogError.self) { try LessonCatalog.load(directory: "/nonexistent/lessons") }
    }

    @Test func duplicateNumbersAreReportedByCheck() throws {
        let course = try TemporaryCourse([
            "01. A.md": lessonText(number: 1, slug: "a"),
            "01. B.md": lessonText(number: 1, slug: "b"),
        ])
        let problems = try course.load().check()
        #expect(problems.map(\.kind) == [.duplicateNumber])
        #expect(problems.first?.file == course.path("01. B.md"))
        #expect(problems.first?.line == 2)
    }
}
