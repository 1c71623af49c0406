import Foundation
import RedislingsTestSupport
import Testing

/// A new learner's path through lesson 18 with the built binary: a quiz stopped halfway and
/// resumed, the missed questions reviewed the next day, and all of it in `progress`.
@Suite struct QuizCommandsTests {
    static let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Lessons").path
    /// Lesson 18's right answers, in lesson letters (a command where one is asked).
    static let rightAnswers = ["SET lock:invoice t1 NX EX 30", "B", "B", "B", "B", "B", "AC", "B", "BC"]

    let home = NSTemporaryDirectory() + "redislings-quiz-\(UUID().uuidString)"

    /// Runs the binary off the cooperative pool: these runs add up to many seconds.
    func run(_ arguments: [String], now: String = "2026-11-28T09:00:00Z", input: String? = nil) async throws -> RedislingsBinary.Output {
        let binary = try RedislingsBinary.built()
        let environment = ["REDISLINGS_HOME": home, "REDISLINGS_NOW": now]
        if let input {
            return try await binary.runOffThePool(["--lessons", Self.lessons] + arguments, in: NSTemporaryDirectory(), environment: environment, input: input)
        }
        return try await binary.runOffThePool(["--lessons", Self.lessons] + arguments, in: NSTemporaryDirectory(), environment: environment)
    }

    func json(_ output: RedislingsBinary.Output) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any], "\(output.standardError)")
    }

    @Test func aLearnerStopsResumesFinishesAndReviewsTheNextDay() async throws {
        defer { try? FileManager.default.removeItem(atPath: home) }
        #expect(try await run(["show", "18", "--plain"]).status == 0)

        // Three answers typed (the command's expiry and the second answer wrong), then the end of
        // input: the attempt is kept.
        let first = try await run(["quiz", "18"], input: "set lock:invoice t1 ex 60 nx\nA\nB\n")
        first.expect(status: 0)
        #expect(first.standardOutput.contains("Question 3 of 9"))
        #expect(first.standardOutput.contains("✗ Not quite: the answer is B."))
        #expect(first.standardOutput.contains("Stopped with 3 of 9 answered"))

        // The resumed run starts at question 4; question 7 is answered with its letters reordered.
        var rest = Array(Self.rightAnswers.dropFirst(3))
        rest[7 - 4] = "CA"
        let finished = try await json(run(["quiz", "18", "--json", "--answers", rest.joined(separator: ",")]))
        #expect(finished["finished"] as? Bool == true)
        #expect(finished["answered"] as? Int == 9)
        #expect(finished["score"] as? Int == 7)
        #expect(finished["max_score"] as? Int == 9)
        #expect(finished["status"] as? String == "passed")
        // Unshuffled, shuffle_seed is there all the same, as null.
        #expect(finished.keys.contains("shuffle_seed") && finished["shuffle_seed"] is NSNull)
        #expect(finished["missed"] as? [Int] == [1, 2])
        let checks = try #require(finished["checks"] as? [[String: Any]])
        #expect((checks[0]["message"] as? String)?.contains("60 s to live, where the answer leaves 30 s") == true)
        #expect(checks[6]["status"] as? String == "passed")

        let sameDay = try await run(["review"])
        #expect(sameDay.standardOutput.contains("Nothing is due. 2 questions in your boxes; the next is due 2026-11-29 09:00 UTC."))

        // An equivalent rewrite of the command passes; the second answer is wrong again.
        let nextDay = try await run(["review", "--answers", "SET lock:invoice t1 EX 30 NX,C"], now: "2026-11-29T10:00:00Z")
        nextDay.expect(status: 0)
        #expect(nextDay.standardOutput.contains("Review: 2 questions due."))
        #expect(nextDay.standardOutput.contains("Lesson 18, question 1 (box 1)"))
        #expect(nextDay.standardOutput.contains("→ box 2, next due 2026-12-01 10:00 UTC."))
        #expect(nextDay.standardOutput.contains("✗ Not quite"))
        #expect(nextDay.standardOutput.contains("→ box 1, next due 2026-11-30 10:00 UTC."))

        let progress = try await json(run(["progress", "--json"], now: "2026-11-29T10:00:00Z"))
        let lessons = try #require(progress["lessons"] as? [[String: Any]])
        let eighteen = try #require(lessons.first { $0["number"] as? Int == 18 })
        #expect(eighteen["read"] as? Bool == true)
        #expect(eighteen["quiz_best_score"] as? Int == 7)
        #expect(eighteen["quiz_max_score"] as? Int == 9)
        #expect(eighteen["quiz_unfinished_answered"] == nil)
        #expect(eighteen["review_cards"] as? Int == 2)
        #expect(eighteen["reviews_due"] as? Int == 0)
        #expect((eighteen["seconds_spent"] as? Double ?? 0) > 0)
        #expect(lessons.first { $0["number"] as? Int == 3 }?["read"] as? Bool == false)

        let text = try await run(["progress"], now: "2026-11-29T10:00:00Z")
        // The exercise count follows the course's Exercises folder, so only its shape is fixed here.
        #expect(text.standardOutput.contains(#/18  Redis Coordination Patterns and a Real-Time Chat\n    read: yes   exercises \[-+\] 0/\d+   quiz best: 7/9 \(77%\)/#))
    }

    @Test func readingALessonInTheREPLMarksItRead() async throws {
        defer { try? FileManager.default.removeItem(atPath: home) }
        let session = try await run(["learn", "14"], input: ":lesson 03\n")
        session.expect(status: 0)
        let lessons = try #require(try await json(run(["progress", "--json"]))["lessons"] as? [[String: Any]])
        // Only lesson 03, read first, is marked; the number of lessons follows the course's Lessons folder.
        #expect(lessons.count > 1)
        #expect(lessons.map { $0["read"] as? Bool } == [true] + Array(repeating: false, count: lessons.count - 1))
        #expect(lessons.first?["last_read"] as? String == "2026-11-28T09:00:00Z")
    }

    @Test func shuffledOptionsAreLetteredAsShownAndSavedInTheLessonsLetters() async throws {
        defer { try? FileManager.default.removeItem(atPath: home) }
        let shown = try await run(["quiz", "14", "--seed", "7"], input: "A\n")
        // Option A as shown, and the lesson's option it stands for.
        let lineA = try #require(shown.standardOutput.split(separator: "\n").first { $0.hasPrefix("  A) ") })
        let optionText = String(lineA.dropFirst(5))
        let lessonOptions = ["The id under which the message was stored", "The number of deliveries it made: one per subscribed client, plus one per matching pattern subscription",
                             "`OK` once every subscriber has processed the message", "Nothing; PUBLISH never replies"]
        let lessonLetter = try #require(lessonOptions.firstIndex(of: optionText)).description
        let results = try await json(run(["quiz", "14", "--json", "--answers", ""]))
        #expect(results["shuffle_seed"] as? Int == 7)
        let check = try #require((results["checks"] as? [[String: Any]])?.first)
        let expectedLetter = String(UnicodeScalar(UInt8(65 + Int(lessonLetter)!)))
        #expect(check["answer"] as? String == expectedLetter)
        #expect(check["status"] as? String == (expectedLetter == "B" ? "passed" : "failed"))
        // The right answer is named in the shown letters.
        if expectedLetter != "B" {
            let rightShown = try #require(shown.standardOutput.split(separator: "\n").first { $0.hasSuffix(") " + lessonOptions[1]) })
            #expect(shown.standardOutput.contains("✗ Not quite: the answer is \(rightShown.dropFirst(2).prefix(1))."))
        }
    }

    @Test func badInputGetsClearErrors() async throws {
        defer { try? FileManager.default.removeItem(atPath: home) }
        let unknown = try await run(["quiz", "99"])
        #expect(unknown.status != 0)
        #expect(unknown.standardError.contains("Error: No lesson '99'"))

        let unreadable = try await run(["quiz", "14", "--answers", "B,maybe"])
        #expect(unreadable.status != 0)
        #expect(unreadable.standardError.contains("The answer 'maybe' to question 2 cannot be read"))
        #expect(try await json(run(["quiz", "14", "--json", "--answers", ""]))["answered"] as? Int == 1)

        let badNow = try await run(["quiz", "14"], now: "yesterday")
        #expect(badNow.status != 0)
        #expect(badNow.standardError.contains("REDISLINGS_NOW: 'yesterday' is not an ISO 8601 date and time"))
    }

    @Test func aDamagedDatabaseIsNamedAndLeftAsItWas() async throws {
        defer { try? FileManager.default.removeItem(atPath: home) }
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let database = home + "/progress.sqlite"
        try Data("this is not SQLite\n".utf8).write(to: URL(fileURLWithPath: database))
        for command in [["quiz", "14"], ["progress"], ["review"], ["reset", "--yes"]] {
            let output = try await run(command)
            #expect(output.status == 1, "\(command)")
            #expect(output.standardError.hasPrefix("Error: \(database): this is not a readable progress database"), "\(command)")
            #expect(output.standardError.contains("Help: redislings will not overwrite it"))
        }
        #expect(try String(contentsOfFile: database, encoding: .utf8) == "this is not SQLite\n")
        // Reading a lesson still works; it only warns that the read was not recorded.
        let show = try await run(["show", "14", "--plain"])
        show.expect(status: 0)
        #expect(show.standardError.contains("warning: reading lesson 14 was not recorded"))
    }

    @Test func resetAsksOrRefusesAndForgetsOnlyWhatIsNamed() async throws {
        defer { try? FileManager.default.removeItem(atPath: home) }
        _ = try await run(["quiz", "14", "--answers", "A"])
        _ = try await run(["show", "03", "--plain"])
        let refused = try await run(["reset", "14"])
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("reset needs a confirmation and standard input is not a terminal"))
        #expect(try await json(run(["quiz", "14", "--json", "--answers", ""]))["answered"] as? Int == 1)

        let reset = try await run(["reset", "14", "--yes"])
        reset.expect(status: 0)
        #expect(reset.standardOutput.contains("Forgot lesson 14's quiz attempts"))
        #expect(try await json(run(["quiz", "14", "--json", "--answers", ""]))["answered"] as? Int == 0)
        let progress = try await json(run(["progress", "--json"]))
        let lessons = try #require(progress["lessons"] as? [[String: Any]])
        #expect(lessons.first { $0["number"] as? Int == 3 }?["read"] as? Bool == true)

        // An exercise's records (written here as the exercise runner will write them).
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") {
            let insert = try runShell("""
                sqlite3 '\(home)/progress.sqlite' "INSERT INTO exercise_result (exercise_id, lesson, score, max_score, passed, recorded_at) \
                VALUES ('pubsub-01', 'backend-intermediate-14', 3, 3, 1, '2026-11-28 09:00:00.000')"
                """)
            #expect(insert.status == 0, "\(insert.output)")
            let exercise = try await run(["reset", "pubsub-01", "--yes"])
            #expect(exercise.standardOutput == "Forgot exercise pubsub-01's results and hints (1 record).\n")
        } else {
            print("skipped the exercise reset: the sqlite3 command-line tool is not installed")
        }

        let nothing = try await run(["reset", "no-such-thing", "--yes"])
        #expect(nothing.status != 0)
        #expect(nothing.standardError.contains("'no-such-thing' is neither a lesson"))
        #expect(try await run(["reset", "--yes"]).standardOutput.hasPrefix("Forgot all your progress"))
    }
}
