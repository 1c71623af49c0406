import ArgumentParser
import Basics
import Exercises
import Foundation
@preconcurrency import Glibc
import LessonKit
import LiveRedis
import Quizzes
import RESP
import RedisBackends
import REPL

/// `redislings learn [LESSON]` (and `redislings` alone): the learner's REPL, on the built-in
/// simulator or a live Redis, opened at the lesson the learner was reading.
struct LearnCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Open the course: read lessons and try Redis commands on the built-in simulator.",
        discussion: """
            Resumes at the lesson you were reading last. Your place and your command history are \
            kept in $REDISLINGS_HOME, else $XDG_STATE_HOME/redislings, else ~/.local/state/redislings.
            """)

    @OptionGroup var course: CourseOptions

    @OptionGroup var backendOptions: BackendOptions

    @Option(
        name: .customLong("exercises"),
        help: ArgumentHelp("The exercises folder (default: beside --lessons, else $REDISLINGS_EXERCISES, ./Exercises, the installed ones).", valueName: "dir"))
    var exercisesFolder: String?

    @Flag(inversion: .prefixedNo, help: ArgumentHelp(
        "Print replies raw, as redis-cli does when its output is not a terminal (the default then); --no-raw keeps the terminal format."))
    var raw: Bool?

    @Argument(help: "The lesson to open: its number, slug or canonical id (default: where you stopped).")
    var lesson: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let directory = LearnerRecord.stateDirectory(environment: environment)
        var store: StateStore? = StateStore(directory: directory)
        var learner = LearnerState()
        do {
            learner = try store?.load() ?? learner
        } catch where error.line == nil {
            // Reading the course only records; as `show` does, an unusable REDISLINGS_HOME is a
            // warning, and the place is neither read nor saved over a file that may be fine.
            FileHandle.standardError.write(Data("warning: your place in the course is not read or saved: \(error)\n".utf8))
            store = nil
        } catch {
            // A damaged file is the learner's to fix: a save would replace it.
            throw CommandLineError(message: error.description, help: "The file only remembers your place in the course.")
        }
        let catalog = try course.loadCatalog()
        if let lesson, catalog.lesson(matching: lesson) == nil, let subcommand = SubcommandSuggestion.closest(to: lesson) {
            throw CommandLineError(
                message: "No lesson or subcommand '\(lesson)'.",
                help: "Did you mean `redislings \(subcommand)`? `redislings --help` lists the subcommands.")
        }
        CourseOptions.warnAboutProblems(in: catalog)
        let navigator = try Self.navigator(for: catalog, lesson: lesson, learner: learner, store: store, environment: environment)

        let interactive = isatty(STDIN_FILENO) != 0
        let backend = try await makeBackend()
        let input: any LineInput
        if interactive {
            do { try directory.create() } catch { FileHandle.standardError.write(Data("warning: \(error)\n".utf8)) }
            Interrupts.install()
            let table = MetaCommandTable.learner
            let editor = LineEditor(
                completer: .standard(commands: SimulatorBackend.commandNames, metaCommands: table.commands.map(\.name)),
                hints: ArgumentHints(metaUsages: table.usages),
                historyPath: directory.historyFile)
            if let warning = editor.historyWarning { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
            input = TerminalInput(editor: editor)
        } else {
            input = PipedInput()
        }
        let session = try await ReplSession(backend: backend, input: input, output: StandardOutput())
        // As redis-cli: replies raw when standard output is not a terminal, and then only
        // replies on it; the REPL's own notices go to standard error.
        let outputIsTerminal = isatty(STDOUT_FILENO) != 0
        session.rawReplies = raw ?? !outputIsTerminal
        if !outputIsTerminal { session.notices = StandardOutput(standardError: true) }
        session.commandNames = SimulatorBackend.commandNames.keys.sorted()
        session.course = navigator
        if let navigator {
            navigator.usePager = interactive
            navigator.renderer = TerminalRenderer(
                width: Terminal.width(environment: environment),
                colors: Terminal.useColors(plain: !interactive, environment: environment))
            navigator.environment = environment
            navigator.lessonRead = { lesson in
                LearnerRecord.bestEffort("reading lesson \(lesson.paddedNumber)") { store, now in
                    try store.recordLessonRead(lesson: lesson.progressKey, at: now)
                }
            }
            let timeWarning = WarningOnce()
            navigator.timeSpent = { lesson, seconds in
                LearnerRecord.bestEffort("time on lesson \(lesson.paddedNumber)", once: timeWarning) { store, now in
                    try store.recordTimeSpent(lesson: lesson.progressKey, activity: "learn", seconds: seconds, endingAt: now)
                }
            }
            do { try navigator.save() } catch { session.say("warning: your place could not be saved: \(error)") }
        }
        session.exercises = try loadExercises(lessons: catalog, stateDirectory: directory)
        if interactive {
            let where_ = backend.canReset ? "the built-in Redis 7.0 simulator" : "the live Redis at \(backend.label)"
            session.say("redislings on \(where_). Type help for Redis commands, :help for the rest.")
            if !backend.canReset {
                session.say("You may read every key here, but change only keys this session creates; they are deleted when you leave.")
            }
            if let navigator { session.say(navigator.introduction) }
        }
        await session.resumeExercise()
        let hangup = SessionHangup.watch(session, course: navigator)
        await session.run()
        for source in hangup { source.cancel() }
        navigator?.finishTiming()
    }

    /// The exercises for the REPL, or nil when the course has none (a folder asked for by name must exist).
    private func loadExercises(lessons: LessonCatalog, stateDirectory: StateDirectory) throws -> ExerciseWorkbench? {
        let found: String?
        do {
            found = try ExerciseOptions.directory(exercises: exercisesFolder, lessons: course.lessons)
        } catch {
            if exercisesFolder != nil { throw error }
            return nil
        }
        guard let folder = found else { return nil }
        let catalog = ExerciseCatalog.load(directory: folder, lessons: lessons)
        ExerciseOptions.warnAboutProblems(in: catalog)
        return ExerciseWorkbench(
            catalog: catalog, hintLog: ProgressHintLog.current(),
            workspace: .fromEnvironment(ProcessInfo.processInfo.environment),
            recordResult: { exercise, result in ExerciseProgress.record(result, of: exercise, lessons: lessons) },
            standingMark: { ExerciseStanding.load().mark(of: $0) })
    }

    /// The course position to open, or nil when the course has no lessons.
    static func navigator(
        for catalog: LessonCatalog, lesson: String?, learner: LearnerState, store: StateStore?,
        environment: [String: String]
    ) throws -> CourseNavigator? {
        guard !catalog.lessons.isEmpty else {
            if let lesson { throw LessonLookupError.unknown(lesson, in: catalog) }
            return nil
        }
        let (position, note) = CourseNavigator.startPosition(in: catalog, requested: lesson, state: learner)
        guard let position else { throw LessonLookupError.unknown(lesson ?? "", in: catalog) }
        if let note { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
        return CourseNavigator(catalog: catalog, position: position, store: store, state: learner, environment: environment)
    }

    /// The REPL's backend; a live one is named by address, as redis-cli's prompt does.
    private func makeBackend() async throws -> ReplBackend {
        ReplBackend(try await backendOptions.backend { url in url.socketPath ?? "\(url.host):\(url.port)" })
    }
}
