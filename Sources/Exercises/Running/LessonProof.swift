import Foundation
import LessonKit
import RESP
import RedisScripting
import RedisSimulator

/// Proves a lesson's runnable parts on the built-in simulator, as `dev check` promises: its
/// `redis` blocks, run in order on one fresh server as a learner's `:run` would, answer no error
/// that the text does not announce, and every quiz answer that is a command runs cleanly.
public enum LessonProof {
    /// The problems found in `lesson`, with file lines; empty when it runs as written.
    public static func prove(_ lesson: Lesson) -> [ExerciseProblem] {
        var problems: [ExerciseProblem] = []
        let simulator = makeSimulator()
        var client = simulator.connect()
        for block in lesson.runnableBlocks {
            let announced = linesAnnouncingErrors(block)
            for command in block.commands {
                guard let words = command.arguments, !words.isEmpty else { continue }
                switch simulator.execute(words.map { Array($0.utf8) }, for: client) {
                case .reply(.error(let message)) where !announced.contains(command.line):
                    problems.append(ExerciseProblem(
                        file: lesson.file, line: command.line,
                        message: "`\(command.text)` answers (error) \(message) when the lesson's blocks run in order on an empty server",
                        fix: "fix the command or an earlier block, or say in a `#` comment just above it that an error is expected"))
                case .blocked:
                    // A learner would press Ctrl-C: the REPL drops the connection and opens another.
                    simulator.disconnect(client)
                    client = simulator.connect()
                default:
                    break
                }
            }
        }
        simulator.disconnect(client)
        for question in lesson.quiz?.questions ?? [] {
            guard case .command(let command) = question.answer else { continue }
            guard let words = RedisCommandLine.split(command), !words.isEmpty else { continue }
            let fresh = makeSimulator()
            let answerer = fresh.connect()
            if case .reply(.error(let message)) = fresh.execute(words.map { Array($0.utf8) }, for: answerer) {
                problems.append(ExerciseProblem(
                    file: lesson.file, line: question.answerLine,
                    message: "the answer to Question \(question.number), `\(command)`, answers (error) \(message) on an empty server",
                    fix: "give a command that succeeds on an empty server, since learners' answers are judged against it there"))
            }
        }
        return problems
    }

    private static func makeSimulator() -> Simulator {
        let simulator = Simulator()
        simulator.installScripting(LuaScripting(timeBudget: .seconds(2)))
        return simulator
    }

    /// The command lines that a lesson says may fail: those after a `#` comment that mentions an
    /// error (or a command that fails, aborts or is refused), up to the next comment, as lessons
    /// announce what they demonstrate (`# Creating it twice fails with: (error) BUSYGROUP …`).
    static func linesAnnouncingErrors(_ block: CodeBlock) -> Set<Int> {
        let words = ["error", "fail", "abort", "refuse", "reject"]
        var announced: Set<Int> = []
        var announcing = false
        for (offset, rawLine) in block.code.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = rawLine.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            if text.hasPrefix("#") {
                let lowered = text.lowercased()
                announcing = words.contains { lowered.contains($0) }
                continue
            }
            if announcing { announced.insert(block.line + 1 + offset) }
        }
        return announced
    }
}
