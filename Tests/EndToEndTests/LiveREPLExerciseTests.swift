import Foundation
import RedislingsTestSupport
import Testing

/// Exercises in the REPL on a live Redis: an exercise whose keys are taken does not start, one
/// that starts is checked on the server and leaves nothing, and a saved exercise is not set up
/// again by itself when the REPL opens (its setup writes keys).
@Suite(.serialized) struct LiveREPLExerciseTests {
    @Test func liveExercisesRefuseTakenKeysAndAreNotSetUpAgainByThemselves() throws {
        guard RedisServerProcess.isInstalled else {
            print("LiveREPLExerciseTests skipped: redis-server is not installed")
            return
        }
        let server = try RedisServerProcess()
        defer { server.stop() }
        let cli = "redis-cli -p \(server.port)"
        #expect(try runShell("\(cli) -n 5 SET fixture:counter 41").output == "OK\n")
        let home = REPLProcess.temporaryHome()
        let learn = ["learn", "--lessons", ExerciseREPLTests.lessons]

        let refused = try REPLProcess.run(arguments: learn + ["--live", "redis://127.0.0.1:\(server.port)/5", "--allow-nonempty"], lines: [":exercise 1"], home: home)
        #expect(refused.output.contains("already holds `fixture:counter`, which this exercise would change"), "\(refused.output)")
        #expect(try runShell("\(cli) -n 5 GET fixture:counter").output == "41\n")
        #expect(try runShell("\(cli) -n 5 DBSIZE").output == "1\n")

        let solved = try REPLProcess.run(arguments: learn + ["--live", "redis://127.0.0.1:\(server.port)/6"], lines: [
            ":exercise 1", "PUBLISH fixture:news hello", "INCR fixture:counter", "INCR fixture:counter", "INCR fixture:counter",
            "GET fixture:counter", ":check",
        ], home: home)
        #expect(solved.output.contains("Score 10/10: passed."), "\(solved.output)")
        #expect(try runShell("\(cli) -n 6 DBSIZE").output == "0\n")

        let reopened = try REPLProcess.run(arguments: learn + ["--live", "redis://127.0.0.1:\(server.port)/6"], lines: ["DBSIZE"], home: home)
        #expect(reopened.output.hasPrefix("Exercise 1.1 Publish to a listener was open when you left. On a live Redis it is not set up again by itself"), "\(reopened.output)")
        #expect(reopened.output.hasSuffix("(integer) 0\n"), "\(reopened.output)")
        #expect(try runShell("\(cli) ACL USERS").output == "default\n")
    }
}
