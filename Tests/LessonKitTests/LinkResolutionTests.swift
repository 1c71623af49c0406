import Testing
@testable import LessonKit

@Suite struct LinkResolutionTests {
    private func course() throws -> TemporaryCourse {
        try TemporaryCourse([
            "03. Redis Caching Strategies.md": lessonText(number: 3, slug: "redis-caching-strategies", body: "## Cache-Aside Pattern\n\nText.\n"),
            "14. Redis Pub-Sub.md": lessonText(number: 14, slug: "pub-sub", body: """
            See [caching](./03.%20Redis%20Caching%20Strategies.md) and
            [cache-aside](03.%20Redis%20Caching%20Strategies.md#cache-aside-pattern),
            [nothing](./04.%20Missing.md), [bad anchor](./03.%20Redis%20Caching%20Strategies.md#nope),
            [here](#publishing), [web](https://redis.io/docs/), [picture](img/diagram.png)

            ## Publishing
            """),
            "img/diagram.png": "png",
            "sub/20. Deep.md": lessonText(number: 20, slug: "deep", body: "[up](../14.%20Redis%20Pub-Sub.md)\n"),
        ])
    }

    @Test func resolvesRelativePercentEncodedLinks() throws {
        let course = try course()
        let catalog = try course.load()
        let lesson = try #require(catalog.lesson(matching: "pub-sub"))
        let targets = lesson.links.map { catalog.resolve($0.destination, from: lesson) }
        #expect(targets == [
            .lesson(slug: "redis-caching-strategies", anchor: nil, found: true),
            .lesson(slug: "redis-caching-strategies", anchor: "cache-aside-pattern", found: true),
            .missing(course.path("04. Missing.md")),
            .lesson(slug: "redis-caching-strategies", anchor: "nope", found: false),
            .anchor("publishing", found: true),
            .external("https://redis.io/docs/"),
            .file(course.path("img/diagram.png")),
        ])
    }

    @Test func resolvesLinksFromSubfoldersWithDotDot() throws {
        let catalog = try course().load()
        let deep = try #require(catalog.lesson(matching: "deep"))
        #expect(catalog.resolve("../14.%20Redis%20Pub-Sub.md", from: deep) == .lesson(slug: "pub-sub", anchor: nil, found: true))
    }

    @Test func checkReportsBrokenLinksOnTheirLines() throws {
        let course = try course()
        let problems = try course.load().check()
        #expect(problems.map(\.kind) == [.brokenLink, .brokenLink])
        #expect(problems.map(\.line) == [19, 19])
        #expect(problems[0].message == "the link `./04.%20Missing.md` leads to \(course.path("04. Missing.md")), which does not exist")
        #expect(problems[1].message == "the link to lesson `redis-caching-strategies` asks for `#nope`, which matches none of its headings")
    }

    @Test func headingAnchorsFollowGitHub() {
        #expect(Lesson.anchor(for: "Cache-Aside Pattern") == "cache-aside-pattern")
        #expect(Lesson.anchor(for: "1. Pub/Sub: broadcasting") == "1-pubsub-broadcasting")
    }
}
