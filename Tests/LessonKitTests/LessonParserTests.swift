import Testing
@testable import LessonKit

@Suite struct LessonParserTests {
    static let sample = """
    ---
    number: 14
    title: "Redis Pub/Sub and Advanced Patterns"
    slug: redis-pub-sub-and-advanced-patterns
    level: intermediate
    tags: [redis, pubsub, streams, messaging]
    prerequisites: [redis-caching-strategies]
    estimated_minutes: 110
    contributors: ["redislings team"]
    diagrams: []
    examples: []
    canonical_id: backend-intermediate-14
    ---

    # Redis Pub/Sub and Advanced Patterns

    Read [caching](./03.%20Redis%20Caching%20Strategies.md) first.

    ## Publishing

    ```redis
    # nobody listens yet
    PUBLISH news "hello world"
    ```

    | Command | Reply |
    |:--------|------:|
    | PUBLISH | receivers |

    ```python
    r.publish("news", "hi")
    ```

    ## Quiz

    ### Question 1
    What does PUBLISH reply with?

    **A)** The id of the stored message
    **B)** The number of clients that received the message
    **C)** OK
    **D)** Nothing

    **Answer: B** - PUBLISH counts the subscribers it delivered to; nothing is stored.
    """

    @Test func readsEveryFrontMatterField() throws {
        let lesson = try #require(LessonParser.parse(Self.sample, file: "Lessons/14.md").lesson)
        let metadata = lesson.metadata
        #expect(metadata.number == 14)
        #expect(metadata.title == "Redis Pub/Sub and Advanced Patterns")
        #expect(metadata.slug == "redis-pub-sub-and-advanced-patterns")
        #expect(metadata.level == "intermediate")
        #expect(metadata.tags == ["redis", "pubsub", "streams", "messaging"])
        #expect(metadata.prerequisites == ["redis-caching-strategies"])
        #expect(metadata.estimatedMinutes == 110)
        #expect(metadata.contributors == ["redislings team"])
        #expect(metadata.diagrams.isEmpty && metadata.examples.isEmpty)
        #expect(metadata.canonicalID == "backend-intermediate-14")
        #expect(metadata.fieldLines["slug"] == 4)
    }

    @Test func aLessonInTheExactFormatLoadsWithoutProblems() {
        let result = LessonParser.parse(Self.sample, file: "Lessons/14.md")
        #expect(result.problems.isEmpty)
        #expect(result.lesson != nil)
    }

    @Test func splitsTheBodyIntoSectionsWithFileLines() throws {
        let lesson = try #require(LessonParser.parse(Self.sample, file: "x.md").lesson)
        #expect(lesson.sections.map(\.title) == ["Redis Pub/Sub and Advanced Patterns", "Publishing", "Quiz"])
        #expect(lesson.sections.map(\.line) == [15, 19, 34])
    }

    @Test func findsCodeBlocksWithTheirLanguageAndCommands() throws {
        let lesson = try #require(LessonParser.parse(Self.sample, file: "x.md").lesson)
        #expect(lesson.codeBlocks.map(\.language) == ["redis", "python"])
        let redis = try #require(lesson.runnableBlocks.first)
        #expect(redis.line == 21)
        #expect(redis.commands == [RedisCommandLine(text: "PUBLISH news \"hello world\"", line: 23)])
        #expect(redis.commands.first?.arguments == ["PUBLISH", "news", "hello world"])
    }

    @Test func readsTablesWithAlignment() throws {
        let lesson = try #require(LessonParser.parse(Self.sample, file: "x.md").lesson)
        var tables: [MarkdownTable] = []
        MarkdownBlock.visit(lesson.blocks) { if case .table(let table) = $0.kind { tables.append(table) } }
        let table = try #require(tables.first)
        #expect(table.alignments == [.left, .right])
        #expect(table.header.map(MarkdownInline.plainText) == ["Command", "Reply"])
        #expect(table.rows.map { $0.map(MarkdownInline.plainText) } == [["PUBLISH", "receivers"]])
    }

    @Test func collectsLinksWithTheirLine() throws {
        let lesson = try #require(LessonParser.parse(Self.sample, file: "x.md").lesson)
        #expect(lesson.links == [LessonLink(destination: "./03.%20Redis%20Caching%20Strategies.md", text: "caching", line: 17)])
    }

    @Test func readsTheQuizUnchanged() throws {
        let quiz = try #require(LessonParser.parse(Self.sample, file: "x.md").lesson?.quiz)
        #expect(quiz.line == 34)
        let question = try #require(quiz.questions.first)
        #expect(quiz.questions.count == 1)
        #expect(question.number == 1)
        #expect(question.line == 36)
        #expect(question.prompt == "What does PUBLISH reply with?")
        #expect(question.options.map(\.letter) == ["A", "B", "C", "D"])
        #expect(question.options[1].text == "The number of clients that received the message")
        #expect(question.answer == .choices(["B"]))
        #expect(question.explanation == "PUBLISH counts the subscribers it delivered to; nothing is stored.")
        #expect(question.isCorrect(choosing: "b"))
        #expect(!question.isCorrect(choosing: "A"))
    }

    @Test func readsSeveralCorrectAnswersAndCommandAnswers() throws {
        let text = lessonText(number: 1, slug: "one", body: """
        ## Quiz

        ### Question 1
        Which are Streams commands?

        **A)** XADD
        **B)** PUBLISH
        **C)** XREAD

        **Answer: A, C** - Both start with X.

        ### Question 2
        Add alice with score 10 to `board`.

        **Answer (command):** `ZADD board 10 alice` - Any command leaving the same state is right.
        """)
        let result = LessonParser.parse(text, file: "one.md")
        #expect(result.problems.isEmpty)
        let questions = try #require(result.lesson?.quiz?.questions)
        #expect(questions[0].answer == .choices(["A", "C"]))
        #expect(questions[0].isCorrect(choosing: "CA"))
        #expect(!questions[0].isCorrect(choosing: "A"))
        #expect(questions[1].answer == .command("ZADD board 10 alice"))
        #expect(questions[1].options.isEmpty)
        #expect(questions[1].explanation == "Any command leaving the same state is right.")
    }

    @Test func takesTheNumberFromTheFileNameWhenTheFrontMatterHasNone() throws {
        let text = "---\ntitle: T\nslug: t\n---\n# T\n"
        let lesson = try #require(LessonParser.parse(text, file: "Lessons/09. T.md").lesson)
        #expect(lesson.number == 9)
        #expect(lesson.paddedNumber == "09")
    }

    @Test func parsesEmphasisListsAndQuotes() throws {
        let text = lessonText(number: 1, slug: "one", body: "Some *soft* and **strong** `code`.\n\n- ✅ do\n- ❌ don't\n\n> quoted\n")
        let lesson = try #require(LessonParser.parse(text, file: "one.md").lesson)
        let kinds = lesson.blocks.map(\.kind)
        #expect(kinds.contains(.paragraph([.text("Some "), .emphasis([.text("soft")]), .text(" and "), .strong([.text("strong")]), .text(" "), .code("code"), .text(".")])))
        #expect(kinds.contains { if case .list(let list) = $0 { return list.items.count == 2 && !list.ordered }; return false })
        #expect(kinds.contains { if case .blockQuote = $0 { return true }; return false })
    }
}
