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
        #expect(run.status == 0)
        #expect(run.output == """
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
        #expect(first.status == 0)
        #expect(first.output.contains("Channels"))
        #expect(first.output.contains("Nobody listens yet"))
        // A link to another lesson names it and the meta-command that opens it, not its file.
        #expect(first.output.contains("the first lesson (lesson 01: :lesson 01) for keys"), "\(first.output)")
        #expect(!first.output.contains("%20"))
        let state = try String(contentsOfFile: home + "/state", encoding: .utf8)
        #expect(state.contains("lesson: channels"))
        let again = try await REPLProcess.runOffThePool(lines: [":lessons", ":prev"], home: home)
        #expect(again.output.hasPrefix("  01  Keys First\n* 02  Channels\nLesson 01 (1 of 2): Keys First\n"))
        let third = try await REPLProcess.runOffThePool(lines: [":lessons"], home: home)
        #expect(third.output == "* 01  Keys First\n  02  Channels\n")
    }

    @Test func aCorruptStateFileIsNamedAndNothingCrashes() async throws {
        let home = REPLProcess.temporaryHome()
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try "lesson: keys-first\nthis line is not a setting\n".write(toFile: home + "/state", atomically: true, encoding: .utf8)
        let run = try await REPLProcess.runOffThePool(lines: ["PING"], home: home)
        #expect(run.status == 1)
        #expect(run.output.isEmpty)
        #expect(run.errors.contains("\(home)/state:2"))
        #expect(run.errors.contains("delete the file"))
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
        #expect(run.status == 0)
        #expect(run.output == """
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
        #expect(run.status == 0)
        #expect(run.output == "OK\nv\n\n1\n3\na\nb\nc d\n\nERR unknown command 'SUBSCRIB', with args beginning with: 'news' \n\n1\n2\n3\n")
        #expect(!run.errors.contains("did you mean"))
        let formatted = try await REPLProcess.runOffThePool(arguments: ["--no-raw"], lines: ["GET nokey", "SUBSCRIB news"])
        #expect(formatted.output == "(nil)\n(error) ERR unknown command 'SUBSCRIB', with args beginning with: 'news' \n")
        #expect(formatted.errors.contains("(did you mean SUBSCRIBE?)"))
        guard RedisServerProcess.isInstalled else {
            print("skipped the comparison with redis-cli: redis-server is not installed")
            return
        }
        let server = try RedisServerProcess()
        defer { server.stop() }
        let input = NSTemporaryDirectory() + "redislings-raw-\(UUID().uuidString)"
        try lines.map { $0 + "\n" }.joined().write(toFile: input, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: input) }
        let real = REPLProcess.shell("redis-cli -p \(server.port) < \(REPLProcess.quote(input)) 2>/dev/null")
        #expect(run.output == real)
    }

    /// A wrong `:run` says what was wrong before listing the examples.
    @Test func aWrongRunNumberSaysWhatWasWrong() async throws {
        let run = try await REPLProcess.runOffThePool(lines: [":run 99", ":run 0", ":run abc", ":run 1 2"])
        #expect(run.output.contains("Lesson 01 has no example 99: its examples are 1 to 2.\nUsage: :run N"))
        #expect(run.output.contains("Lesson 01 has no example 0: its examples are 1 to 2.\nUsage: :run N"))
        #expect(run.output.contains("'abc' is not a number.\nUsage: :run N"))
        #expect(run.output.contains(":run takes one number, not 2 words.\nUsage: :run N"))
    }

    @Test func anUnknownLessonSaysWhichExist() async throws {
        let run = try await REPLProcess.runOffThePool(arguments: ["learn", "nope"], lines: [])
        #expect(run.status != 0)
        #expect(run.errors.contains("No lesson 'nope'"))
        #expect(run.errors.contains("01 keys-first"))
    }
}

/// Runs the binary through the shell with lines on its standard input.
enum REPLProcess {
    struct Result {
        var output: String
        var errors: String
        var status: Int32
    }

    static func temporaryHome() -> String {
        NSTemporaryDirectory() + "redislings-repl-e2e-\(UUID().uuidString)"
    }

    /// `run` on a Dispatch thread: a session against a live Redis takes many seconds, and a
    /// test that waits for it on the cooperative pool stalls every other async test.
    static func runOffThePool(arguments: [String] = [], lines: [String], home: String = temporaryHome()) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Swift.Result { try run(arguments: arguments, lines: lines, home: home) })
            }
        }
    }

    static func run(arguments: [String] = [], lines: [String], home: String = temporaryHome()) throws -> Result {
        let binary = try #require(RedislingsBinary.locate(), "build the redislings product first (swift build)")
        let scratch = temporaryHome()
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let input = scratch + "/input", errors = scratch + "/errors"
        try (lines.map { $0 + "\n" }.joined()).write(toFile: input, atomically: true, encoding: .utf8)
        let command = ["env", "-i", "PATH=/usr/bin:/bin", "HOME=\(scratch)", "REDISLINGS_HOME=\(home)",
                       "REDISLINGS_COURSE=\(REPLEndToEndTests.course)", "COLUMNS=80", binary.path] + arguments
            // Piped, replies are raw as redis-cli prints them; these tests read the terminal format.
            + (arguments.contains("--raw") || arguments.contains("--no-raw") ? [] : ["--no-raw"])
        let line = command.map(quote).joined(separator: " ") + " < \(quote(input)) 2> \(quote(errors)); echo \"exit=$?\""
        var output = shell(line)
        var status: Int32 = -1
        if let range = output.range(of: "exit=", options: .backwards) {
            status = Int32(output[range.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
            output = String(output[..<range.lowerBound])
        }
        let errorText = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        return Result(output: output, errors: errorText, status: status)
    }

    static func quote(_ argument: String) -> String { shellQuoted(argument) }

    static func shell(_ command: String) -> String { shellOutput(command) }
}
