import Testing
@testable import LessonKit

/// The web's lesson HTML comes from the same parsed lesson as the terminal's rendering.
@Suite struct HTMLRenderingTests {
    private func course() throws -> TemporaryCourse {
        try TemporaryCourse([
            "03. Caching.md": lessonText(number: 3, slug: "caching", body: "## Cache-Aside Pattern\n\nText.\n"),
            "14. Pub-Sub.md": lessonText(number: 14, slug: "pub-sub", body: """
            See [caching](./03.%20Caching.md#cache-aside-pattern), [web](https://redis.io/) and [bad](javascript:alert(1)).

            <script>alert("x")</script>

            ```redis
            SUBSCRIBE news
            ```

            ```python
            print("<b>")
            ```

            ```redis
            PUBLISH news "a & b"
            ```
            """),
        ])
    }

    @Test func everyRedisBlockGetsARunButtonNumberedInOrder() throws {
        let catalog = try course().load()
        let lesson = try #require(catalog.lesson(matching: "pub-sub"))
        let html = HTMLRenderer().render(lesson, catalog: catalog)
        #expect(html.components(separatedBy: "<button class=\"run\"").count - 1 == lesson.runnableBlocks.count)
        #expect(html.contains("data-block=\"0\"") && html.contains("data-block=\"1\"") && !html.contains("data-block=\"2\""))
        #expect(html.contains("&amp; b"))
        #expect(html.contains("&quot;&lt;b&gt;&quot;") && !html.contains("\"<b>"))
    }

    @Test func linksLeadToLessonPagesAndUnsafeOnesNowhere() throws {
        let catalog = try course().load()
        let lesson = try #require(catalog.lesson(matching: "pub-sub"))
        let html = HTMLRenderer().render(lesson, catalog: catalog)
        #expect(html.contains("href=\"/lessons/caching#cache-aside-pattern\""))
        #expect(html.contains("href=\"https://redis.io/\""))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;"))
    }

    @Test func headingsCarryTheAnchorsLinksUse() throws {
        let catalog = try course().load()
        let lesson = try #require(catalog.lesson(matching: "caching"))
        #expect(HTMLRenderer().render(lesson, catalog: catalog).contains("<h2 id=\"cache-aside-pattern\">"))
    }

    @Test func quizTextRendersItsInlineMarkdownWithoutAParagraph() {
        #expect(HTMLRenderer().renderInline(markdown: "Use `SUBSCRIBE` <b>now</b>") == "Use <code>SUBSCRIBE</code> &lt;b&gt;now&lt;/b&gt;")
    }
}
