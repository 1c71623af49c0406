import ArgumentParser
@preconcurrency import Glibc
import RESP
import RedisScripting
import RedisSimulator
import REPL

/// `redislings learn [LESSON]` (and `redislings` alone): the learner's REPL on the simulator.
struct LearnCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Open the course: read lessons and try Redis commands on the built-in simulator.",
        discussion: """
            Resumes at the lesson you were reading last. Progress and history live in \
            $REDISLINGS_HOME, else $XDG_STATE_HOME/redislings, else ~/.local/state/redislings.
            """)

    @Argument(help: "The lesson to open: its number, slug or title (default: where you stopped).")
    var lesson: String?

    func run() async throws {
        let environment = StateDirectory.processEnvironment()
        let directory = StateDirectory.fromEnvironment(environment)
        let store = StateStore(directory: directory)
        let learner: LearnerState
        do {
            learner = try store.load()
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
        _ = learner
        let backend = ReplBackend(simulator: Self.makeSimulator)
        let interactive = isatty(STDIN_FILENO) != 0
        let input: any LineInput
        if interactive {
            do { try directory.create() } catch { printError(error.description) }
            Interrupts.install()
            let editor = LineEditor(
                completer: .standard(metaCommands: MetaCommandTable.standard.commands.map(\.name)),
                hints: ArgumentHints(metaUsages: MetaCommandTable.standard.usages),
                historyPath: directory.historyFile)
            if let warning = editor.historyWarning { printError(warning) }
            input = TerminalInput(editor: editor)
        } else {
            input = PipedInput()
        }
        let session = try await ReplSession(backend: backend, input: input, output: StandardOutput())
        if interactive {
            session.say("redislings on the built-in Redis 7.0 simulator. Type help for Redis commands, :help for the rest.")
        }
        await session.run()
    }

    @Sendable static func makeSimulator() -> Simulator {
        let simulator = Simulator()
        simulator.installScripting(LuaScripting())
        return simulator
    }
}

func printError(_ message: String) {
    var standardError = StandardError()
    print("error: \(message)", to: &standardError)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { fputs(string, stderr) }
}
