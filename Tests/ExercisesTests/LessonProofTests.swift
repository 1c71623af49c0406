import LessonKit
import Testing
@testable import Exercises
import RedisBackends

@Suite struct LessonProofTests {
    private func lesson(_ body: String) throws -> Lesson {
        let text = """
            ---
            title: "Proof"
            slug: proof
            number: 1
            ---

            """ + body
        return try #require(LessonParser.parse(text, file: "01. Proof.md").lesson)
    }

    @Test func blocksRunInOrderAndAnUnannouncedErrorIsReportedOnItsLine() async throws {
        let proved = try lesson("""
            ```redis
            SET counter hello
            ```

            ```redis
            INCR counter
            # The next one fails on purpose: (error) ERR value is not an integer
            INCR counter
            # Back to normal
            DEL counter
            ```

            """)
        let problems = await LessonProof.prove(proved, on: SimulatorBackend())
        // The second block sees the first block's key, so only the unannounced INCR (line 11) fails.
        #expect(problems.map(\.line) == [11])
        #expect(problems.first?.message.contains("ERR value is not an integer or out of range") == true)
        #expect(problems.first?.file == "01. Proof.md")
    }

    @Test func aBlockingCommandIsDroppedLikeCtrlCAndTheRestRuns() async throws {
        let proved = try lesson("""
            ```redis
            BLPOP queue 0
            RPUSH queue job
            LLEN queue
            ```

            """)
        #expect(await LessonProof.prove(proved, on: SimulatorBackend()).isEmpty)
    }

    @Test func aQuizCommandAnswerThatFailsOnAnEmptyServerIsReported() async throws {
        let proved = try lesson("""
            ## Quiz

            ### Question 1
            Create the group.

            **Answer (command):** `XGROUP CREATE jobs workers $` - It needs MKSTREAM on an empty server.

            ### Question 2
            Take the lock.

            **Answer (command):** `SET lock t1 NX EX 30` - Fine anywhere.

            """)
        let problems = await LessonProof.prove(proved, on: SimulatorBackend())
        #expect(problems.count == 1)
        #expect(problems.first?.message.hasPrefix("the answer to Question 1") == true)
    }

    @Test func commentsAnnounceErrorsUntilTheNextComment() async throws {
        let block = CodeBlock(language: "redis", code: "# a syntax error aborts EXEC\nMULTI\nINCR\nEXEC\n# fine again\nGET k\n", line: 10)
        #expect(LessonProof.linesAnnouncingErrors(block) == [12, 13, 14])
    }
}
