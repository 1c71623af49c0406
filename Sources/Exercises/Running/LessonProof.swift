import Foundation
import LessonKit
import RESP

/// Proves a lesson's runnable parts on a fresh server of a backend (the built-in simulator, as
/// `dev check` promises): its `redis` blocks, run in order on one fresh server as a learner's
/// `:run` would, answer no error that the text does not announce, and every quiz answer that is
/// a command runs cleanly.
public enum LessonProof {
    /// The limits of the servers a proof runs on: a runaway script must not hang `dev check`.
    static let limits = RedisInstanceLimits(scriptTimeBudget: .seconds(2), scriptMemoryBudget: 64 << 20)

    /// The problems found in `lesson` on fresh servers of `backend`, with file lines; empty when it runs as written.
    public static func prove(_ lesson: Lesson, on backend: any RedisBackend) async -> [ExerciseProblem] {
        var problems: [ExerciseProblem] = []
        let server = backend.makeInstance(limits: limits)
        defer { Task { await server.close() } }
        for block in lesson.runnableBlocks {
            let announced = linesAnnouncingErrors(block)
            guard var client = try? await server.connect() else {
                problems.append(cannotConnect(lesson, line: block.line, server))
                return problems
            }
            for command in block.commands {
                guard let words = command.arguments, !words.isEmpty else { continue }
                switch await reply(to: words, on: client) {
                case .error(let message)? where !announced.contains(command.line):
                    problems.append(ExerciseProblem(
                        file: lesson.file, line: command.line,
                        message: "`\(command.text)` answers (error) \(message) when the lesson's blocks run in order on an empty server",
                        fix: "fix the command or an earlier block, or say in a `#` comment just above it that an error is expected"))
                case nil:
                    // Parked: a learner would press Ctrl-C, and the REPL drops the connection and opens another.
                    await client.close()
                    guard let next = try? await server.connect() else { return problems + [cannotConnect(lesson, line: command.line, server)] }
                    client = next
                default:
                    break
                }
            }
            await client.close()
        }
        for question in lesson.quiz?.questions ?? [] {
            guard case .command(let command) = question.answer else { continue }
            guard let words = RedisCommandLine.split(command), !words.isEmpty else { continue }
            let fresh = backend.makeInstance(limits: limits)
            guard let answerer = try? await fresh.connect() else { continue }
            if case .error(let message)? = await reply(to: words, on: answerer) {
                problems.append(ExerciseProblem(
                    file: lesson.file, line: question.answerLine,
                    message: "the answer to Question \(question.number), `\(command)`, answers (error) \(message) on an empty server",
                    fix: "give a command that succeeds on an empty server, since learners' answers are judged against it there"))
            }
            await answerer.close()
            await fresh.close()
        }
        return problems
    }

    /// The reply to `words`, nil when the server parked it, or the connection's failure as an error.
    private static func reply(to words: [String], on client: any RedisConnection) async -> RESPValue? {
        do {
            return try await client.replyUnlessParked(words.map { Array($0.utf8) })
        } catch {
            return .error(error.message)
        }
    }

    private static func cannotConnect(_ lesson: Lesson, line: Int, _ server: any RedisBackend) -> ExerciseProblem {
        ExerciseProblem(
            file: lesson.file, line: line, message: "the lesson's blocks could not run: no connection to \(server.label)",
            fix: "check that the Redis it runs on is reachable")
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
