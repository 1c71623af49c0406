import RESP

extension MetaCommandTable {
    /// The meta-commands every session has: help, quitting, talking as another client, and
    /// the simulator's reset and clock.
    public static let standard = MetaCommandTable([
        MetaCommand(":help", summary: "List the meta-commands (help CMD explains a Redis command)") { session, _ in
            session.say("Meta-commands (Redis commands are typed as in redis-cli; help CMD explains one):")
            session.say(session.metaCommands.helpText)
        },
        MetaCommand(":as", usage: "NAME command [arg ...]",
                    summary: "Run one command as another client, NAME (e.g. PUBLISH while you are subscribed)") { session, words in
            guard words.count >= 2 else {
                session.say("Usage: :as NAME command [arg ...]   e.g. :as bob PUBLISH news hello")
                return
            }
            await session.executeAsPeer(words[0], words.dropFirst().map { Array($0.utf8) })
        },
        MetaCommand(":monitor", usage: "[off]",
                    summary: "Show every client's commands as the server runs them (MONITOR), peers included") { session, words in
            if words.first?.lowercased() == "off" {
                await session.stopMonitor()
            } else {
                await session.startMonitor()
            }
        },
        MetaCommand(":reset", summary: "Start again on a fresh, empty simulator") { session, _ in
            let exercise = session.exercises?.active?.exercise
            if session.backend.canReset { await session.exercises?.end() }
            if await session.resetBackend() {
                session.say("The simulator was reset: no keys, no clients, clock back to real time.")
                if let exercise {
                    // Left means left: the next session must not reopen it from the state file.
                    do { try session.course?.rememberExercise(nil) } catch { session.notice("warning: the state file could not be updated: \(error)") }
                    session.say("Exercise \(exercise.shortName) was left; :exercise \(exercise.id) starts it again.")
                }
            } else {
                session.say(":reset works on the built-in simulator only; on a live Redis it would delete your data.")
            }
        },
        MetaCommand(":advance", usage: "DURATION",
                    summary: "Move the simulator's clock forward (10s, 1500ms, 2m, 1h) to let keys expire") { session, words in
            guard words.count == 1, let milliseconds = ClockAdvance.milliseconds(words[0]) else {
                session.say("Usage: :advance DURATION   e.g. :advance 10s, :advance 1500ms, :advance 2m, :advance 1h")
                return
            }
            guard milliseconds <= ClockAdvance.maximumMilliseconds else {
                session.say("The clock moves at most \(ClockAdvance.describe(ClockAdvance.maximumMilliseconds)) (100 years) at a time; try a smaller duration.")
                return
            }
            let server = session.backend.server
            let before = server.clockOffsetMilliseconds ?? 0
            guard server.advanceClock(milliseconds: milliseconds), let offset = server.clockOffsetMilliseconds else {
                session.say(":advance works on the built-in simulator only; a live Redis keeps real time.")
                return
            }
            let moved = offset - before
            session.say("The simulator's clock moved \(ClockAdvance.describe(moved)) forward; it is now "
                + "\(ClockAdvance.describe(offset)) ahead of real time.")
            if moved < milliseconds {
                session.say("That is as far as it goes: the simulator keeps its clock within 100 years of real time (:reset brings it back).")
            }
        },
        MetaCommand(":quit", summary: "Leave (your place in the course is kept)") { session, _ in
            session.quit()
        },
    ])
}
