import Foundation
import Testing
import RedislingsTestSupport

/// The REPL under a real terminal: tmux runs it, keys are sent with send-keys and the screen is
/// read with capture-pane. Skipped, saying so, only when tmux is not installed.
@Suite(.serialized) struct REPLTerminalTests {
    @Test func completionHintsHistoryAndSubscribedMode() async throws {
        guard let terminal = try TmuxTerminal.start() else { return }
        defer { terminal.stop() }
        let home = REPLProcess.temporaryHome()
        try await terminal.openREPL(home: home)
        try await terminal.waitFor { $0.hasSuffix("simulator>") }
        terminal.keys("PING")
        try await terminal.waitFor { $0.hasSuffix("simulator> PING [message]") }
        terminal.keys("Enter", literal: false)
        try await terminal.waitFor { $0.hasSuffix("PONG\nsimulator>") }

        // Completion: PUBL<Tab> becomes PUBLISH, and the hint shows the arguments still to type.
        terminal.keys("PUBL")
        terminal.keys("Tab", literal: false)
        try await terminal.waitFor { $0.contains("simulator> PUBLISH channel message") }
        terminal.keys("news ")
        try await terminal.waitFor { $0.contains("simulator> PUBLISH news message") }
        // Each next key waits for the prompt: keys sent before the line editor is back in raw mode
        // are echoed by the terminal itself (an arrow key as ^[[A).
        try await terminal.enter("hi") { $0.contains("(integer) 0") && $0.hasSuffix("simulator>") }

        // Hints follow the arguments typed; Ctrl-C drops the line.
        terminal.keys("set k")
        try await terminal.waitFor { $0.contains("simulator> set k value [NX|XX] [GET]") }
        terminal.keys("C-c", literal: false)
        try await terminal.waitFor { $0.contains("simulator> set k^C") }

        // A password is not kept in the history: Up brings back the command before it.
        try await terminal.enter("AUTH secret") { $0.contains("(error) ERR AUTH") && $0.hasSuffix("simulator>") }
        terminal.keys("Up", literal: false)
        try await terminal.waitFor { $0.hasSuffix("simulator> PUBLISH news hi") }
        terminal.keys("C-c", literal: false)
        try await terminal.waitFor { $0.hasSuffix("simulator> PUBLISH news hi^C\nsimulator>") }

        // Subscribed mode: messages appear as they arrive; any key gives the prompt back.
        // As in redis-cli, "Reading messages..." comes before the first confirmation.
        terminal.keys("SUBSCRIBE news")
        terminal.keys("Enter", literal: false)
        try await terminal.waitFor {
            $0.contains("SUBSCRIBE news\nReading messages... (press Ctrl-C or any key to type a command)\n1) \"subscribe\"")
        }
        terminal.keys(":")
        try await terminal.waitFor { $0.hasSuffix("simulator(subscribed)> :") }
        try await terminal.enter("as bob PUBLISH news hello") { $0.contains("2) \"news\"\n3) \"hello\"") }
        terminal.keys("C-c", literal: false)
        try await terminal.waitFor { $0.hasSuffix("simulator(subscribed)>") }
        try await terminal.enter("UNSUBSCRIBE") { $0.contains("3) (integer) 0") && $0.hasSuffix("simulator>") }
        try await terminal.enter(":quit") { $0.contains("[exited]") }

        // The history survives the session, without the password.
        let history = try String(contentsOfFile: home + "/history", encoding: .utf8)
        #expect(history.contains("PUBLISH"))
        #expect(!history.contains("secret"))
        try await terminal.openREPL(home: home)
        try await terminal.waitFor { $0.hasSuffix("simulator>") }
        terminal.keys("Up", literal: false)
        try await terminal.waitFor { $0.hasSuffix("simulator> :quit") }
        terminal.keys("Up", literal: false)
        try await terminal.waitFor { $0.hasSuffix("simulator> UNSUBSCRIBE [channel [channel ...]]") }
    }

    @Test func ctrlCStopsABlockedCommandOrAScriptAndKeepsTheSession() async throws {
        guard let terminal = try TmuxTerminal.start() else { return }
        defer { terminal.stop() }
        try await terminal.openREPL(home: REPLProcess.temporaryHome())
        try await terminal.waitFor { $0.hasSuffix("simulator>") }
        try await terminal.enter("SELECT 2") { $0.hasSuffix("simulator[2]>") }
        try await terminal.enter("SET kept yes") { $0.hasSuffix("OK\nsimulator[2]>") }
        // Each waits for ever until Ctrl-C; the prompt comes back on the same connection.
        for (command, stopped) in [
            ("BLPOP q 0", "(nil)"), ("XREAD BLOCK 0 STREAMS s $", "(nil)"), ("WAIT 1 0", "(integer) 0"),
            ("EVAL \"while true do end\" 0", "Script killed by user"),
        ] {
            terminal.keys(command)
            terminal.keys("Enter", literal: false)
            try await terminal.waitFor { $0.contains("> " + command) }
            try await Task.sleep(for: .milliseconds(300))
            terminal.keys("C-c", literal: false)
            try await terminal.waitFor { $0.contains(command + "\n") && $0.components(separatedBy: command + "\n").last!.contains(stopped) && $0.hasSuffix("simulator[2]>") }
        }
        try await terminal.enter("GET kept") { $0.hasSuffix("\"yes\"\nsimulator[2]>") }
    }

    /// On a live Redis too, Ctrl-C stops a blocked command (its connection is closed and a new
    /// one opened) or a script (SCRIPT KILL, which Redis takes once the script has run past
    /// busy-reply-threshold), and the session goes on with its database.
    @Test func ctrlCStopsABlockedCommandOrAScriptOnALiveRedis() async throws {
        guard RedisServerProcess.isInstalled else {
            print("skipped: redis-server is not installed")
            return
        }
        guard let terminal = try TmuxTerminal.start() else { return }
        defer { terminal.stop() }
        let server = try RedisServerProcess()
        defer { server.stop() }
        let prompt = "127.0.0.1:\(server.port)[4]>"
        try await terminal.openBinary(
            ["--live", "redis://127.0.0.1:\(server.port)/4"],
            environment: ["REDISLINGS_HOME": REPLProcess.temporaryHome(), "REDISLINGS_COURSE": REPLEndToEndTests.course, "PAGER": "cat"])
        try await terminal.waitFor { $0.hasSuffix(prompt) }
        try await terminal.enter("SET kept yes") { $0.hasSuffix("OK\n" + prompt) }
        for (command, stopped) in [
            ("BLPOP q 0", "(interrupted) The command was stopped by closing its connection; a new one is open."),
            ("XREAD BLOCK 0 STREAMS s $", "(interrupted) The command was stopped"), ("WAIT 1 0", "(interrupted) The command was stopped"),
            ("EVAL \"while true do end\" 0", "Script killed by user"),
        ] {
            terminal.keys(command)
            terminal.keys("Enter", literal: false)
            try await terminal.waitFor { $0.contains("> " + command) }
            // The server has the command before Ctrl-C. A running script makes CLIENT LIST answer
            // BUSY, so for EVAL this waits its full 10 s: by then the script has run past
            // busy-reply-threshold (5 s) and SCRIPT KILL is taken at once.
            for _ in 0..<100 where !shellOutput("redis-cli -p \(server.port) CLIENT LIST").contains("cmd=\(command.prefix { $0 != " " }.lowercased())") {
                try await Task.sleep(for: .milliseconds(100))
            }
            terminal.keys("C-c", literal: false)
            try await terminal.waitFor { $0.contains(command + "\n") && $0.components(separatedBy: command + "\n").last!.contains(stopped) && $0.hasSuffix(prompt) }
        }
        try await terminal.enter("GET kept") { $0.hasSuffix("\"yes\"\n" + prompt) }
        try await terminal.enter(":quit") { $0.contains("[exited]") }
        #expect(shellOutput("redis-cli -p \(server.port) -n 4 DBSIZE") == "0\n", "the session's key went with it")
    }

    /// The quiz's prompt is the REPL's line editor: arrows move in the answer (Left then
    /// Backspace removes the letter before the cursor), a command answer gets its argument hint,
    /// and Ctrl-C stops the quiz cleanly with the answers kept.
    @Test func theQuizPromptEditsLinesLikeTheREPL() async throws {
        guard let terminal = try TmuxTerminal.start() else { return }
        defer { terminal.stop() }
        try await terminal.openBinary(
            ["--lessons", QuizCommandsTests.lessons, "quiz", "18"],
            environment: ["REDISLINGS_HOME": REPLProcess.temporaryHome(), "REDISLINGS_NOW": "2026-11-28T09:00:00Z"])
        try await terminal.waitFor { $0.hasSuffix("answer>") }
        terminal.keys("SET lock:invoice")
        try await terminal.waitFor { $0.contains("answer> SET lock:invoice value [NX|XX]") }
        try await terminal.enter(" t1 NX EX 30") { $0.contains("Question 2 of 9") && $0.hasSuffix("answer>") }
        terminal.keys("CB")
        terminal.keys("Left", literal: false)
        terminal.keys("BSpace", literal: false)
        terminal.keys("Enter", literal: false)
        try await terminal.waitFor { $0.contains("Question 3 of 9") && $0.hasSuffix("answer>") }
        #expect(terminal.screen().components(separatedBy: "✓ Right.").count - 1 == 2, "\(terminal.screen())")
        terminal.keys("xy")
        terminal.keys("C-c", literal: false)
        try await terminal.waitFor { $0.contains("Stopped with 2 of 9 answered") && $0.hasSuffix("[exited]") }
    }

    /// `watch` on a terminal redraws: each check replaces the last one on the screen.
    @Test func watchRedrawsEachCheck() async throws {
        guard let terminal = try TmuxTerminal.start() else { return }
        defer { terminal.stop() }
        let home = REPLProcess.temporaryHome()
        let work = home + "/work"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let file = work + "/fixture-first-subscriber.redis"
        try "PUBLISH fixture:news hello\n".write(toFile: file, atomically: true, encoding: .utf8)
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
        try await terminal.openBinary(
            ["watch", "1.1", "--lessons", "ExerciseCourse/Lessons"], environment: ["REDISLINGS_HOME": home, "REDISLINGS_WORKSPACE": work],
            in: fixtures)
        try await terminal.waitFor { $0.contains("Score: 4/10") }
        try await Task.sleep(for: .milliseconds(1100))
        try "PUBLISH fixture:news hello\nINCR fixture:counter\nINCR fixture:counter\nINCR fixture:counter\nGET fixture:counter\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        try await terminal.waitFor { $0.contains("Score: 10/10") }
        let screen = terminal.screen()
        #expect(!screen.contains("Score: 4/10"), "\(screen)")
        #expect(screen.components(separatedBy: "checking…").count == 2, "\(screen)")
        terminal.keys("C-c", literal: false)
    }

    /// On a terminal, `hint` asks before the tier that gives the answer away, and shows it only
    /// on yes.
    @Test func hintAsksBeforeGivingTheAnswerAway() async throws {
        guard let terminal = try TmuxTerminal.start() else { return }
        defer { terminal.stop() }
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
        let environment = ["REDISLINGS_HOME": REPLProcess.temporaryHome()]
        for expected in ["Hint 1/3:", "Hint 2/3:"] {
            try await terminal.openBinary(["hint", "1.1", "--lessons", "ExerciseCourse/Lessons"], environment: environment, in: fixtures)
            try await terminal.waitFor { $0.contains(expected) && $0.hasSuffix("[exited]") }
        }
        for (reply, shown) in [("n", false), ("y", true)] {
            try await terminal.openBinary(["hint", "1.1", "--lessons", "ExerciseCourse/Lessons"], environment: environment, in: fixtures)
            try await terminal.waitFor { $0.hasSuffix("away. Show it? [y/N]") }
            try await terminal.enter(reply) { $0.hasSuffix("[exited]") }
            #expect(terminal.screen().contains("Hint 3/3: PUBLISH fixture:news hello") == shown, "\(terminal.screen())")
        }
    }

    /// Closing the terminal (SIGHUP) ends `learn` at once; the time on the lesson is recorded
    /// first, not lost with the half-minute the session had not yet written down.
    @Test func closingTheTerminalKeepsTheTimeOnTheLesson() async throws {
        guard let terminal = try TmuxTerminal.start() else { return }
        defer { terminal.stop() }
        let home = REPLProcess.temporaryHome()
        try await terminal.openREPL(home: home)
        try await terminal.waitFor { $0.hasSuffix("simulator>") }
        try await Task.sleep(for: .seconds(4))
        terminal.hangUp()
        var spent = 0.0
        for _ in 0..<100 where spent == 0 {
            try await Task.sleep(for: .milliseconds(100))
            let progress = try await RedislingsBinary.built().runOffThePool(
                ["progress", "--json"], in: home, environment: ["REDISLINGS_HOME": home, "REDISLINGS_COURSE": REPLEndToEndTests.course])
            let lessons = (try JSONSerialization.jsonObject(with: Data(progress.standardOutput.utf8)) as? [String: Any])?["lessons"] as? [[String: Any]]
            spent = lessons?.compactMap { $0["seconds_spent"] as? Double }.reduce(0, +) ?? 0
        }
        #expect(spent >= 3.5 && spent < 60, "recorded \(spent) s on the lesson")
    }

    /// `less` (PAGER unset) pages a lesson through screen after screen, from `show` and from the
    /// REPL's `:lesson`, and the REPL carries on afterwards. A pager outside the terminal's
    /// foreground process group shows one screen and quits.
    @Test func lessonsPageThroughSeveralScreens() async throws {
        guard shellOutput("command -v less").contains("less") else {
            print("skipped: less is not installed")
            return
        }
        guard let terminal = try TmuxTerminal.start() else { return }
        defer { terminal.stop() }
        let environment = ["REDISLINGS_HOME": REPLProcess.temporaryHome(), "REDISLINGS_COURSE": CourseCoverageReadmeTests.root.appendingPathComponent("Lessons").path]
        try await terminal.openBinary(["show", "14"], environment: environment, unset: ["PAGER", "LESS"])
        try await terminal.waitFor { $0.hasSuffix("\n:") }
        terminal.keys(" ")
        try await terminal.waitFor { $0.hasSuffix("\n:") && !$0.contains("Pub-Sub and Advanced Patterns") }
        #expect(!terminal.screen().contains("[exited]"))
        terminal.keys("G")
        try await terminal.waitFor { $0.hasSuffix("(END)") }
        terminal.keys("q")
        try await terminal.waitFor { $0.contains("[exited]") }

        // The greeting is the README's, lesson count and examples included.
        let readme = try String(contentsOf: CourseCoverageReadmeTests.root.appendingPathComponent("README.md"), encoding: .utf8)
        let greeting = try #require(readme.split(separator: "\n").first { $0.hasPrefix("Lesson 14 (") })
        let examples = try #require(readme.split(separator: "\n").first { $0.hasPrefix("Type :lesson to read it, :run 1") })
        try await terminal.openBinary(["learn", "14"], environment: environment, unset: ["PAGER", "LESS"])
        try await terminal.waitFor { $0.hasSuffix("simulator>") }
        #expect(terminal.screen().contains(greeting + "\n" + examples), "README: \(greeting)\n\(examples)\nscreen: \(terminal.screen())")
        try await terminal.enter(":lesson") { $0.hasSuffix("\n:") }
        terminal.keys(" ")
        try await terminal.waitFor { $0.hasSuffix("\n:") && !$0.contains("simulator> :lesson") }
        terminal.keys("G")
        try await terminal.waitFor { $0.hasSuffix("(END)") }
        terminal.keys("q")
        try await terminal.enter("PING") { $0.hasSuffix("PONG\nsimulator>") }
    }
}

/// A tmux server of our own (its own socket), with one window running the program under test.
final class TmuxTerminal {
    private let socket: String
    private var window = 0

    static func start() throws -> TmuxTerminal? {
        guard shellOutput("command -v tmux").contains("tmux") else {
            print("skipped: tmux is not installed (scripts/install-deps.sh --test installs it)")
            return nil
        }
        let terminal = TmuxTerminal(socket: "redislings-test-\(UUID().uuidString.prefix(8))")
        // A foreground server (-D) started in the background: some sandboxes kill tmux's daemon.
        _ = shellOutput("tmux -L \(terminal.socket) -f /dev/null -D >/dev/null 2>&1 & echo started")
        return terminal
    }

    private init(socket: String) { self.socket = socket }

    /// Opens a new window running `command`; it stays visible after the command ends.
    func open(_ command: String) async throws {
        window += 1
        let script = "\(command); echo '[exited]'; sleep 60"
        for _ in 0..<100 {
            let answer = shellOutput(
                "tmux -L \(socket) new-session -d -s w\(window) -x 120 -y 40 \(shellQuoted(script)) 2>&1; echo rc=$?")
            if answer.hasSuffix("rc=0\n") { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TerminalError(description: "tmux did not open a session")
    }

    /// Opens a window running the built binary with `arguments`, under `TERM=xterm` and
    /// `environment` (less the variables in `unset`), in `directory` when given.
    func openBinary(_ arguments: [String] = [], environment: [String: String], unset: [String] = [], in directory: String? = nil) async throws {
        let binary = try RedislingsBinary.built()
        let settings = environment.merging(["TERM": "xterm"]) { given, _ in given }.sorted { $0.key < $1.key }
        let command = ["env"] + unset.flatMap { ["-u", $0] } + settings.map { "\($0.key)=\(shellQuoted($0.value))" }
            + ([binary.path] + arguments).map(shellQuoted)
        try await open((directory.map { "cd \(shellQuoted($0)) && " } ?? "") + command.joined(separator: " "))
    }

    /// Opens the REPL on the REPL fixture course, its state in `home`, lessons printed without a pager.
    func openREPL(home: String) async throws {
        try await openBinary(environment: ["REDISLINGS_HOME": home, "REDISLINGS_COURSE": REPLEndToEndTests.course, "PAGER": "cat"])
    }

    /// Types `line`, presses Enter, and waits until the screen satisfies `condition`.
    func enter(_ line: String, sourceLocation: SourceLocation = #_sourceLocation, until condition: (String) -> Bool) async throws {
        keys(line)
        keys("Enter", literal: false)
        try await waitFor(condition, sourceLocation: sourceLocation)
    }

    /// Sends keys: text as typed (`literal`), or tmux key names (`Enter`, `Tab`, `C-c`, `Up`).
    func keys(_ keys: String, literal: Bool = true) {
        let answer = shellOutput(
            "tmux -L \(socket) send-keys -t w\(window) \(literal ? "-l " : "")\(shellQuoted(keys)) 2>&1")
        if !answer.isEmpty { Issue.record("tmux send-keys: \(answer)") }
    }

    /// The screen's text, trailing blank lines and spaces removed.
    func screen() -> String {
        let text = shellOutput("tmux -L \(socket) capture-pane -p -t w\(window)")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            var line = line
            while line.last == " " { line = line.dropLast() }
            return line
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Waits (up to 30 s) until the screen satisfies `condition`; the error shows the screen.
    /// It sleeps as a task, not a thread: a test blocking one of the machine's two pool threads
    /// for the length of a tmux session stalls every other async test. 30 s, not 10: with the
    /// whole suite on two cores a live Ctrl-C once took longer than 10 s to show.
    func waitFor(_ condition: (String) -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        for _ in 0..<300 {
            if condition(screen()) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the terminal never showed what was expected; it shows:\n\(screen())", sourceLocation: sourceLocation)
        throw TerminalError(description: "timed out")
    }

    /// Closes the window as closing a terminal does: its programs get SIGHUP.
    func hangUp() {
        _ = shellOutput("tmux -L \(socket) kill-session -t w\(window) 2>&1")
    }

    /// Stops the server by its pid as well: started from the test runner, the server inherits
    /// a mask that blocks its signals, and kill-server then answers success but leaves it running.
    func stop() {
        let pid = shellOutput("tmux -L \(socket) display-message -p '#{pid}' 2>/dev/null")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        _ = shellOutput("tmux -L \(socket) kill-server 2>/dev/null")
        if let pid = Int32(pid), pid > 0 { kill(pid, SIGKILL) }
    }
}

struct TerminalError: Error, CustomStringConvertible {
    var description: String
}
