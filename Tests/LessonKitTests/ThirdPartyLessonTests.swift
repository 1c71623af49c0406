import Testing
@testable import LessonKit

/// A lesson written by someone else in the course format, dropped into a folder.
@Suite struct ThirdPartyLessonTests {
    @Test func itListsInOrderWithItsFields() throws {
        let catalog = try LessonCatalog.load(directory: Fixtures.thirdPartyCourse)
        #expect(catalog.problems.isEmpty)
        #expect(catalog.check().isEmpty)
        #expect(catalog.lessons.map(\.slug) == ["redis-basics", "redis-sorted-sets-in-practice"])
        let lesson = try #require(catalog.lesson(matching: "backend-beginner-07"))
        #expect(lesson.title == "Redis Sorted Sets in Practice")
        #expect(lesson.metadata.estimatedMinutes == 25)
        #expect(catalog.prerequisites(of: lesson).map { $0.lesson?.number } == [1])
    }

    @Test func itShows() throws {
        let catalog = try LessonCatalog.load(directory: Fixtures.thirdPartyCourse)
        let lesson = try #require(catalog.lesson(matching: "7"))
        let text = TerminalRenderer(width: 80, colors: false).render(lesson, catalog: catalog)
        #expect(text.hasPrefix("Lesson 07 · beginner · about 25 min\nBefore this: 01 Redis Basics\n"))
        #expect(text.contains("│ ZADD board 10 alice 20 bob\n"))
        #expect(text.contains("│ `ZADD`  │ members added      │\n"))
        #expect(text.contains("Question 3\nGive alice a score of 10 on the sorted set `board`.\n"))
        #expect(!text.contains("Answer: B"))
    }

    @Test func itsQuizReadsWithTheRightAnswersAndExplanations() throws {
        let catalog = try LessonCatalog.load(directory: Fixtures.thirdPartyCourse)
        let quiz = try #require(catalog.lesson(matching: "redis-sorted-sets-in-practice")?.quiz)
        #expect(quiz.questions.map(\.number) == [1, 2, 3])
        #expect(quiz.questions.map(\.answer) == [.choices(["B"]), .choices(["A", "C"]), .command("ZADD board 10 alice")])
        #expect(quiz.questions.map(\.explanation) == [
            "ZADD counts the members that were new; updated scores do not count.",
            "ZRANGE reads by rank from the lowest score; REV starts from the highest.",
            "Any command that leaves alice at 10 is right.",
        ])
        #expect(quiz.questions[0].options.map(\.text) == ["OK", "The number of members added", "The new score", "Nothing"])
        #expect(quiz.questions[1].isCorrect(choosing: "AC"))
    }
}
