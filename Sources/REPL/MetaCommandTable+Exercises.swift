import Exercises
import Foundation
import LessonKit
import RESP

extension MetaCommandTable {
    /// The meta-commands of the exercises: start one, get a hint, check, look at the peers.
    public static let exercises = MetaCommandTable([
        MetaCommand(":exercise", usage: "[ID|N]", summary: "Start an exercise (its id, or N of this lesson); alone, list this lesson's") { session, words in
            guard let workbench = session.requireExercises() else { return }
            guard let wanted = words.first else {
                session.listExercises(workbench)
                return
            }
            guard let exercise = session.findExercise(wanted, in: workbench) else {
                session.say("No exercise '\(wanted)'. :exercise lists this lesson's; `redislings exercise list` lists them all.")
                return
            }
            await session.startExercise(exercise, workbench: workbench, quietly: false)
        },
        MetaCommand(":hint", usage: "[answer]",
                    summary: "Show the next hint of the exercise in progress (:hint answer for the last, which gives it away)") { session, words in
            guard let workbench = session.requireExercises(), let active = session.requireActiveExercise() else { return }
            let exercise = active.exercise
            do {
                let shown = try workbench.hintLog.hintsShown(for: exercise.id)
                let next = min(shown + 1, exercise.hints.count)
                // The last tier is the answer: only when asked for by name.
                if exercise.hints.count > 1, shown == exercise.hints.count - 1, words.first?.lowercased() != "answer" {
                    session.say("The next hint gives the answer away: type :hint answer to see it.")
                    return
                }
                let label = "Hint \(next)/\(exercise.hints.count): "
                session.say(MessageWrapper.forTerminal(label + exercise.hints[next - 1], indent: label.count))
                if shown >= exercise.hints.count { session.say("That was the last hint: it gives the answer away.") }
                try workbench.hintLog.recordHintsShown(max(shown, next), for: exercise.id)
            } catch {
                session.notice("warning: hint use could not be recorded: \(error)")
            }
        },
        MetaCommand(":check", summary: "Check the exercise in progress: ✓/✗ and points per check") { session, _ in
            guard let workbench = session.requireExercises(), let active = session.requireActiveExercise() else { return }
            let result: ExerciseResult
            if active.exercise.answer == .lua {
                result = await session.checkScriptFile(active.exercise, workbench: workbench)
            } else {
                active.resetDeadline()
                result = await active.check()
            }
            session.showResult(result, of: active.exercise)
            workbench.recordResult?(active.exercise, result)
        },
        MetaCommand(":peers", summary: "Show what each of the exercise's other clients sent and received") { session, _ in
            guard let active = session.requireActiveExercise() else { return }
            let peers = active.peerClients
            guard !peers.isEmpty else {
                session.say("This exercise has no other clients.")
                return
            }
            for peer in peers {
                session.say("\(peer.name)\(peer.isClosed ? " (disconnected)" : ""):")
                for exchange in peer.exchanges {
                    session.say("  > \(exchange.commandLine)")
                    for line in ReplyFormatter.format(exchange.reply).split(separator: "\n", omittingEmptySubsequences: false) {
                        session.say("    \(line)")
                    }
                }
                let messages = peer.messages
                if messages.isEmpty { session.say("  received no messages") }
                for message in messages {
                    let parts = message.arrayValue?.compactMap(\.stringValue) ?? []
                    session.say("  received \(parts.joined(separator: " "))")
                }
            }
        },
    ])
}

extension ReplSession {
    /// The exercises, or nil after saying there are none.
    func requireExercises() -> ExerciseWorkbench? {
        if exercises == nil { say("No exercises are loaded: start redislings where it can find its Exercises folder (--exercises DIR).") }
        return exercises
    }

    /// The exercise in progress, or nil after saying how to start one.
    func requireActiveExercise() -> ExerciseSession? {
        guard let active = exercises?.active else {
            say("No exercise in progress. :exercise lists this lesson's; :exercise ID starts one.")
            return nil
        }
        return active
    }

    /// An exercise by id, `LESSON.N`, or N of the current lesson.
    func findExercise(_ wanted: String, in workbench: ExerciseWorkbench) -> Exercise? {
        if let number = Int(wanted), let lesson = course?.current {
            return workbench.catalog.exercises(ofLesson: lesson.slug).first { $0.number == number }
        }
        return workbench.catalog.exercise(matching: wanted)
    }

    /// Lists the current lesson's exercises (all of them without a course).
    func listExercises(_ workbench: ExerciseWorkbench) {
        let exercises = course.map { workbench.catalog.exercises(ofLesson: $0.current.slug) } ?? workbench.catalog.exercises
        guard !exercises.isEmpty else {
            say("This lesson has no exercises. `redislings exercise list` lists them all.")
            return
        }
        let current = workbench.active?.exercise.id
        let numberWidth = exercises.map { String($0.number).count }.max() ?? 0
        let idWidth = exercises.map(\.id.count).max() ?? 0
        for exercise in exercises {
            let mark = exercise.id == current ? "*" : " "
            let standing = workbench.standingMark?(exercise.id) ?? " "
            let number = String(repeating: " ", count: numberWidth - String(exercise.number).count) + String(exercise.number)
            let id = exercise.id.padding(toLength: idWidth, withPad: " ", startingAt: 0)
            say("\(mark)\(standing) \(number)  \(id)  \(exercise.title) (\(exercise.points) points)")
        }
        say(workbench.standingMark == nil
            ? "Start one with :exercise N (or its id)."
            : "✓ passed, ~ tried, * open now. Start one with :exercise N (or its id).")
    }

    /// Starts `exercise`: a fresh simulator (or, live, its keys deleted), setup, peers, then
    /// the instructions. Remembered in the state file so the next session resumes it.
    public func startExercise(_ exercise: Exercise, workbench: ExerciseWorkbench, quietly: Bool) async {
        await workbench.end()
        if backend.canReset {
            guard await resetBackend() else { return }
        }
        let environment = ExerciseEnvironment(instance: backend.server)
        do {
            // On a live Redis the session's user may delete only keys it created: what is left
            // matching the exercise's keys is someone else's, and the exercise does not start.
            try await environment.deleteKeys(matching: exercise.keys)
            let taken = try await environment.takenKeys(matching: exercise.keys)
            if !taken.isEmpty {
                let shown = taken.prefix(5).map { "`\($0)`" }.joined(separator: ", ") + (taken.count > 5 ? ", …" : "")
                say("(error) \(backend.label) already holds \(shown), which this exercise would change; redislings changes only keys it creates itself. Rename or delete them yourself, or use an empty database.")
                return
            }
        } catch {
            say("(error) \(error.message)")
            return
        }
        let started: ExerciseSession
        do {
            // The simulator outlives the exercise in the REPL: leave its maxmemory as the learner set it.
            var limits = ExerciseLimits.learner
            limits.memoryBytes = nil
            started = try await ExerciseSession.start(exercise, environment: environment, limits: limits, learnerConnection: connection)
        } catch {
            say("(error) the exercise could not start: \(error.message)")
            return
        }
        await workbench.begin(started)
        if let course {
            if let index = course.catalog.lessons.firstIndex(where: { $0.slug == exercise.lesson }), index != course.position {
                try? course.move(to: index)
            }
            do { try course.rememberExercise(exercise.id) } catch { notice("warning: the exercise could not be remembered: \(error)") }
        }
        let renderer = course?.renderer ?? TerminalRenderer()
        if quietly {
            notice("Exercise \(exercise.shortName) \(exercise.title) is open again, from a fresh start. :exercise \(exercise.id) shows it again; :check checks it.")
            return
        }
        var text = "Exercise \(exercise.shortName): \(exercise.title) (\(exercise.points) points)\n"
        text += renderer.render(markdown: exercise.instructions)
        text += exercise.answer == .lua
            ? "\nWrite the script in \(workbench.workspace.file(for: exercise)), then :check. "
            : "\nType your commands here, then :check. "
        text += ":hint gives a hint, :peers shows the other clients.\n"
        output.write(text)
        if exercise.answer == .lua { _ = try? workbench.workspace.createFile(for: exercise) }
    }

    /// Opens the exercise the state file remembers, if any. On a live Redis it is only named:
    /// its setup changes keys, which nothing the learner did not ask for may do.
    public func resumeExercise() async {
        guard let workbench = exercises, let id = course?.savedExercise, let exercise = workbench.catalog.exercise(matching: id) else { return }
        guard backend.canReset else {
            say("Exercise \(exercise.shortName) \(exercise.title) was open when you left. On a live Redis it is not set up again by itself (its setup writes keys): :exercise \(exercise.id) starts it again.")
            return
        }
        await startExercise(exercise, workbench: workbench, quietly: true)
    }

    /// A `lua` exercise is checked from its file, on a backend of its own.
    func checkScriptFile(_ exercise: Exercise, workbench: ExerciseWorkbench) async -> ExerciseResult {
        let path = workbench.workspace.file(for: exercise)
        let submission: ExerciseSubmission
        do {
            submission = try ExerciseSubmission(fileURL: URL(fileURLWithPath: path))
        } catch {
            return ExerciseResult(exercise: exercise.id, status: .error, score: 0, maxScore: exercise.points, error: error.message, checks: [])
        }
        // On a live Redis the exercise's keys there are this session's (starting the exercise
        // refused any that were not), so the run may clear them.
        return await ExerciseRunner(backend: backend.base, takenKeys: .clear).run(exercise, submission: submission, limits: .learner)
    }

    /// Prints each check with ✓/✗ and its points, then the score.
    func showResult(_ result: ExerciseResult, of exercise: Exercise) {
        for check in CheckNaming.shownToStudent(result).checks {
            let mark = check.status == .passed ? "✓" : check.status == .failed ? "✗" : "!"
            let message = check.message.isEmpty ? "" : " — \(check.message)"
            say(MessageWrapper.forTerminal("\(mark) \(check.name) (\(check.points)/\(check.maxPoints))\(message)", indent: 2))
        }
        if let error = result.error { say("(error) \(error)") }
        if let mistake = result.learnerError {
            let file = exercise.answer == .lua ? exercises?.workspace.file(for: exercise) : nil
            say(MessageWrapper.forTerminal("Your first error: \(mistake.described(in: file))", indent: 2))
        }
        switch result.status {
        case .passed:
            say("Score \(result.score)/\(result.maxScore): passed. Well done!")
            if let why = exercise.why { say(MessageWrapper.forTerminal("Why this works: \(why)", indent: 2)) }
        case .failed: say("Score \(result.score)/\(result.maxScore): not yet. :hint gives a hint.")
        case .error: say("Score \(result.score)/\(result.maxScore): the check stopped with an error.")
        }
    }
}
