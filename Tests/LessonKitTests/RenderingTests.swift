import Testing
@testable import LessonKit

@Suite struct RenderingTests {
    private func blocks(_ markdown: String) -> [MarkdownBlock] {
        MarkdownParser.parse(markdown).blocks
    }

    private func plain(_ markdown: String, width: Int = 40) -> String {
        TerminalRenderer(width: width, colors: false).render(blocks(markdown))
    }

    private func color(_ markdown: String, width: Int = 40) -> String {
        TerminalRenderer(width: width, colors: true).render(blocks(markdown))
    }

    @Test func plainTextHasNoEscapeCodes() {
        let text = plain("# Title\n\nSome *soft* and **strong** `code` [link](https://x.io).\n\n```redis\nSET a 1\n```\n")
        #expect(!text.contains("\u{1B}"))
        #expect(text == """
        Title
        ═════

        Some soft and strong `code` link
        (https://x.io).

        ┌─ redis
        │ SET a 1
        └─

        """)
    }

    @Test func colourMarksHeadingsEmphasisAndCode() {
        let text = color("## Part\n\n*soft* **strong** `code`\n")
        #expect(text.contains("\u{1B}[1;36mPart\u{1B}[0m"))
        #expect(text.contains("\u{1B}[3msoft\u{1B}[0m"))
        #expect(text.contains("\u{1B}[1mstrong\u{1B}[0m"))
        #expect(text.contains("\u{1B}[33mcode\u{1B}[0m"))
    }

    @Test func wrapsToTheWidth() {
        let text = plain("one two three four five six seven eight nine ten eleven twelve", width: 20)
        #expect(text == "one two three four\nfive six seven eight\nnine ten eleven\ntwelve\n")
        for line in text.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= 20) }
    }

    @Test func cutsAWordLongerThanTheLine() {
        #expect(plain(String(repeating: "x", count: 25), width: 20) == String(repeating: "x", count: 20) + "\nxxxxx\n")
    }

    @Test func listsAndQuotes() {
        #expect(plain("- one\n- two\n\n1. first\n2. second\n\n> quoted text\n") == """
        • one
        • two

        1. first
        2. second

        │ quoted text

        """)
    }

    @Test func aHangingIndentForLongListItems() {
        #expect(plain("- alpha beta gamma delta epsilon", width: 20) == "• alpha beta gamma\n  delta epsilon\n")
    }

    @Test func checkAndCrossListsAreColoured() {
        let markdown = "- ✅ Do this\n- ❌ Not that\n"
        #expect(plain(markdown) == "✅ Do this\n❌ Not that\n")
        let colored = color(markdown)
        #expect(colored.contains("\u{1B}[32mDo this\u{1B}[0m"))
        #expect(colored.contains("\u{1B}[31mNot that\u{1B}[0m"))
    }

    @Test func checkAndCrossLinesOfAParagraphStayOnTheirLines() {
        #expect(plain("✅ Do this\n❌ Not that\n") == "✅ Do this\n❌ Not that\n")
    }

    @Test func tablesAreLaidOutInColumnsByDisplayWidth() {
        let text = plain("| Name | Value |\n|------|------:|\n| 日本 | 1 |\n| ✅ ok | 22 |\n")
        #expect(text == """
        ┌───────┬───────┐
        │ Name  │ Value │
        ├───────┼───────┤
        │ 日本  │     1 │
        │ ✅ ok │    22 │
        └───────┴───────┘

        """)
    }

    @Test func wideTablesWrapTheirCellsToFit() {
        let text = plain("| A | B |\n|---|---|\n| short | a rather long cell that has to wrap |\n", width: 30)
        for line in text.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= 30) }
        #expect(text.contains("│ short │ a rather long cell │"))
    }

    @Test func redisBlocksColourCommandsArgumentsStringsAndComments() {
        let text = color("```redis\n# a comment\nSET lock:1 \"my token\" NX EX 10\nXGROUP CREATE s g $\n```\n")
        #expect(text.contains("\u{1B}[3;90m# a comment\u{1B}[0m"))
        #expect(text.contains("\u{1B}[1;33mSET\u{1B}[0m \u{1B}[36mlock:1\u{1B}[0m \u{1B}[32m\"my token\"\u{1B}[0m \u{1B}[35mNX\u{1B}[0m \u{1B}[35mEX\u{1B}[0m \u{1B}[33m10\u{1B}[0m"))
        #expect(text.contains("\u{1B}[1;33mXGROUP\u{1B}[0m \u{1B}[1;33mCREATE\u{1B}[0m \u{1B}[36ms\u{1B}[0m"))
    }

    @Test func pythonLuaAndJSONAreHighlighted() {
        let python = SyntaxHighlighter.highlight("def f():\n    return \"x\"  # note\n", language: "python")
        #expect(python[0].first == StyledRun("def", SyntaxHighlighter.Role.keyword.style))
        #expect(python[1].contains(StyledRun("\"x\"", SyntaxHighlighter.Role.string.style)))
        #expect(python[1].last == StyledRun("# note", SyntaxHighlighter.Role.comment.style))

        let lua = SyntaxHighlighter.highlight("local v = redis.call('GET', KEYS[1]) -- read\n--[[ long\ncomment ]]", language: "lua")
        #expect(lua[0].first == StyledRun("local", SyntaxHighlighter.Role.keyword.style))
        #expect(lua[0].contains(StyledRun("'GET'", SyntaxHighlighter.Role.string.style)))
        #expect(lua[0].last == StyledRun("-- read", SyntaxHighlighter.Role.comment.style))
        #expect(lua[2] == [StyledRun("comment ]]", SyntaxHighlighter.Role.comment.style)])

        let json = SyntaxHighlighter.highlight("{\"user\": \"ann\", \"n\": 3, \"ok\": true}", language: "json")
        #expect(json[0].contains(StyledRun("\"user\"", SyntaxHighlighter.Role.key.style)))
        #expect(json[0].contains(StyledRun("\"ann\"", SyntaxHighlighter.Role.string.style)))
        #expect(json[0].contains(StyledRun("3", SyntaxHighlighter.Role.number.style)))
        #expect(json[0].contains(StyledRun("true", SyntaxHighlighter.Role.literal.style)))
    }

    @Test func longCodeLinesContinueOnADottedFrame() {
        #expect(plain("```redis\nSET key \"a long value that will not fit\"\n```\n", width: 20) == """
        ┌─ redis
        │ SET key "a long va
        ┆ lue that will not
        ┆ fit"
        └─

        """)
    }

    @Test func unknownLanguagesStayPlain() {
        #expect(SyntaxHighlighter.highlight("a = 1\n", language: "cobol") == [[StyledRun("a = 1")]])
    }

    @Test func deeperHeadingsGetAMarker() {
        #expect(plain("### Detail\n") == "▸ Detail\n")
    }

    @Test func displayWidthCountsWideCharacters() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("日本語") == 6)
        #expect(DisplayWidth.of("✅") == 2)
        #expect(DisplayWidth.of("⚠️") == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("👩‍💻") == 2)
    }

    @Test func aQuestionShowsItsAnswerOnlyWhenAsked() {
        let question = QuizQuestion(
            number: 2, line: 1, prompt: "Which?", options: [QuizOption(letter: "A", text: "`x`", line: 2), QuizOption(letter: "B", text: "y", line: 3)],
            answer: .choices(["A"]), explanation: "Because **x**.", answerLine: 4)
        let renderer = TerminalRenderer(width: 40, colors: false)
        #expect(renderer.render(question, showAnswer: false) == "Question 2\nWhich?\n  A) `x`\n  B) y\n")
        #expect(renderer.render(question, showAnswer: true) == "Question 2\nWhich?\n  A) `x`\n  B) y\nAnswer: A — Because x.\n")
    }

    @Test func theWidthComesFromColumnsWhenNotATerminal() {
        #expect(Terminal.width(environment: ["COLUMNS": "120"]) == (Terminal.standardOutputIsTerminal ? Terminal.width(environment: [:]) : 120))
        if !Terminal.standardOutputIsTerminal {
            #expect(Terminal.width(environment: [:]) == 80)
            #expect(Terminal.width(environment: ["COLUMNS": "junk"]) == 80)
        }
    }

    @Test func noColorAndPlainTurnColoursOff() {
        #expect(!Terminal.useColors(plain: true, environment: [:]))
        #expect(!Terminal.useColors(plain: false, environment: ["NO_COLOR": "1"]))
        #expect(Terminal.useColors(plain: false, environment: [:]) == Terminal.standardOutputIsTerminal)
    }
}

/// An answer's explanation is wrapped once, with its label, however its source lines break.
@Suite struct AnswerWrappingTests {
    @Test func theExplanationFlowsAfterTheAnswerLabel() throws {
        let text = lessonText(number: 1, slug: "one", body: """
        ## Quiz

        ### Question 1
        What does Pub/Sub keep?

        **A)** everything
        **B)** nothing

        **Answer: B** - Pub/Sub is fire-and-forget: Redis delivers to whoever is subscribed at that
        instant and keeps nothing for later.
        """)
        let lesson = try #require(LessonParser.parse(text, file: "one.md").lesson)
        let rendered = TerminalRenderer(width: 80, colors: false).render(lesson, showAnswers: true)
        #expect(rendered.contains("""
            Answer: B — Pub/Sub is fire-and-forget: Redis delivers to whoever is subscribed
            at that instant and keeps nothing for later.
            """), "\(rendered)")
    }
}
