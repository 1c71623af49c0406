import Foundation
import RedislingsTestSupport
import Testing

/// Runs the built `redislings` on the fixture courses and compares what it prints.
@Suite struct LessonCommandsTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    /// Runs the binary off the cooperative pool, so a long `dev check` stalls no async test.
    private func run(_ arguments: String..., environment: [String: String] = [:]) async throws -> RedislingsBinary.Output {
        let binary = try RedislingsBinary.built()
        return try await binary.runOffThePool(arguments, in: Self.fixtures, environment: environment)
    }

    /// `--version`; a mistyped subcommand is suggested, not taken for a lesson; `help` of
    /// something that is no subcommand is an error.
    @Test func versionAndMistypedSubcommands() async throws {
        let version = try await run("--version")
        version.expect(status: 0)
        #expect(version.standardOutput.hasPrefix("redislings "))
        let typo = try await run("--lessons", "Course", "lsit")
        typo.expect(status: 1)
        #expect(typo.standardError.contains("Did you mean `redislings list`?"), "\(typo.standardError)")
        let help = try await run("help", "nosuch")
        help.expect(status: 64)
        #expect(help.standardError.contains("No subcommand 'nosuch'."))
        let helpTypo = try await run("help", "shwo")
        #expect(helpTypo.standardError.contains("Did you mean 'show'?"))
        #expect(try await run("help", "list").status == 0)
        // Shell completions are documented where a user looks first, and work.
        let overview = try await run("--help")
        #expect(overview.standardOutput.contains("redislings --generate-completion-script bash"), "\(overview.standardOutput)")
        let completion = try await run("--generate-completion-script", "bash")
        completion.expect(status: 0)
        #expect(completion.standardOutput.contains("-F _redislings redislings"), "\(completion.standardOutput.suffix(300))")
    }

    @Test func listPrintsTheCatalogInOrderWithPrerequisites() async throws {
        let output = try await run("--lessons", "Course", "list")
        output.expect(status: 0)
        #expect(output.standardOutput == """
        Lessons in Course:

          #   Title                Level         Time    Prerequisites
          01  First Steps          beginner      5 min   —
          02  Publishing Messages  intermediate  15 min  01, not-written-yet (missing)

        Start reading: redislings show 01    (First Steps)

        """)
    }

    // With no subcommand, redislings opens the learner's REPL (`learn`, tested with scripted
    // input in REPLEndToEndTests), not the catalog.
    @Test func noArgumentsOpensTheLearnersREPL() async throws {
        let output = try await run("--lessons", "Course")
        output.expect(status: 0)
        #expect(!output.standardOutput.contains("Start reading"))
    }

    @Test func theLessonsOptionWorksAfterTheSubcommandToo() async throws {
        let output = try await run("list", "--lessons", "Course")
        output.expect(status: 0)
        #expect(output.standardOutput.hasPrefix("Lessons in Course:"))
    }

    @Test func listJSONHasStableFields() async throws {
        let output = try await run("--lessons", "Course", "list", "--json")
        output.expect(status: 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        #expect(object["course"] as? String == "Course")
        let lessons = try #require(object["lessons"] as? [[String: Any]])
        #expect(lessons.map { $0["slug"] as? String } == ["first-steps", "publishing-messages"])
        let second = lessons[1]
        #expect(second["number"] as? Int == 2)
        #expect(second["title"] as? String == "Publishing Messages")
        #expect(second["level"] as? String == "intermediate")
        #expect(second["estimated_minutes"] as? Int == 15)
        #expect(second["canonical_id"] as? String == "fixture-intermediate-02")
        #expect(second["tags"] as? [String] == ["redis", "pubsub"])
        #expect(second["quiz_questions"] as? Int == 2)
        #expect(second["runnable_blocks"] as? Int == 1)
        #expect(second["prerequisites_met"] as? Bool == false)
        let prerequisites = try #require(second["prerequisites"] as? [[String: Any]])
        #expect(prerequisites.map { $0["status"] as? String } == ["met", "missing"])
        #expect(prerequisites.first?["slug"] as? String == "first-steps")
    }

    @Test func showRendersTheWholeLessonAsPlainText() async throws {
        let output = try await run("--lessons", "Course", "show", "publishing-messages", "--plain", environment: ["COLUMNS": "60"])
        output.expect(status: 0)
        #expect(output.standardOutput == """
        Lesson 02 · intermediate · about 15 min
        Before this: 01 First Steps, not-written-yet (missing)

        Publishing Messages
        ═══════════════════

        Read First Steps (lesson 01: redislings show 01) before this
        lesson.

        PUBLISH
        ───────

        ┌─ redis
        │ # nobody listens yet
        │ PUBLISH news "hello"
        └─

        ┌───────────┬──────────────┐
        │ Command   │ Replies with │
        ├───────────┼──────────────┤
        │ `PUBLISH` │ receivers    │
        └───────────┴──────────────┘

        ✅ Use Streams for messages that must not be lost
        ❌ Expect Pub/Sub to store messages

        Quiz
        ────

        Question 1
        What does PUBLISH reply with?
          A) OK
          B) The number of receivers

        Question 2
        Publish `hi` to `news`.
        Answer with a Redis command.

        Answers are hidden; add --answers to see them with their
        explanations.

        """)
        #expect(!output.standardOutput.contains("\u{1B}["))
    }

    @Test func showFindsLessonsByNumberAndCanonicalID() async throws {
        let byNumber = try await run("--lessons", "Course", "show", "2", "--plain")
        let byID = try await run("--lessons", "Course", "show", "FIXTURE-intermediate-02", "--plain")
        #expect(byNumber.status == 0 && byID.status == 0)
        #expect(byNumber.standardOutput == byID.standardOutput)
    }

    @Test func showAnswersPrintsAnswersAndExplanations() async throws {
        let output = try await run("--lessons", "Course", "show", "02", "--answers", environment: ["COLUMNS": "100"])
        #expect(output.standardOutput.contains("Answer: B — It counts the subscribers it reached."))
        #expect(output.standardOutput.contains("Answer (command): PUBLISH news hi — Any PUBLISH of hi to news is right."))
    }

    @Test func anUnknownLessonListsWhatExistsAndSuggests() async throws {
        let output = try await run("--lessons", "Course", "show", "publishing-mesages")
        output.expect(status: 1)
        #expect(output.standardOutput.isEmpty)
        #expect(output.standardError == """
        Error: No lesson 'publishing-mesages' in Course.
        Help: Did you mean 'publishing-messages'? Lessons: 01 first-steps, 02 publishing-messages.

        """)
    }

    @Test func aMissingLessonsFolderIsAnError() async throws {
        let output = try await run("--lessons", "NoSuchFolder", "list")
        output.expect(status: 1)
        #expect(output.standardError == """
        Error: No lessons folder at NoSuchFolder.
        Help: Pass --lessons DIR with the folder of lesson files, or set REDISLINGS_COURSE.

        """)
    }

    @Test func theCourseIsFoundThroughTheEnvironment() async throws {
        let output = try await run("list", environment: ["REDISLINGS_COURSE": "Course"])
        output.expect(status: 0)
        #expect(output.standardOutput.hasPrefix("Lessons in Course:"))
    }

    @Test func devCheckReportsAMissingPrerequisite() async throws {
        let output = try await run("--lessons", "Course", "dev", "check")
        output.expect(status: 1)
        #expect(output.standardOutput == """
        Course/02. Publishing Messages.md:7: the prerequisite `not-written-yet` is not a lesson of this course — name an existing lesson by slug (slugs: first-steps, publishing-messages)

        """)
        #expect(output.standardError == "1 problem in 2 lessons of Course.\n")
    }

    @Test func devCheckNamesFileAndLineForEveryKindOfBadInput() async throws {
        let output = try await run("--lessons", "BrokenCourse", "dev", "check")
        output.expect(status: 1)
        let lines = output.standardOutput.split(separator: "\n").map { String($0.prefix(while: { $0 != "—" })) }
        #expect(lines == [
            "BrokenCourse/02. Broken YAML.md:3: broken YAML in the front matter: while scanning a quoted scalar that starts here, found unexpected end of stream (line 4) ",
            "BrokenCourse/03. No Slug.md:1: the front matter has no `slug` ",
            "BrokenCourse/04. Quiz Mistakes.md:5: the prerequisite `first-step` is not a lesson of this course ",
            "BrokenCourse/04. Quiz Mistakes.md:10: the link `./99.%20Nowhere.md` leads to BrokenCourse/99. Nowhere.md, which does not exist ",
            "BrokenCourse/04. Quiz Mistakes.md:12: the code block opened here with ``` is never closed ",
            "BrokenCourse/05. Bad Quiz.md:15: option **C)** follows **A)** in Question 1; expected **B)** ",
            "BrokenCourse/05. Bad Quiz.md:25: the answer D of Question 2 matches no option (options: A, B) ",
            "BrokenCourse/06. Duplicate.md:4: the slug `first-steps` is already used by BrokenCourse/01. First Steps.md ",
        ])
        #expect(output.standardError == "8 problems in 3 lessons of BrokenCourse.\n")
    }

    @Test func listStillShowsTheGoodLessonsOfABrokenCourse() async throws {
        let output = try await run("--lessons", "BrokenCourse", "list")
        output.expect(status: 0)
        #expect(output.standardOutput.contains("01  First Steps"))
        #expect(output.standardOutput.contains("04  Quiz Mistakes"))
        #expect(output.standardError == "warning: 6 problems in BrokenCourse; run `redislings dev check` to see them\n")
    }

    @Test func devCheckPassesOnTheCourseLessons() async throws {
        let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Lessons").path
        guard FileManager.default.fileExists(atPath: lessons) else {
            Issue.record("the course's Lessons folder is missing at \(lessons)")
            return
        }
        let output = try await run("--lessons", lessons, "dev", "check")
        output.expect(status: 0)
        #expect(output.standardOutput.hasPrefix("✓ "))
    }
}
