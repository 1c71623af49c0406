import Foundation
import RedislingsTestSupport
import Testing

/// Live mode on a real redis-server full of someone else's keys, some named as the exercises'
/// keys are: students who attack the grader, a looping student, `exercise check`, `dev check`
/// and the REPL leave every key outside their own byte for byte as it was (DUMP of every key of
/// every database), and correct students keep full marks.
@Suite(.serialized) struct LiveSafetyTests {
    static let fixtures = GradeCommandTests.fixtures
    static let course = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `body` with a redis-server of its own, the built binary and an empty scratch
    /// folder named after `name`; skips, saying so, when redis-server is not installed.
    static func withLiveServer(_ name: String, _ body: (RedisServerProcess, RedislingsBinary, URL) async throws -> Void) async throws {
        guard RedisServerProcess.isInstalled else {
            print("LiveSafetyTests skipped: redis-server is not installed")
            return
        }
        let server = try RedisServerProcess()
        defer { server.stop() }
        let binary = try RedislingsBinary.built()
        let work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("\(name)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try await body(server, binary, work)
    }

    /// DUMP of every key in every database, one line each, sorted.
    static func snapshot(_ port: Int) async throws -> String {
        // About 1,400 runs of redis-cli: a loaded machine has taken more than the default minute,
        // and a snapshot cut short differs from the one before it.
        try await runShellOffThePool(snapshotScript(port), timeout: 600).output
    }

    /// The shell script `snapshot` runs.
    private static func snapshotScript(_ port: Int) -> String {
        """
            for db in $(seq 0 15); do
              redis-cli -p \(port) -n $db --scan | while read -r key; do
                printf '%s %s %s %s\\n' "$db" "$key" "$(redis-cli -p \(port) -n $db --no-raw DUMP "$key")" "$(redis-cli -p \(port) -n $db PTTL "$key" | sed 's/^[0-9][0-9]*$/ttl/')"
              done
            done | sort
            """
    }

    /// Someone else's data: in every database a few keys, among them the exercises' own names
    /// (`counter`, `lock`, `orders`, `news`) wherever grading does not run.
    static func fill(_ port: Int, skipping grading: Set<Int>) throws {
        var commands: [String] = []
        for db in 0...15 {
            commands.append("SELECT \(db)")
            commands.append("SET keep:me precious-\(db)")
            commands.append("HSET profile:\(db) name ada visits \(db)")
            commands.append("RPUSH queue a b c")
            if !grading.contains(db) {
                commands += ["SET counter 41", "SET lock someone-else", "XADD orders 1-1 item tea", "SET news old", "SET scratch x"]
                commands += ["SET account:a 100", "SET account:savings 5", "RPUSH transfers t1", "SET greeting hi", "SET rate:u7 3"]
            }
        }
        let script = commands.joined(separator: "\n")
        let result = try runShell("printf '%s\\n' '\(script)' | redis-cli -p \(port) >/dev/null && redis-cli -p \(port) -n 0 DBSIZE")
        #expect(result.output != "0\n")
    }

    @Test func gradingAttacksAndALoopChangeNothingOutsideTheirJobs() async throws {
        try await Self.withLiveServer("live-safety") { server, binary, work in
            let fall = work.appendingPathComponent("fall")
            try FileManager.default.createDirectory(at: fall, withIntermediateDirectories: true)
            let ada = Self.fixtures.appendingPathComponent("Class/ada")
            for student in ["ada", "bea", "cai"] {
                try FileManager.default.createDirectory(at: fall.appendingPathComponent(student), withIntermediateDirectories: true)
                for file in ["ex-counter.redis", "ex-lock.lua"] {
                    try FileManager.default.copyItem(at: ada.appendingPathComponent(file), to: fall.appendingPathComponent("\(student)/\(file)"))
                }
            }
            let correctCounter = try String(contentsOf: ada.appendingPathComponent("ex-counter.redis"), encoding: .utf8)
            let attacks: [String: (counter: String, lock: String)] = [
                "x-alias": (correctCounter + "EVAL \"local r = redis r.call(\\\"FLUSHALL\\\") return 1\" 0\n", "local r = redis  r.call('FLUSHALL') return 1"),
                "x-dbs": (correctCounter + "SWAPDB 10 11\nSELECT 0\nFLUSHDB\nMOVE counter 0\nCOPY counter lock DB 0 REPLACE\n",
                          "for db=0,15 do redis.call('SELECT',db) redis.call('SET','lock','x','PX',60000) end return 1"),
                "x-admin": (correctCounter + "AUTH default x\nDEL keep:me queue\nRESET\nDEL keep:me queue\nHELLO 2 AUTH default x\nDEL keep:me\nFLUSHALL\nSCRIPT FLUSH\nCONFIG SET maxmemory 1\n",
                            "redis.call('DEL', 'keep:me') redis.call('SET', 'account:a', 0) return 1"),
                "x-loop": (correctCounter, "while true do end"),
            ]
            for (student, files) in attacks {
                try FileManager.default.createDirectory(at: fall.appendingPathComponent(student), withIntermediateDirectories: true)
                try files.counter.write(to: fall.appendingPathComponent("\(student)/ex-counter.redis"), atomically: true, encoding: .utf8)
                try files.lock.write(to: fall.appendingPathComponent("\(student)/ex-lock.lua"), atomically: true, encoding: .utf8)
            }
            try Self.fill(server.port, skipping: [3, 4])
            let before = try await Self.snapshot(server.port)
            let arguments = [
                "grade", "fall", "--lessons", Self.fixtures.appendingPathComponent("Course/Lessons").path,
                "--exercises", Self.fixtures.appendingPathComponent("Course/Exercises").path, "--out", "reports",
                "--only", "ex-counter", "--only", "ex-lock", "--allow-nonempty",
                "--live", "redis://127.0.0.1:\(server.port)/3", "--jobs", "2", "--time-limit", "12", "--no-gradebook",
            ]
            let environment = ["REDISLINGS_HOME": work.appendingPathComponent("home").path]
            let graded = try await binary.runOffThePool(arguments, in: work.path, environment: environment)
            graded.expect(status: 0)
            let csv = try String(contentsOf: work.appendingPathComponent("reports/gradebook.csv"), encoding: .utf8)
            for student in ["ada", "bea", "cai"] {
                #expect(csv.contains("\n\(student),10,9,19,,\n"), "\(csv)")
            }
            for student in ["x-alias", "x-dbs", "x-admin", "x-loop"] {
                #expect(csv.contains("\n\(student),") && !csv.contains("\n\(student),10,9,"), "\(csv)")
            }
            let results = try String(contentsOf: work.appendingPathComponent("reports/results.json"), encoding: .utf8)
            // Rehearsed on the simulator, the loop never reaches the shared server.
            #expect(results.contains("the script ran past the Lua time budget"), "the looping student is told the script was stopped")
            #expect(try runShell("redis-cli -p \(server.port) PING").output == "PONG\n")
            #expect(try await Self.snapshot(server.port) == before)
            // No run's ACL user is left behind.
            #expect(try runShell("redis-cli -p \(server.port) ACL USERS").output == "default\n")
        }
    }

    @Test func exerciseCheckDevCheckAndTheREPLLeaveForeignKeysAlone() async throws {
        try await Self.withLiveServer("live-safety") { server, binary, work in
            try Self.fill(server.port, skipping: [])
            let before = try await Self.snapshot(server.port)
            let url = "redis://127.0.0.1:\(server.port)/15"
            let course = ["--lessons", Self.fixtures.appendingPathComponent("Course/Lessons").path, "--exercises", Self.fixtures.appendingPathComponent("Course/Exercises").path]
            let environment = ["REDISLINGS_HOME": work.appendingPathComponent("home").path]

            // Every exercise of the fixture course, with its solution: refused, naming the taken key.
            let solution = work.appendingPathComponent("ex-counter.redis")
            try "INCR counter\nINCR counter\nINCR counter\nEXPIRE counter 60\nDEL keep:me\nFLUSHDB\n".write(to: solution, atomically: true, encoding: .utf8)
            let checked = try await binary.runOffThePool(["exercise", "check", "ex-counter", "--file", solution.path, "--live", url, "--allow-nonempty"] + course, in: work.path, environment: environment)
            #expect(checked.standardOutput.contains("already holds") || checked.standardError.contains("already holds"), "\(checked.standardOutput)\(checked.standardError)")

            let dev = try await binary.runOffThePool(["dev", "check", "--live", url, "--allow-nonempty"] + course, in: work.path, environment: environment)
            #expect(dev.standardOutput.contains("already holds"), "\(dev.standardOutput)\(dev.standardError)")

            // The REPL: it may read anything and create keys of its own, never change another's.
            let repl = try await binary.runOffThePool(
                ["--live", url, "--allow-nonempty"] + course, in: work.path, environment: environment,
                input: "GET keep:me\nSET keep:me mine\nDEL queue\nFLUSHDB\nSET mine:fresh 1\nGET mine:fresh\nEVAL \"return redis.call('SET', KEYS[1], 'x')\" 1 counter\n:quit\n")
            #expect(repl.standardOutput.contains("precious-15"), "\(repl.standardOutput)")
            #expect(repl.standardOutput.contains("NOPERM"), "\(repl.standardOutput)")
            // The key the REPL created went with it.
            #expect(try runShell("redis-cli -p \(server.port) -n 15 EXISTS mine:fresh").output == "0\n")
            #expect(try await Self.snapshot(server.port) == before)
            #expect(try runShell("redis-cli -p \(server.port) ACL USERS").output == "default\n")
        }
    }

    @Test func aTimeLimitShorterThanTheLiveWaitsIsRefusedUpFront() async throws {
        try await Self.withLiveServer("live-limit") { server, binary, work in
            try FileManager.default.createDirectory(at: work.appendingPathComponent("fall/ada"), withIntermediateDirectories: true)
            try "INCR rate:u7\n".write(to: work.appendingPathComponent("fall/ada/patterns-fixed-window-rate-limiter.redis"), atomically: true, encoding: .utf8)
            let graded = try await binary.runOffThePool([
                "grade", "fall", "--lessons", Self.course.appendingPathComponent("Lessons").path,
                "--exercises", Self.course.appendingPathComponent("Exercises").path, "--only", "patterns-fixed-window-rate-limiter",
                "--live", "redis://127.0.0.1:\(server.port)/3", "--time-limit", "3", "--no-gradebook",
            ], in: work.path, environment: ["REDISLINGS_HOME": work.appendingPathComponent("home").path])
            #expect(graded.status != 0)
            #expect(graded.standardError.contains("--time-limit 3 is too short on a live Redis"), "\(graded.standardError)")
            #expect(graded.standardError.contains("Pass --time-limit 16 or more"), "\(graded.standardError)")
            #expect(try runShell("redis-cli -p \(server.port) -n 3 DBSIZE").output == "0\n")
        }
    }

    /// A script that writes before looping cannot be killed on Redis (only SHUTDOWN NOSAVE stops
    /// it): rehearsed on the simulator, it never reaches the server, its student is told why,
    /// and the others are graded as if it were not there.
    @Test func aScriptThatWritesThenLoopsNeverReachesTheSharedServer() async throws {
        try await Self.withLiveServer("live-unkillable") { server, binary, work in
            let fall = work.appendingPathComponent("fall")
            let ada = Self.fixtures.appendingPathComponent("Class/ada")
            for student in ["a-writes-then-loops", "ada", "bea", "cai"] {
                try FileManager.default.createDirectory(at: fall.appendingPathComponent(student), withIntermediateDirectories: true)
                for file in ["ex-counter.redis", "ex-lock.lua"] {
                    try FileManager.default.copyItem(at: ada.appendingPathComponent(file), to: fall.appendingPathComponent("\(student)/\(file)"))
                }
            }
            try "redis.call('SET', KEYS[1], 'x') while true do end".write(
                to: fall.appendingPathComponent("a-writes-then-loops/ex-lock.lua"), atomically: false, encoding: .utf8)
            let graded = try await binary.runOffThePool([
                "grade", "fall", "--lessons", Self.fixtures.appendingPathComponent("Course/Lessons").path,
                "--exercises", Self.fixtures.appendingPathComponent("Course/Exercises").path, "--out", "reports",
                "--only", "ex-counter", "--only", "ex-lock", "--live", "redis://127.0.0.1:\(server.port)/3", "--jobs", "2",
                "--time-limit", "6", "--no-gradebook",
            ], in: work.path, environment: ["REDISLINGS_HOME": work.appendingPathComponent("home").path])
            let answering = try runShell("redis-cli -p \(server.port) PING").output
            // Had it reached the server, only SHUTDOWN NOSAVE would end it.
            if answering != "PONG\n" { _ = try? runShell("redis-cli -p \(server.port) SHUTDOWN NOSAVE") }
            #expect(answering == "PONG\n")
            let results = try String(contentsOf: work.appendingPathComponent("reports/results.json"), encoding: .utf8)
            #expect(results.contains("not sent to"), "the looping student is told why the script was not run")
            #expect(!results.contains("infrastructure error"), "\(results)")
            #expect(!graded.standardError.contains("is not answering after grading"), "\(graded.standardError)")
            let csv = try String(contentsOf: work.appendingPathComponent("reports/gradebook.csv"), encoding: .utf8)
            for student in ["ada", "bea", "cai"] { #expect(csv.contains("\n\(student),10,9,19,,\n"), "\(csv)") }
        }
    }

    /// The help of every command that takes `--live` and the README say what live mode really
    /// touches (issue 15: they said course keys start with 'redislings:', which no exercise's did).
    @Test func theHelpAndTheREADMESayWhatLiveModeTouches() async throws {
        let binary = try RedislingsBinary.built()
        for command in [["learn"], ["exercise", "check"], ["watch"], ["dev", "check"], ["grade"], ["web"]] {
            let help = try await binary.runOffThePool(command + ["--help"], in: NSTemporaryDirectory())
            let text = help.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(text.contains("--allow-nonempty Allow a live database that already holds keys: redislings still changes only keys it creates"), "\(command): \(text)")
            #expect(!text.contains("redislings:"), "\(command)")
        }
        let readme = try String(contentsOf: Self.course.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("**the server itself keeps the course away from your keys**"))
        #expect(!readme.contains("course keys start with"))
    }

    /// A key named after every exercise's key patterns, in the course's own Exercises folder, and
    /// the ids of the exercises that declare keys.
    static func collidingNames() throws -> (names: [String], exercises: [String]) {
        let root = course.appendingPathComponent("Exercises")
        var names: Set<String> = []
        var exercises: [String] = []
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        // FORMAT.md, beside the lesson folders, describes the format; exercises are in the folders.
        for file in files where file.pathExtension == "md" && file.deletingLastPathComponent().standardizedFileURL != root.standardizedFileURL {
            let text = try String(contentsOf: file, encoding: .utf8)
            let lines = text.split(separator: "\n")
            guard let line = lines.first(where: { $0.hasPrefix("keys:") }),
                  let id = lines.first(where: { $0.hasPrefix("id:") }) else { continue }
            exercises.append(id.dropFirst("id:".count).trimmingCharacters(in: .whitespaces))
            var list = line.dropFirst("keys:".count)
            if let comment = list.firstIndex(of: "#") { list = list[..<comment] }
            for item in list.split(separator: ",") {
                let pattern = item.trimmingCharacters(in: CharacterSet(charactersIn: " []\"'"))
                if !pattern.isEmpty { names.insert(pattern.replacingOccurrences(of: "*", with: "a").replacingOccurrences(of: "?", with: "a")) }
            }
        }
        return (names.sorted(), exercises.sorted())
    }

    /// The whole course, live on a database holding a key that collides with every exercise's
    /// keys: `dev check`, `exercise check`, grading and the REPL (starting each exercise, and
    /// writing each colliding key) are refused, naming the key, and no key of any database
    /// changes (DUMP and TTL of every key compared before and after), nor is an ACL user left.
    @Test func everyExerciseOfTheCourseLeavesCollidingKeysAlone() async throws {
        try await Self.withLiveServer("live-course") { server, binary, work in
            let (names, exercises) = try Self.collidingNames()
            #expect(names.count > 30)
            let script = names.map { "SET \($0) foreign-\($0)" }.joined(separator: "\n")
            _ = try runShell("printf '%s\\n' '\(script)' | redis-cli -p \(server.port) -n 15 >/dev/null")
            #expect(try runShell("redis-cli -p \(server.port) -n 15 DBSIZE").output == "\(names.count)\n")
            let before = try await Self.snapshot(server.port)
            let url = "redis://127.0.0.1:\(server.port)/15"
            let course = ["--lessons", Self.course.appendingPathComponent("Lessons").path, "--exercises", Self.course.appendingPathComponent("Exercises").path]
            let environment = ["REDISLINGS_HOME": work.appendingPathComponent("home").path]
            let dev = try await binary.runOffThePool(["dev", "check", "--live", url, "--allow-nonempty"] + course, in: work.path, environment: environment)
            #expect(dev.status != 0)
            // Every exercise that uses keys is refused (those that use none can change none).
            let refused = Set(dev.standardOutput.split(separator: "\n").filter { $0.contains("already holds") }.map { $0.prefix { $0 != ":" } })
            #expect(refused.count == exercises.count, "\(dev.standardOutput.prefix(3000))")

            // Without --allow-nonempty the database is refused outright, and the one suggested
            // instead is another, not this one.
            let plain = try await binary.runOffThePool(["exercise", "check", exercises[0], "--live", url] + course, in: work.path, environment: environment)
            #expect(plain.status != 0)
            #expect(plain.standardError.contains("holds \(names.count) keys;"), "\(plain.standardError)")
            #expect(plain.standardError.contains("Use an empty database, e.g. redis://127.0.0.1:\(server.port)/14,"), "\(plain.standardError)")

            // Grading a class that answers every exercise with a wipe: refused before any run.
            let mallory = work.appendingPathComponent("class/mallory")
            try FileManager.default.createDirectory(at: mallory, withIntermediateDirectories: true)
            let wipe = "FLUSHDB\n" + names.map { "DEL \($0)\n" }.joined()
            for exercise in exercises { try wipe.write(to: mallory.appendingPathComponent("\(exercise).redis"), atomically: true, encoding: .utf8) }
            let graded = try await binary.runOffThePool(
                ["grade", "class", "--live", url, "--allow-nonempty", "--jobs", "1", "--no-gradebook", "--out", "reports"] + course,
                in: work.path, environment: environment)
            #expect(graded.status != 0)
            #expect(graded.standardError.contains("database 15 of Redis at \(url) holds `"), "\(graded.standardError)")
            #expect(graded.standardError.contains("redislings changes only keys it creates itself"), "\(graded.standardError)")

            // The REPL: no exercise starts, and no colliding key can be written or deleted.
            let lines = exercises.map { ":exercise \($0)" } + names.flatMap { ["SET \($0) mine", "DEL \($0)"] } + [":quit"]
            let repl = try await binary.runOffThePool(
                ["--live", url, "--allow-nonempty", "--no-raw"] + course, in: work.path, environment: environment,
                input: lines.map { $0 + "\n" }.joined())
            let output = repl.standardOutput
            #expect(output.components(separatedBy: "which this exercise would change").count - 1 == exercises.count, "\(output.prefix(3000))")
            #expect(output.components(separatedBy: "(error) NOPERM").count - 1 == 2 * names.count, "\(output.prefix(3000))")

            #expect(try await Self.snapshot(server.port) == before)
            #expect(try runShell("redis-cli -p \(server.port) ACL USERS").output == "default\n")
        }
    }

    /// `exercise check --live` with a script that never ends: rehearsed on the simulator first,
    /// it is refused before it reaches the server, the learner reads why, and the server answers.
    @Test func aRunawayScriptInExerciseCheckNeverReachesTheServer() async throws {
        try await Self.withLiveServer("live-loop") { server, binary, work in
            try "while true do end".write(to: work.appendingPathComponent("loop.lua"), atomically: true, encoding: .utf8)
            let checked = try await binary.runOffThePool([
                "exercise", "check", "ex-lock", "--file", work.appendingPathComponent("loop.lua").path,
                "--live", "redis://127.0.0.1:\(server.port)/7",
                "--lessons", Self.fixtures.appendingPathComponent("Course/Lessons").path, "--exercises", Self.fixtures.appendingPathComponent("Course/Exercises").path,
            ], in: work.path, environment: ["REDISLINGS_HOME": work.appendingPathComponent("home").path])
            // Rehearsed on the simulator first, the loop never reaches the server.
            #expect((checked.standardOutput + checked.standardError).contains("the script ran past the Lua time budget"), "\(checked.standardOutput)\(checked.standardError)")
            #expect((checked.standardOutput + checked.standardError).contains("tried on the built-in simulator first and not sent to"), "\(checked.standardOutput)\(checked.standardError)")
            // The loop wrote nothing: the learner is told what the server could not do, not that the script wrote.
            #expect((checked.standardOutput + checked.standardError).contains("where a looping script that has written anything can be stopped only by SHUTDOWN NOSAVE"))
            #expect(try runShell("redis-cli -p \(server.port) PING").output == "PONG\n")
            #expect(try runShell("redis-cli -p \(server.port) -n 7 DBSIZE").output == "0\n")

            // A script that writes (SET NX counts as a write even when it sets nothing) and then
            // loops could only be stopped with SHUTDOWN NOSAVE: rehearsed on the simulator, it is
            // refused before it reaches the server, and earns nothing, as on the simulator.
            let half = Self.fixtures.appendingPathComponent("Class/h-lua-half/ex-lock.lua").path
            let stopped = try await binary.runOffThePool([
                "exercise", "check", "ex-lock", "--file", half, "--live", "redis://127.0.0.1:\(server.port)/7", "--json",
                "--lessons", Self.fixtures.appendingPathComponent("Course/Lessons").path, "--exercises", Self.fixtures.appendingPathComponent("Course/Exercises").path,
            ], in: work.path, environment: ["REDISLINGS_HOME": work.appendingPathComponent("home").path])
            #expect(stopped.standardOutput.contains("\"score\" : 0,"), "\(stopped.standardOutput)\(stopped.standardError)")
            #expect(stopped.standardOutput.contains("not sent to"), "\(stopped.standardOutput)")
            #expect(try runShell("redis-cli -p \(server.port) PING").output == "PONG\n")
        }
    }
}
