import ArgumentParser
import Basics
import Exercises
import Foundation
import REPL

/// `redislings hint ID`: the next hint of an exercise each time (a nudge first, the answer last).
struct HintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hint",
        abstract: "Show the next hint for an exercise (--all: every hint so far and the rest).")

    @OptionGroup var options: ExerciseOptions

    @Argument(help: "The exercise: its id, or LESSON.N (e.g. 14.1).")
    var exercise: String

    @Flag(help: "Show every hint at once.")
    var all = false

    @Flag(help: "Show the last hint, which gives the answer away, without asking first.")
    var answer = false

    func run() throws {
        let (found, _, _) = try options.exercise(exercise)
        let log = ProgressHintLog.current()
        do {
            let shown = try log.hintsShown(for: found.id)
            let upTo = all ? found.hints.count : min(shown + 1, found.hints.count)
            // The last tier is the answer: it is shown only when asked for (here, or at a prompt).
            if !all, !answer, found.hints.count > 1, shown == found.hints.count - 1, !confirmAnswer(found) {
                print("The next hint gives the answer away: `redislings hint \(found.id) --answer` shows it.")
                return
            }
            for index in 0..<upTo where all || index == upTo - 1 {
                print("Hint \(index + 1)/\(found.hints.count): \(found.hints[index])")
            }
            if !all, shown >= found.hints.count { print("That was the last hint: it gives the answer away.") }
            do {
                try log.recordHintsShown(max(shown, upTo), for: found.id)
            } catch {
                // The hint is shown; only its count is lost, as `show` only warns when a read is not recorded.
                FileHandle.standardError.write(Data("warning: this hint was not counted, so the next one starts from it again: \(error)\n".utf8))
            }
        } catch {
            throw CommandLineError(message: "\(error)", help: "Hints are counted in your progress database; check that its folder is writable.")
        }
    }

    /// On a terminal, asks before the hint that gives the answer away; elsewhere, no.
    private func confirmAnswer(_ exercise: Exercise) -> Bool {
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else { return false }
        print("The next hint gives the answer to \(exercise.shortName) away. Show it? [y/N] ", terminator: "")
        let reply = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return reply.hasPrefix("y")
    }
}
