import Foundation
import RedislingsTestSupport
import Testing

/// Exercises in the REPL on a live Redis: an exercise whose keys are taken does not start, one
/// that starts is checked on the server and leaves nothing, and a saved exercise is not set up
/// again by itself when the REPL opens (its setup writes keys).
@Suite(.serialized) struct LiveREPLExerciseTests {
    @Test func liveExercisesRefuseTakenKeysAndAreNotSetUpAgainByThemselves() async throws {
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

        let refused = try await REPLProcess.runOffThePool(arguments: learn + ["--live", "redis://127.0.0.1:\(server.port)/5", "--allow-nonempty"], lines: [":exercise 1"], home: home)
        #expect(refused.standardOutput.contains("already holds `fixture:counter`, which this exercise would change"), "\(refused.standardOutput)")
        #expect(try runShell("\(cli) -n 5 GET fixture:counter").output == "41\n")
        #expect(try runShell("\(cli) -n 5 DBSIZE").output == "1\n")

        let solved = try await REPLProcess.runOffThePool(arguments: learn + ["--live", "redis://127.0.0.1:\(server.port)/6"], lines: [
            ":exercise 1", "PUBLISH fixture:news hello", "INCR fixture:counter", "INCR fixture:counter", "INCR fixture:counter",
            "GET fixture:counter", ":check",
        ], home: home)
        #expect(solved.standardOutput.contains("Score 10/10: passed."), "\(solved.standardOutput)")
        #expect(try runShell("\(cli) -n 6 DBSIZE").output == "0\n")

        let reopened = try await REPLProcess.runOffThePool(arguments: learn + ["--live", "redis://127.0.0.1:\(server.port)/6"], lines: ["DBSIZE"], home: home)
        #expect(reopened.standardOutput.hasPrefix("Exercise 1.1 Publish to a listener was open when you left. On a live Redis it is not set up again by itself"), "\(reopened.standardOutput)")
        #expect(reopened.standardOutput.hasSuffix("(integer) 0\n"), "\(reopened.standardOutput)")
        #expect(try runShell("\(cli) ACL USERS").output == "default\n")
    }

    /// A live REPL killed with SIGKILL cannot delete the keys it created; the next session on
    /// that database reclaims them (they are listed in the dead session's ACL user), so the
    /// learner is not locked out, and a key that was someone else's stays.
    @Test func keysOfAKilledSessionDoNotLockTheLearnerOut() async throws {
        guard RedisServerProcess.isInstalled else {
            print("LiveREPLExerciseTests skipped: redis-server is not installed")
            return
        }
        let server = try RedisServerProcess()
        defer { server.stop() }
        let binary = try RedislingsBinary.built()
        let cli = "redis-cli -p \(server.port)"
        #expect(try runShell("\(cli) -n 4 SET theirs precious").output == "OK\n")
        let home = REPLProcess.temporaryHome()
        let scratch = REPLProcess.temporaryHome()
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        // The REPL reads from a FIFO kept open, so it waits at the prompt until it is killed.
        let script = """
            cd '\(scratch)' && mkfifo input
            sleep 30 > input & holder=$!
            REDISLINGS_HOME='\(home)' '\(binary.path)' --live redis://127.0.0.1:\(server.port)/9 < input > output 2>&1 & repl=$!
            printf 'SET mine:1 a\\nSET mine*[2] b\\n' > input
            for i in $(seq 1 100); do [ "$(\(cli) -n 9 DBSIZE)" = 2 ] && break; sleep 0.1; done
            kill -9 $repl; wait $repl 2>/dev/null; kill $holder
            \(cli) -n 9 DBSIZE
            """
        #expect(try await runShellOffThePool(script).output == "2\n")
        let next = try await REPLProcess.runOffThePool(arguments: ["--live", "redis://127.0.0.1:\(server.port)/9"], lines: ["DBSIZE"], home: home)
        next.expect(status: 0)
        #expect(next.standardOutput == "(integer) 0\n", "\(next.standardOutput)\(next.standardError)")
        #expect(try runShell("\(cli) ACL USERS").output == "default\n")
        #expect(try runShell("\(cli) -n 4 GET theirs").output == "precious\n")
    }
}
