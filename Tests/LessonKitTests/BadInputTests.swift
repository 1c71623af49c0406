import Foundation
import Testing
@testable import LessonKit

/// Every kind of bad input gives a problem naming the file, the line and what to fix, and the
/// rest of the catalog still loads.
@Suite struct BadInputTests {
    private func problems(in text: String, file: String = "bad.md") -> [LessonProblem] {
        LessonParser.parse(text, file: file).problems
    }

    @Test func brokenYAMLPointsAtTheLineInTheFile() throws {
        let text = "---\nnumber: 3\ntitle: \"unclosed\nslug: bad\n---\n# Bad\n"
        let problem = try #require(problems(in: text).first)
        #expect(problem.kind == .brokenYAML)
        #expect(problem.file == "bad.md")
        #expect(problem.line == 3)
        #expect(problem.message == "broken YAML in the front matter: while scanning a quoted scalar that starts here, found unexpected end of stream (line 4)")
        #expect(problem.isFatal)
        #expect(LessonParser.parse(text, file: "bad.md").lesson == nil)
    }

    @Test func aYAMLTabOrBadIndentIsReportedOnItsLine() throws {
        let text = "---\nnumber: 3\ntitle: T\nslug: s\ntags: [a, b\nlevel: x\n---\n"
        let problem = try #require(problems(in: text).first)
        #expect(problem.kind == .brokenYAML)
        #expect(problem.line >= 5 && problem.line <= 7)
    }

    @Test func missingTitle() throws {
        let text = "---\nnumber: 3\nslug: no-title\n---\n# x\n"
        let problem = try #require(problems(in: text).first)
        #expect(problem.kind == .missingField)
        #expect(problem.line == 1)
        #expect(problem.message == "the front matter has no `title`")
        #expect(problem.fix.contains("title:"))
    }

    @Test func missingSlug() throws {
        let text = "---\nnumber: 3\ntitle: \"No slug\"\n---\n# x\n"
        let problem = try #require(problems(in: text).first)
        #expect(problem.kind == .missingField)
        #expect(problem.line == 1)
        #expect(problem.message == "the front matter has no `slug`")
        #expect(problem.fix == "add a line like `slug: no-slug` between the `---` lines")
    }

    @Test func anUnbalancedQuoteInARedisBlockIsReportedByCheck() throws {
        let course = try TemporaryCourse(["01. A.md": lessonText(number: 1, slug: "a", body: "```redis\nSET ok 1\nSET k \"open\n```\n")])
        let problems = try course.load().check()
        #expect(problems.map(\.kind) == [.malformedCommand])
        #expect(problems.first?.line == 19)
        #expect(problems.first?.message == "the command `SET k \"open` has an unbalanced quote")
    }

    @Test func anEmptyTitleIsReportedOnItsLine() throws {
        let text = "---\nnumber: 3\ntitle: \"\"\nslug: s\n---\n"
        let problem = try #require(problems(in: text).first)
        #expect(problem.kind == .invalidField)
        #expect(problem.line == 3)
    }

    @Test func noFrontMatterAtAll() throws {
        let problem = try #require(problems(in: "# Just markdown\n").first)
        #expect(problem.kind == .missingFrontMatter)
        #expect(problem.line == 1)
    }

    @Test func frontMatterNeverClosed() throws {
        let problem = try #require(problems(in: "---\nnumber: 1\ntitle: T\nslug: t\n# Body\n").first)
        #expect(problem.kind == .missingFrontMatter)
        #expect(problem.message == "the front matter that starts here is never closed")
    }

    @Test func duplicateSlugKeepsTheFirstAndNamesIt() throws {
        let course = try TemporaryCourse([
            "01. One.md": lessonText(number: 1, slug: "same"),
            "02. Two.md": lessonText(number: 2, slug: "same"),
            "03. Three.md": lessonText(number: 3, slug: "three"),
        ])
        let catalog = try course.load()
        #expect(catalog.lessons.map(\.slug) == ["same", "three"])
        #expect(catalog.lessons.first?.number == 1)
        let problem = try #require(catalog.problems.first { $0.kind == .duplicateSlug })
        #expect(problem.file == course.path("02. Two.md"))
        #expect(problem.line == 4)
        #expect(problem.message == "the slug `same` is already used by \(course.path("01. One.md"))")
    }

    @Test func answerLetterWithNoOption() throws {
        let text = lessonText(number: 1, slug: "one", body: """
        ## Quiz

        ### Question 1
        Pick one.

        **A)** yes
        **B)** no

        **Answer: E** - there is no E.
        """)
        let all = problems(in: text)
        let problem = try #require(all.first)
        #expect(all.count == 1)
        #expect(problem.kind == .answerWithoutOption)
        #expect(problem.line == 25)
        #expect(problem.message == "the answer E of Question 1 matches no option (options: A, B)")
        #expect(LessonParser.parse(text, file: "bad.md").lesson?.quiz?.questions.isEmpty == true)
    }

    @Test func optionListWithAGap() throws {
        let text = lessonText(number: 1, slug: "one", body: """
        ## Quiz

        ### Question 1
        Pick one.

        **A)** yes
        **B)** no
        **D)** maybe

        **Answer: A** - yes.
        """)
        let problem = try #require(problems(in: text).first)
        #expect(problem.kind == .optionGap)
        #expect(problem.line == 24)
        #expect(problem.message == "option **D)** follows **B)** in Question 1; expected **C)**")
    }

    @Test func optionsThatDoNotStartAtA() throws {
        let text = lessonText(number: 1, slug: "one", body: "## Quiz\n\n### Question 1\nQ?\n\n**B)** x\n**C)** y\n\n**Answer: B** - x.\n")
        let problem = try #require(problems(in: text).first)
        #expect(problem.kind == .optionGap)
        #expect(problem.line == 22)
        #expect(problem.message == "the options start at **B)** in Question 1; expected **A)**")
    }

    @Test func unterminatedCodeFence() throws {
        let text = lessonText(number: 1, slug: "one", body: "Intro.\n\n```redis\nSET a 1\n\n## Quiz\n")
        let problem = try #require(problems(in: text).first)
        #expect(problem.kind == .unterminatedCodeFence)
        #expect(problem.line == 19)
        #expect(problem.message == "the code block opened here with ``` is never closed")
        #expect(problem.fix == "add a line ``` where the code ends")
    }

    @Test func aClosedFenceIsNotReported() {
        let text = lessonText(number: 1, slug: "one", body: "```redis\nSET a 1\n```\n\n~~~\nx\n~~~~\n\n- item\n\n  ```json\n  {}\n  ```\n")
        #expect(problems(in: text).isEmpty)
    }

    @Test func aQuestionWithoutAnswerOrTextIsReported() throws {
        let text = lessonText(number: 1, slug: "one", body: "## Quiz\n\n### Question 1\nQ?\n\n**A)** x\n**B)** y\n\n### Question 3\n")
        let found = problems(in: text)
        #expect(found.map(\.kind) == [.malformedQuiz, .malformedQuiz, .malformedQuiz])
        #expect(found.map(\.line) == [19, 25, 25])
        #expect(found[0].message == "Question 1 has no answer")
        #expect(found[1].message == "Question 3 follows Question 1")
        #expect(found[2].message == "Question 3 has no question text")
    }

    @Test func aMalformedAnswerLine() throws {
        let text = lessonText(number: 1, slug: "one", body: "## Quiz\n\n### Question 1\nQ?\n\n**A)** x\n**B)** y\n\n**Answer B**\n")
        let problem = try #require(problems(in: text).first)
        #expect(problem.kind == .malformedQuiz)
        #expect(problem.line == 25)
        #expect(problem.message == "this answer line does not follow the quiz format")
    }

    @Test func theRestOfTheCatalogStillLoads() throws {
        let course = try TemporaryCourse([
            "01. Good.md": lessonText(number: 1, slug: "good"),
            "02. Broken.md": "---\ntitle: [unclosed\n---\n",
            "03. No slug.md": "---\nnumber: 3\ntitle: T\n---\n",
            "04. Also good.md": lessonText(number: 4, slug: "also-good"),
        ])
        let catalog = try course.load()
        #expect(catalog.lessons.map(\.slug) == ["good", "also-good"])
        #expect(Set(catalog.problems.map(\.file)) == [course.path("02. Broken.md"), course.path("03. No slug.md")])
        #expect(catalog.problems.allSatisfy { $0.isFatal })
    }

    @Test func theProblemLineReadsFileLineProblemAndFix() {
        let problem = LessonProblem(.brokenLink, file: "Lessons/a.md", line: 7, message: "the link is broken", fix: "fix it")
        #expect(problem.description == "Lessons/a.md:7: the link is broken — fix it")
    }

    @Test func invalidUTF8FileIsAProblemNotACrash() throws {
        let course = try TemporaryCourse(["01. Good.md": lessonText(number: 1, slug: "good")])
        try Data([0x2D, 0x2D, 0x2D, 0x0A, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: course.path("02. Binary.md")))
        let catalog = try course.load()
        #expect(catalog.lessons.count == 1)
        #expect(catalog.problems.map(\.kind) == [.unreadableFile])
    }
}
