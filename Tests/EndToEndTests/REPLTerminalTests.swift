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
        let binary = try #require(RedislingsBinary.locate(), "build the redislings product first (swift build)")
        let command = "env REDISLINGS_HOME=\(REPLProcess.quote(home)) "
            + "REDISLINGS_COURSE=\(REPLProcess.quote(REPLEndToEndTests.course)) PAGER=cat TERM=xterm "
            + REPLProcess.quote(binary.path)
        try await terminal.open(command)
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
        terminal.keys("hi")
        terminal.keys("Enter", literal: false)
        try await terminal.waitFor { $0.contains("(integer) 0") }

        // Hints follow the arguments typed; Ctrl-C drops the line.
        terminal.keys("set k")
        try await terminal.waitFor { $0.contains("simulator> set k value [NX|XX] [GET]") }
        terminal.keys("C-c", literal: false)
        try await terminal.waitFor { $0.contains("simulator> set k^C") }

        // A password is not kept in the history: Up brings back the command before it.
        terminal.keys("AUTH secret")
        terminal.keys("Enter", literal: false)
        try await terminal.waitFor { $0.contains("(error) ERR AUTH") }
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
        terminal.keys("as bob PUBLISH news hello")
        terminal.keys("Enter", literal: false)
        try await terminal.waitFor { $0.contains("2) \"news\"\n3) \"hello\"") }
        terminal.keys("C-c", literal: false)
        try await terminal.waitFor { $0.hasSuffix("simulator(subscribed)>") }
        terminal.keys("UNSUBSCRIBE")
        terminal.keys("Enter", literal: false)
        try await terminal.waitFor { $0.contains("3) (integer) 0") && $0.hasSuffix("simulator>") }
        terminal.keys(":quit")
        terminal.keys("Enter", literal: false)
        try await terminal.waitFor { $0.contains("[exited]") }

        // The history survives the session, without the password.
        let history = try String(contentsOfFile: home + "/history", encoding: .utf8)
        #expect(history.contains("PUBLISH"))
        #expect(!history.contains("secret"))
        try await terminal.open(command)
        try await terminal.waitFor { $0.hasSuffix("simulator>") }
        terminal.keys("Up", literal: false)
        try await terminal.waitFor { $0.hasSuffix("simulator> :quit") }
        terminal.keys("Up", literal: false)
        try await terminal.waitFor { $0.hasSuffix("simulator> UNSUBSCRIBE [channel [channel ...]]") }
    }

    @Test func ctrlCStopsABlockedCommandOrAScriptAndKeepsTheSession() async throws {
        guard let terminal = try TmuxTerminal.start() else { return }
        defer { terminal.stop() }
        let home = REPLProcess.temporaryHome()
        let binary = try #require(RedislingsBinary.locate(), "build the redislings product first (swift build)")
        try await terminal.open("env REDISLINGS_HOME=\(REPLProcess.quote(home)) "
            + "REDISLINGS_COURSE=\(REPLProcess.quote(REPLEndToEndTests.course)) PAGER=cat TERM=xterm "
            + REPLProcess.quote(binary.path))
        try await terminal.waitFor { $0.hasSuffix("simulator>") }
        terminal.keys("SELECT 2")
        terminal.keys("Enter", literal: false)
        try await terminal.waitFor { $0.hasSuffix("simulator[2]>") }
        terminal.keys("SET kept yes")
        terminal.keys("Enter", literal: false)
        try await terminal.waitFor { $0.hasSuffix("OK\nsimulator[2]>") }
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
        terminal.keys("GET kept")
        terminal.keys("Enter", literal: false)
        try await terminal.waitFor { $0.hasSuffix("\"yes\"\nsimulator[2]>") }
    }

    /// The quiz's prompt is the REPL's line editor: arrows move in the answer (Left then
    /// Backspace removes the letter before the cursor), a command answer gets its argument hint,
    /// and Ctrl-C stops the quiz cleanly with the answers kept.
    @Test func theQuizPromptEditsLinesLikeTheREPL() async throws {
        guard let terminal = try TmuxTerminal.start() else { return }
        defer { terminal.stop() }
        let home = REPLProcess.temporaryHome()
        let binary = try #require(RedislingsBinary.locate(), "build the redislings product first (swift build)")
        try await terminal.open("env REDISLINGS_HOME=\(REPLProcess.quote(home)) REDISLINGS_NOW=2026-11-28T09:00:00Z TERM=xterm "
            + REPLProcess.quote(binary.path) + " --lessons " + REPLProcess.quote(QuizCommandsTests.lessons) + " quiz 18")
        try await terminal.waitFor { $0.hasSuffix("answer>") }
        terminal.keys("SET lock:invoice")
        try await terminal.waitFor { $0.contains("answer> SET lock:invoice value [NX|XX]") }
        terminal.keys(" t1 NX EX 30")
        terminal.keys("Enter", literal: false)
        try await terminal.waitFor { $0.contains("Question 2 of 9") && $0.hasSuffix("answer>") }
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
        let binary = try #require(RedislingsBinary.locate(), "build the redislings product first (swift build)")
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
        try await terminal.open("cd \(REPLProcess.quote(fixtures)) && env REDISLINGS_HOME=\(REPLProcess.quote(home)) "
            + "REDISLINGS_WORKSPACE=\(REPLProcess.quote(work)) TERM=xterm " + REPLProcess.quote(binary.path)
            + " watch 1.1 --lessons ExerciseCourse/Lessons")
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

    /// `less` (PAGER unset) pages a lesson through screen after screen, from `show` and from the
    /// REPL's `:lesson`, and the REPL carries on afterwards. A pager outside the terminal's
    /// foreground process group shows one screen and quits.
    @Test func lessonsPageThroughSeveralScreens() async throws {
        guard REPLProcess.shell("command -v less").contains("less") else {
            print("skipped: less is not installed")
            return
        }
        guard let terminal = try TmuxTerminal.start() else { return }
        defer { terminal.stop() }
        let home = REPLProcess.temporaryHome()
        let binary = try #require(RedislingsBinary.locate(), "build the redislings product first (swift build)")
        let environment = "env -u PAGER -u LESS REDISLINGS_HOME=\(REPLProcess.quote(home)) "
            + "REDISLINGS_COURSE=\(REPLProcess.quote(CourseCoverageReadmeTests.root.path)) TERM=xterm "
        try await terminal.open(environment + REPLProcess.quote(binary.path) + " show 14")
        try await terminal.waitFor { $0.hasSuffix("\n:") }
        terminal.keys(" ")
        try await terminal.waitFor { $0.hasSuffix("\n:") && !$0.contains("Pub-Sub and Advanced Patterns") }
        #expect(!terminal.screen().contains("[exited]"))
        terminal.keys("G")
        try await terminal.waitFor { $0.hasSuffix("(END)") }
        terminal.keys("q")
        try await terminal.waitFor { $0.contains("[exited]") }

        try await terminal.open(environment + REPLProcess.quote(binary.path))
        try await terminal.waitFor { $0.hasSuffix("simulator>") }
        terminal.keys(":lesson 14")
        terminal.keys("Enter", literal: false)
        try await terminal.waitFor { $0.hasSuffix("\n:") }
        terminal.keys(" ")
        try await terminal.waitFor { $0.hasSuffix("\n:") && !$0.contains(":lesson 14") }
        terminal.keys("G")
        try await terminal.waitFor { $0.hasSuffix("(END)") }
        terminal.keys("q")
        terminal.keys("PING")
        terminal.keys("Enter", literal: false)
        try await terminal.waitFor { $0.hasSuffix("PONG\nsimulator>") }
    }
}

/// A tmux server of our own (its own socket), with one window running the program under test.
final class TmuxTerminal {
    private let socket: String
    private var window = 0

    static func start() throws -> TmuxTerminal? {
        guard REPLProcess.shell("command -v tmux").contains("tmux") else {
            print("skipped: tmux is not installed (scripts/install-deps.sh --test installs it)")
            return nil
        }
        let terminal = TmuxTerminal(socket: "redislings-test-\(UUID().uuidString.prefix(8))")
        // A foreground server (-D) started in the background: some sandboxes kill tmux's daemon.
        _ = REPLProcess.shell("tmux -L \(terminal.socket) -f /dev/null -D >/dev/null 2>&1 & echo started")
        return terminal
    }

    private init(socket: String) { self.socket = socket }

    /// Opens a new window running `command`; it stays visible after the command ends.
    func open(_ command: String) async throws {
        window += 1
        let script = "\(command); echo '[exited]'; sleep 60"
        for _ in 0..<100 {
            let answer = REPLProcess.shell(
                "tmux -L \(socket) new-session -d -s w\(window) -x 120 -y 40 \(REPLProcess.quote(script)) 2>&1; echo rc=$?")
            if answer.hasSuffix("rc=0\n") { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TerminalError(description: "tmux did not open a session")
    }

    /// Sends keys: text as typed (`literal`), or tmux key names (`Enter`, `Tab`, `C-c`, `Up`).
    func keys(_ keys: String, literal: Bool = true) {
        let answer = REPLProcess.shell(
            "tmux -L \(socket) send-keys -t w\(window) \(literal ? "-l " : "")\(REPLProcess.quote(keys)) 2>&1")
        if !answer.isEmpty { Issue.record("tmux send-keys: \(answer)") }
    }

    /// The screen's text, trailing blank lines and spaces removed.
    func screen() -> String {
        let text = REPLProcess.shell("tmux -L \(socket) capture-pane -p -t w\(window)")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            var line = line
            while line.last == " " { line = line.dropLast() }
            return line
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Waits (up to 10 s) until the screen satisfies `condition`; the error shows the screen.
    /// It sleeps as a task, not a thread: a test blocking one of the machine's two pool threads
    /// for the length of a tmux session stalls every other async test.
    func waitFor(_ condition: (String) -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        for _ in 0..<100 {
            if condition(screen()) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the terminal never showed what was expected; it shows:\n\(screen())", sourceLocation: sourceLocation)
        throw TerminalError(description: "timed out")
    }

    /// Stops the server by its pid as well: started from the test runner, the server inherits
    /// a mask that blocks its signals, and kill-server then answers success but leaves it running.
    func stop() {
        let pid = REPLProcess.shell("tmux -L \(socket) display-message -p '#{pid}' 2>/dev/null")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        _ = REPLProcess.shell("tmux -L \(socket) kill-server 2>/dev/null")
        if let pid = Int32(pid), pid > 0 { kill(pid, SIGKILL) }
    }
}

struct TerminalError: Error, CustomStringConvertible {
    var description: String
}
