import Foundation
import RedislingsTestSupport
import Testing

/// `redislings grade --queue` with `grade-worker --queue` processes on a real redis-server: the
/// sample class twice over (hostile submissions included), a worker killed mid-run and one
/// started late, and a job that kills every worker that takes it.
@Suite(.serialized) struct GradeQueueTests {
    let binary: RedislingsBinary
    let work: URL
    let fixtures = GradeCommandTests.fixtures

    init() throws {
        binary = try RedislingsBinary.built()
        work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("grade-queue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    /// `copies` copies of the sample class in `work/<name>`: students `ada`, `ada-2`, ….
    private func makeClass(_ name: String, copies: Int, only: [String]? = nil) throws -> Int {
        let source = fixtures.appendingPathComponent("Class")
        // Student folders only: the class's submitted.csv names the original students.
        let students = try only ?? FileManager.default.contentsOfDirectory(atPath: source.path).sorted().filter { name in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: source.appendingPathComponent(name).path, isDirectory: &isFolder) && isFolder.boolValue
        }
        var files = 0
        for copy in 1...copies {
            for student in students {
                let target = work.appendingPathComponent("\(name)/\(copy == 1 ? student : "\(student)-\(copy)")")
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: source.appendingPathComponent(student), to: target)
                files += try FileManager.default.contentsOfDirectory(atPath: target.path).count
            }
        }
        return files
    }

    private var courseArguments: [String] {
        ["--lessons", fixtures.appendingPathComponent("Course/Lessons").path, "--exercises", fixtures.appendingPathComponent("Course/Exercises").path]
    }

    private func home(_ name: String) -> [String: String] {
        ["REDISLINGS_HOME": work.appendingPathComponent(name).path]
    }

    /// Starts the binary in the background, its output in `work/<log>`.
    private func start(_ arguments: [String], log: String, environment: [String: String] = [:]) throws -> ChildProcess {
        let file = work.appendingPathComponent(log).path
        FileManager.default.createFile(atPath: file, contents: nil)
        return try ChildProcess(
            executable: binary.path, arguments: arguments, directory: work.path,
            environment: ProcessInfo.processInfo.environment.merging(environment) { $1 }, standardOutput: file, standardError: file)
    }

    private func log(_ name: String) -> String {
        (try? String(contentsOf: work.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }

    private func redis(_ port: Int, _ command: String) async throws -> String {
        try await runShellOffThePool("redis-cli -p \(port) \(command)").output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func waitForExit(_ process: ChildProcess, seconds: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                process.terminate()
                Issue.record("\(process.arguments.dropFirst().first ?? "") did not finish within \(seconds) s")
                return
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// The reports of a run, with what differs between any two runs of the same class, local
    /// ones included, masked: the time of grading, and the milliseconds a PTTL check saw left.
    private func reports(_ folder: String) throws -> [String: String] {
        let root = work.appendingPathComponent(folder)
        var texts: [String: String] = [:]
        let names = ["results.json", "gradebook.csv", "junit.xml", "summary.md", "canvas.csv", "moodle.csv"]
            + (try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("feedback").path)).map { "feedback/\($0)" }
        for name in names {
            let text = try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
            texts[name] = text
                .replacing(/"graded_at" : "[^"]*"/, with: "\"graded_at\" : \"…\"")
                .replacing(/\(graded [0-9TZ:-]+\)/, with: "(graded …)")
                .replacing(/graded [0-9]{4}-[0-9TZ:-]+ for/, with: "graded … for")
                .replacing(/PTTL (\w+)` replied \(integer\) [0-9]+/) { "PTTL \($0.1)` replied (integer) …" }
        }
        return texts
    }

    /// Runs `body` with a fresh redis-server, then removes the test's folder; without
    /// redis-server installed the test is skipped and says so.
    private func withServer(_ extraArguments: [String] = [], _ body: (RedisServerProcess) async throws -> Void) async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        guard RedisServerProcess.isInstalled else {
            print("GradeQueueTests skipped: redis-server is not installed")
            return
        }
        let server = try RedisServerProcess(extraArguments: extraArguments)
        defer { server.stop() }
        try await body(server)
    }

    @Test func aClassGradedByWorkersThatDieAndJoinMatchesALocalRun() async throws {
        try await withServer { server in
            let submissions = try makeClass("fall", copies: 2)
            #expect(submissions >= 200)
            // No submission of the class is meant to meet the wall clock: 12 s keeps a loaded machine
            // (5,000 INCRs of a debug build once took over 4 s) from deciding a different limit per run.
            let limits = ["--time-limit", "12", "--class", "fall"]

            let local = try await binary.runOffThePool(
                ["grade", "fall", "--out", "local", "--jobs", "2"] + limits + courseArguments, in: work.path, environment: home("home-local"))
            local.expect(status: 0)

            let queue = "redis://127.0.0.1:\(server.port)/0"
            var workers: [ChildProcess] = []
            defer { for worker in workers where worker.isRunning { worker.terminate() } }
            let coordinator = try start(
                ["grade", "fall", "--out", "queued", "--queue", queue, "--run", "fall-q", "--claim-after", "17"] + limits + courseArguments,
                log: "coordinator.log", environment: home("home-queue"))
            defer { if coordinator.isRunning { coordinator.terminate() } }
            func startWorker(_ name: String) throws {
                workers.append(try start(["grade-worker", "--queue", queue, "--jobs", "1", "--name", name] + courseArguments, log: "\(name).log"))
            }
            // w1 works alone until it is killed, so the run cannot drain before the kill however
            // slow this loop's look at the queue is on a loaded machine (CI stop 26 saw w1 and w2
            // finish the class while it looked).
            try startWorker("w1")
            // Kill w1 with SIGKILL while it holds a job, once some results are in.
            let results = "redislings:grading:run:fall-q:results"
            let jobs = "redislings:grading:run:fall-q:jobs"
            var killed = false
            let deadline = ContinuousClock.now + .seconds(120)
            while !killed && ContinuousClock.now < deadline {
                let done = Int(try await redis(server.port, "HLEN \(results)")) ?? 0
                let held = try await redis(server.port, "XPENDING \(jobs) graders - + 10 w1")
                if done >= 20 && !held.isEmpty {
                    // Stopped first, so the job seen pending cannot be finished and acknowledged
                    // between the look and the kill; a worker found idle is let go on.
                    kill(workers[0].processIdentifier, SIGSTOP)
                    if try await !redis(server.port, "XPENDING \(jobs) graders - + 10 w1").isEmpty {
                        kill(workers[0].processIdentifier, SIGKILL)
                        killed = true
                    } else {
                        kill(workers[0].processIdentifier, SIGCONT)
                    }
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(killed, "w1 never held a job after 20 results: \(log("w1.log"))")
            try startWorker("w2")
            try await Task.sleep(for: .seconds(1))
            try startWorker("w3")

            try await waitForExit(coordinator, seconds: 600)
            #expect(coordinator.terminationStatus == 0, "\(log("coordinator.log"))")
            #expect(log("coordinator.log").contains("through the grading queue redis://127.0.0.1:\(server.port) (run 'fall-q')"))

            // Same reports as the local run, file by file.
            let expected = try reports("local")
            let actual = try reports("queued")
            #expect(expected.keys.sorted() == actual.keys.sorted())
            for (name, text) in expected.sorted(by: { $0.key < $1.key }) {
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                let other = (actual[name] ?? "").split(separator: "\n", omittingEmptySubsequences: false)
                let first = zip(lines, other).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? (lines.count == other.count ? nil : min(lines.count, other.count))
                #expect(first == nil, "\(name) differs at line \((first ?? 0) + 1): \(first.map { $0 < lines.count ? String(lines[$0]) : "" } ?? "") vs \(first.map { $0 < other.count ? String(other[$0]) : "" } ?? "")")
            }

            // The gradebooks agree, and each (student, exercise) is in the queued run exactly once.
            let localBook = try await binary.runOffThePool(["gradebook", "export", "--class", "fall"], in: work.path, environment: home("home-local"))
            let queuedBook = try await binary.runOffThePool(["gradebook", "export", "--class", "fall"], in: work.path, environment: home("home-queue"))
            queuedBook.expect(status: 0)
            #expect(queuedBook.standardOutput == localBook.standardOutput)
            let json = try await binary.runOffThePool(
                ["gradebook", "export", "--class", "fall", "--format", "json"], in: work.path, environment: home("home-queue"))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
            let students = try #require(object["students"] as? [[String: Any]])
            let folders = try FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent("fall").path)
            #expect(students.count == folders.count && students.count >= 80)
            for student in students {
                let ids = (student["exercises"] as? [[String: Any]] ?? []).compactMap { $0["exercise"] as? String }
                #expect(ids.sorted() == ["ex-counter", "ex-lock", "ex-publish", "ex-stream"], "\(student["student"] ?? "?")")
            }

            // On the queue: one entry and one result per job, nothing pending, w1's job taken over, w3 did work.
            let added = Int(try await redis(server.port, "XLEN \(jobs)")) ?? -1
            #expect(added >= 200)
            #expect(Int(try await redis(server.port, "HLEN \(results)")) == added)
            #expect(try await redis(server.port, "XPENDING \(jobs) graders").hasPrefix("0"))
            let values = try await redis(server.port, "HVALS \(results)")
            #expect(values.contains("\"deliveries\":2"), "no job was taken over from the killed worker")
            #expect(values.contains("\"worker\":\"w3\""), "the late worker graded nothing")
            #expect(log("w2.log").contains("took over fall-q/") || log("w3.log").contains("took over fall-q/"))
            #expect(try await redis(server.port, "SISMEMBER redislings:grading:runs fall-q") == "0")
        }
    }

    @Test func aJobThatKillsEveryWorkerIsMarkedFailedAndTheRunCompletes() async throws {
        try await withServer { server in
            _ = try makeClass("small", copies: 1, only: ["ada", "bo", "jon"])
            let queue = "redis://127.0.0.1:\(server.port)/0"
            let coordinator = try start(
                ["grade", "small", "--out", "queued", "--queue", queue, "--run", "poison", "--time-limit", "2", "--claim-after", "7",
                 "--max-deliveries", "2", "--no-gradebook"] + courseArguments,
                log: "coordinator.log")
            defer { if coordinator.isRunning { coordinator.terminate() } }
            // A supervisor, as systemd would be: a worker that dies is replaced.
            var workers: [ChildProcess] = []
            defer { for worker in workers where worker.isRunning { worker.terminate() } }
            let deadline = ContinuousClock.now + .seconds(180)
            while coordinator.isRunning && ContinuousClock.now < deadline {
                if workers.last?.isRunning != true {
                    workers.append(try start(
                        ["grade-worker", "--jobs", "1", "--name", "w\(workers.count + 1)"] + courseArguments, log: "w\(workers.count + 1).log",
                        environment: ["REDISLINGS_QUEUE_URL": queue, "REDISLINGS_TEST_CRASH_ON_JOB": "bo/ex-counter"]))
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            try await waitForExit(coordinator, seconds: 5)
            let output = log("coordinator.log")
            #expect(coordinator.terminationStatus == 0, "\(output)")
            #expect(output.contains("bo/ex-counter.redis: not graded: grading it stopped its grading worker (a crash or a kill) on each of its 2 deliveries"), "\(output)")
            // Two workers died on the job; the third marked it failed.
            #expect(workers.count == 3)
            #expect(workers.prefix(2).allSatisfy { $0.terminationReason == .uncaughtSignal && $0.terminationStatus == SIGKILL })
            let csv = try String(contentsOf: work.appendingPathComponent("queued/gradebook.csv"), encoding: .utf8)
            #expect(csv.contains("\nada,10,6,9,5,30,,\n"), "\(csv)")
            #expect(csv.contains("\nbo,0,"), "\(csv)")
            #expect(try await redis(server.port, "XPENDING redislings:grading:run:poison:jobs graders").hasPrefix("0"))
        }
    }

    @Test func aCoordinatorKilledMidRunIsResumedWithItsRunName() async throws {
        try await withServer { server in
            _ = try makeClass("small", copies: 1, only: ["ada", "bo", "jon", "kim", "wes"])
            let queue = "redis://127.0.0.1:\(server.port)/0"
            let arguments = ["grade", "small", "--out", "queued", "--queue", queue, "--run", "again", "--time-limit", "3", "--no-gradebook"] + courseArguments
            let first = try start(arguments, log: "first.log")
            defer { if first.isRunning { first.terminate() } }
            // The jobs are on the stream before any worker runs; kill the coordinator then.
            let deadline = ContinuousClock.now + .seconds(60)
            while try await redis(server.port, "HGET redislings:grading:run:again:settings enqueued") != "16" && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            kill(first.processIdentifier, SIGKILL)
            try await waitForExit(first, seconds: 10)
            let worker = try start(["grade-worker", "--queue", queue, "--jobs", "2", "--name", "w1"] + courseArguments, log: "w1.log")
            defer { if worker.isRunning { worker.terminate() } }
            let second = try await binary.runOffThePool(arguments, in: work.path)
            second.expect(status: 0)
            #expect(second.standardError.contains("Resuming run 'again' on the grading queue at \(queue.replacingOccurrences(of: "/0", with: "")): 16 of 16 jobs were added before."))
            #expect(try await redis(server.port, "XLEN redislings:grading:run:again:jobs") == "16")
            #expect(try String(contentsOf: work.appendingPathComponent("queued/gradebook.csv"), encoding: .utf8) == """
                student,ex-counter,ex-publish,ex-lock,ex-stream,total,late,comments
                max points,10,6,9,5,30,,
                ada,10,6,9,5,30,,
                bo,10,6,9,5,30,,
                jon,7,2,6,2,17,,
                kim,7,4,6,3,20,,
                wes,0,0,0,0,0,,

                """)
            // The same run with other submissions is refused, not mixed.
            try "SET counter 4\n".write(to: work.appendingPathComponent("small/ada/ex-counter.redis"), atomically: true, encoding: .utf8)
            let changed = try await binary.runOffThePool(arguments, in: work.path)
            #expect(changed.status != 0)
            #expect(changed.standardError.contains("Error: run 'again' on the queue was started with other submissions"))
            let both = try await binary.runOffThePool(arguments + ["--live", "redis://127.0.0.1:\(server.port)/5"], in: work.path)
            #expect(both.standardError.hasPrefix("Error: --live and --queue do not go together"))
        }
    }

    @Test func thePasswordComesFromTheEnvironmentAndIsNeverPrinted() async throws {
        try await withServer(["--requirepass", "s3cret-pw"]) { server in
            _ = try makeClass("small", copies: 1, only: ["ada"])
            let bare = "redis://127.0.0.1:\(server.port)/0"
            let environment = ["REDISLINGS_QUEUE_URL": "redis://:s3cret-pw@127.0.0.1:\(server.port)/0"]
            let worker = try start(["grade-worker", "--jobs", "1"] + courseArguments, log: "worker.log", environment: environment)
            defer { if worker.isRunning { worker.terminate() } }
            let graded = try await binary.runOffThePool(
                ["grade", "small", "--queue", bare, "--no-gradebook", "--out", "queued"] + courseArguments, in: work.path, environment: environment)
            graded.expect(status: 0)
            #expect(graded.standardOutput.contains("Graded 1 student on 4 exercises (4 submissions) through the grading queue"))
            // On the command line it works too, with a warning; nothing ever shows the password.
            let visible = try await binary.runOffThePool(
                ["grade", "small", "--queue", "redis://:s3cret-pw@127.0.0.1:\(server.port)/0", "--no-gradebook", "--out", "again"] + courseArguments,
                in: work.path)
            visible.expect(status: 0)
            #expect(visible.standardError.contains("warning: the password in --queue is visible to other users of this machine (ps); set REDISLINGS_QUEUE_URL instead"))
            let refused = try await binary.runOffThePool(
                ["grade", "small", "--queue", bare, "--no-gradebook"] + courseArguments, in: work.path)
            #expect(refused.status != 0)
            worker.terminate()
            try await waitForExit(worker, seconds: 10)
            for text in [graded.standardOutput, graded.standardError, visible.standardOutput, visible.standardError, refused.standardError, log("worker.log")] {
                #expect(!text.contains("s3cret-pw"), "\(text)")
            }
        }
    }
}
