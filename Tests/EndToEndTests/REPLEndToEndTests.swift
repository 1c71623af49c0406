import Foundation
import Testing
import RedislingsTestSupport

/// The built `redislings` binary driven through its standard input, as a script would.
@Suite struct REPLEndToEndTests {
    static let course = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/REPLCourse").path

    @Test func scriptedSessionRunsCommandsAndMetaCommands() async throws {
        let run = try await REPLProcess.runOffThePool(lines: [
            "SET k \"a b\"", "GET k", "RPUSH l x y", "LRANGE l 0 -1", "GET 'unbalanced", "help publish",
            ":run", ":run 1", ":advance 2s", ":as bob PUBLISH news hi", ":next", ":run 1", ":quit", "PING",
        ])
        run.expect(status: 0)
        #expect(run.standardOutput == """
            OK
            "a b"
            (integer) 2
            1) "x"
            2) "y"
            Invalid argument(s)

              PUBLISH channel message
              summary: Send a message to a channel; answers how many subscribers received it
              since: 2.0.0
              group: pubsub

            Usage: :run N, where N is 1 to 2. The examples of lesson 01:
              1) SET greeting "hello world"  (+1 more)
              2) INCR visits  (+1 more)
            simulator> SET greeting "hello world"
            OK
            simulator> GET greeting
            "hello world"
            The simulator's clock moved 2s forward; it is now 2s ahead of real time.
            (integer) 0
            Lesson 02 (2 of 2): Channels
            Type :lesson to read it, :run 1 runs its example, :next for the next lesson, :help for more.
            simulator> PUBLISH news "hi there"
            (integer) 0

            """)
    }

    @Test func lessonRendersAndTheSessionResumesWhereItStopped() async throws {
        let home = REPLProcess.temporaryHome()
        let first = try await REPLProcess.runOffThePool(arguments: ["learn", "channels"], lines: [":lesson"], home: home)
        first.expect(status: 0)
        #expect(first.standardOutput.contains("Channels"))
        #expect(first.standardOutput.contains("Nobody listens yet"))
        // A link to another lesson names it and the meta-command that opens it, not its file.
        #expect(first.standardOutput.contains("the first lesson (lesson 01: :lesson 01) for keys"), "\(first.standardOutput)")
        #expect(!first.standardOutput.contains("%20"))
        let state = try String(contentsOfFile: home + "/state", encoding: .utf8)
        #expect(state.contains("lesson: channels"))
        let again = try await REPLProcess.runOffThePool(lines: [":lessons", ":prev"], home: home)
        #expect(again.standardOutput.hasPrefix("  01  Keys First\n* 02  Channels\nLesson 01 (1 of 2): Keys First\n"))
        let third = try await REPLProcess.runOffThePool(lines: [":lessons"], home: home)
        #expect(third.standardOutput == "* 01  Keys First\n  02  Channels\n")
    }

    @Test func aCorruptStateFileIsNamedAndNothingCrashes() async throws {
        let home = REPLProcess.temporaryHome()
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try "lesson: keys-first\nthis line is not a setting\n".write(toFile: home + "/state", atomically: true, encoding: .utf8)
        let run = try await REPLProcess.runOffThePool(lines: ["PING"], home: home)
        run.expect(status: 1)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.contains("\(home)/state:2"))
        #expect(run.standardError.contains("delete the file"))
    }

    /// A REDISLINGS_HOME that cannot be used (here a file) is told the same way everywhere: the
    /// commands that only read (`learn`, `show`, `list`, `hint`) work and warn that nothing is
    /// recorded; those whose job is the record (`quiz`, `progress`, `review`) stop, naming it.
    @Test func anUnusableHomeWarnsWhereItOnlyReadsAndStopsWhereItRecords() async throws {
        let home = REPLProcess.temporaryHome()
        try "not a directory\n".write(toFile: home, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let binary = try RedislingsBinary.built()
        let environment = ["REDISLINGS_HOME": home, "REDISLINGS_COURSE": REPLEndToEndTests.course]
        let learn = try await binary.runOffThePool(["--no-raw"], in: NSTemporaryDirectory(), environment: environment, input: "PING\n:next\n")
        learn.expect(status: 0)
        #expect(learn.standardOutput.hasPrefix("PONG\n"), "\(learn.standardOutput)")
        #expect(learn.standardError.contains("warning: your place in the course is not read or saved: \(home)/state"), "\(learn.standardError)")
        #expect(learn.standardError.components(separatedBy: "was not recorded").count <= 2, "time warns once: \(learn.standardError)")
        for reading in [["show", "01", "--plain"], ["list"]] {
            let run = try await binary.runOffThePool(reading, in: NSTemporaryDirectory(), environment: environment)
            run.expect(status: 0)
        }
        let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/ExerciseCourse/Lessons").path
        let hint = try await binary.runOffThePool(["hint", "1.1", "--lessons", lessons], in: NSTemporaryDirectory(), environment: environment)
        hint.expect(status: 0)
        #expect(hint.standardOutput.hasPrefix("Hint 1/"), "\(hint.standardOutput)")
        #expect(hint.standardError.contains("warning: this hint was not counted"), "\(hint.standardError)")
        for recording in [["quiz", "18", "--lessons", QuizCommandsTests.lessons], ["progress"], ["review"]] {
            let run = try await binary.runOffThePool(recording, in: NSTemporaryDirectory(), environment: environment, input: "")
            #expect(run.status == 1, "\(recording)")
            #expect(run.standardError.hasPrefix("Error: \(home)/progress.sqlite: cannot open or write the progress database"), "\(recording): \(run.standardError)")
        }
    }

    @Test func liveModeTalksToARealRedis() async throws {
        guard RedisServerProcess.isInstalled else {
            print("skipped: redis-server is not installed (scripts/install-deps.sh --test installs it)")
            return
        }
        let server = try RedisServerProcess()
        defer { server.stop() }
        let run = try await REPLProcess.runOffThePool(
            arguments: ["learn", "--live", "redis://127.0.0.1:\(server.port)/3"],
            lines: ["SET k \"a\\x00b\"", "GET k", "DBSIZE", ":reset", "SELECT 0", "DBSIZE"])
        run.expect(status: 0)
        #expect(run.standardOutput == """
            OK
            "a\\x00b"
            (integer) 1
            :reset works on the built-in simulator only; on a live Redis it would delete your data.
            (error) NOPERM this user has no permissions to run the 'select' command
            (integer) 1

            """)
        // The session's ACL user may not leave its database, and what it created went with it.
        #expect(try runShell("redis-cli -p \(server.port) -n 3 DBSIZE").output == "0\n")
    }

    /// Piped, the REPL prints what redis-cli prints piped: raw replies (bytes as they are,
    /// nil as an empty line, arrays one element a line, an error and an empty line), with
    /// notices on standard error; `--no-raw` keeps the terminal format.
    @Test func pipedOutputIsRawAsRedisCliPrintsIt() async throws {
        let lines = ["SET k v", "GET k", "GET nokey", "INCR n", "RPUSH l a b \"c d\"", "LRANGE l 0 -1", "LRANGE none 0 -1",
                     "SUBSCRIB news", "EVAL \"return {1,{2,3}}\" 0"]
        let run = try await REPLProcess.runOffThePool(arguments: ["--raw"], lines: lines)
        run.expect(status: 0)
        #expect(run.standardOutput == "OK\nv\n\n1\n3\na\nb\nc d\n\nERR unknown command 'SUBSCRIB', with args beginning with: 'news' \n\n1\n2\n3\n")
        #expect(!run.standardError.contains("did you mean"))
        let formatted = try await REPLProcess.runOffThePool(arguments: ["--no-raw"], lines: ["GET nokey", "SUBSCRIB news"])
        #expect(formatted.standardOutput == "(nil)\n(error) ERR unknown command 'SUBSCRIB', with args beginning with: 'news' \n")
        #expect(formatted.standardError.contains("(did you mean SUBSCRIBE?)"))
        guard RedisServerProcess.isInstalled else {
            print("skipped the comparison with redis-cli: redis-server is not installed")
            return
        }
        let server = try RedisServerProcess()
        defer { server.stop() }
        let input = NSTemporaryDirectory() + "redislings-raw-\(UUID().uuidString)"
        try lines.map { $0 + "\n" }.joined().write(toFile: input, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: input) }
        let real = shellOutput("redis-cli -p \(server.port) < \(shellQuoted(input)) 2>/dev/null")
        #expect(run.standardOutput == real)
    }

    /// A wrong `:run` says what was wrong before listing the examples.
    @Test func aWrongRunNumberSaysWhatWasWrong() async throws {
        let run = try await REPLProcess.runOffThePool(lines: [":run 99", ":run 0", ":run abc", ":run 1 2"])
        #expect(run.standardOutput.contains("Lesson 01 has no example 99: its examples are 1 to 2.\nUsage: :run N"))
        #expect(run.standardOutput.contains("Lesson 01 has no example 0: its examples are 1 to 2.\nUsage: :run N"))
        #expect(run.standardOutput.contains("'abc' is not a number.\nUsage: :run N"))
        #expect(run.standardOutput.contains(":run takes one number, not 2 words.\nUsage: :run N"))
    }

    @Test func anUnknownLessonSaysWhichExist() async throws {
        let run = try await REPLProcess.runOffThePool(arguments: ["learn", "nope"], lines: [])
        #expect(run.status != 0)
        #expect(run.standardError.contains("No lesson 'nope'"))
        #expect(run.standardError.contains("01 keys-first"))
    }
}

/// The built binary on the REPL fixture course, with lines on its standard input (not a
/// terminal, as in a script), in a home of its own that is also its working directory.
enum REPLProcess {
    static func temporaryHome() -> String {
        NSTemporaryDirectory() + "redislings-repl-e2e-\(UUID().uuidString)"
    }

    /// Runs the session off the cooperative pool: one against a live Redis takes many seconds.
    static func runOffThePool(arguments: [String] = [], lines: [String], home: String = temporaryHome()) async throws -> RedislingsBinary.Output {
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        // Piped, replies are raw as redis-cli prints them; these tests read the terminal format.
        let format = arguments.contains("--raw") || arguments.contains("--no-raw") ? [] : ["--no-raw"]
        return try await RedislingsBinary.built().runOffThePool(
            arguments + format, in: home,
            environment: ["HOME": home, "REDISLINGS_HOME": home, "REDISLINGS_COURSE": REPLEndToEndTests.course],
            input: lines.map { $0 + "\n" }.joined())
    }
}
