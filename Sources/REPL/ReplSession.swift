import Exercises
import RESP

/// One learner's REPL session: reads lines, runs Redis commands and meta-commands, prints
/// replies as redis-cli does, and follows the connection's database, MULTI and subscriptions.
///
/// A session is driven by one task at a time (`run` or the tests' calls to `handle`).
public final class ReplSession: @unchecked Sendable {
    /// The backend commands go to.
    public let backend: ReplBackend
    /// Where lines come from.
    public let input: any LineInput
    /// Where replies go.
    public let output: any ReplOutput
    /// The meta-commands (`:help`, `:lesson`, …); other modules add theirs.
    public var metaCommands: MetaCommandTable
    /// The learner's connection.
    public private(set) var connection: any RedisConnection
    /// The server `connection` is open on: the backend's server when it connected, which a
    /// session sharing the backend may since have replaced (then `reconnect` catches up).
    public private(set) var connectedServer: any RedisBackend
    /// What the prompt shows about the connection.
    public private(set) var state: ConnectionState
    /// The lessons and the learner's place in them, when the session has a course.
    public var course: CourseNavigator?
    /// The exercises, when the course has some (`:exercise`, `:check`, `:hint`, `:peers`).
    public var exercises: ExerciseWorkbench? {
        didSet {
            // Messages are filed for the exercise as they arrive, not when printed, so a check
            // sees those its own peers just published.
            guard let workbench = exercises else {
                inbox.setObserver(nil)
                return
            }
            inbox.setObserver { [weak workbench] message in workbench?.recordLearnerPush(message) }
        }
    }
    /// How replies are printed: redis-cli's terminal format, or raw (its default when piped).
    public var rawReplies = false
    /// Where the REPL's own notices go (standard error when replies are piped), so piped
    /// output holds replies only, as redis-cli's does.
    public var notices: any ReplOutput
    /// The server's command names, for "did you mean" after an unknown command.
    public var commandNames: [String] = []
    /// True once `:quit` (or `quit`/`exit`) was entered.
    public private(set) var isFinished = false

    let inbox = PushInbox()
    /// True when the last command already printed "Reading messages…".
    private var announcedReading = false
    private static let readingMessages = "Reading messages... (press Ctrl-C or any key to type a command)"
    private var pushForwarder: Task<Void, Never>?
    var peers: [String: any RedisConnection] = [:]
    private var historyWarningShown = false

    /// A session on `backend`; connects at once.
    public init(
        backend: ReplBackend, input: any LineInput, output: any ReplOutput,
        metaCommands: MetaCommandTable = .learner
    ) async throws {
        self.backend = backend
        self.input = input
        self.output = output
        self.notices = output
        self.metaCommands = metaCommands
        state = ConnectionState(database: backend.initialDatabase)
        let server = backend.server
        connectedServer = server
        connection = try await server.connect()
        attachInbox()
    }

    /// The prompt for the next line.
    public var prompt: String { state.prompt(label: backend.label) }

    /// Reads and handles lines until the input ends or the learner quits.
    public func run() async {
        let lessonClock = course.map(Self.recordTime)
        defer { lessonClock?.cancel() }
        while !isFinished {
            let input = self.input, prompt = self.prompt
            guard let line = await Blocking.run({ input.readLine(prompt: prompt) }) else {
                if input.isInteractive { output.write("\n") }
                break
            }
            await handle(line: line)
            course?.recordTimeIfDue()
        }
        await close()
    }

    /// Records the time on the current lesson as it accrues, also while the learner reads or
    /// thinks at the prompt without typing: a session that dies then (a closed terminal, a
    /// kill) keeps all but the last few seconds.
    private static func recordTime(on course: CourseNavigator) -> Task<Void, Never> {
        let tick = course.recordingInterval / 3
        return Task.detached {
            while !Task.isCancelled {
                try? await Task.sleep(for: tick)
                course.recordTimeIfDue()
            }
        }
    }

    /// Handles one line: a meta-command, `help`, or a Redis command; then prints what Redis
    /// pushed, and in subscribed mode on a terminal listens for more.
    public func handle(line: String) async {
        let trimmed = String(line.trimmingSpaces)
        guard !trimmed.isEmpty else { return }
        rememberInHistory(line)
        if trimmed.hasPrefix(":") {
            await runMeta(trimmed)
        } else {
            await runRedisLine(trimmed)
        }
        await showPushes()
    }

    /// Runs one line of a lesson's example as if typed (without history), printing what
    /// Redis pushed but never waiting for more.
    public func runScriptedLine(_ line: String) async {
        let trimmed = String(line.trimmingSpaces)
        guard !trimmed.isEmpty else { return }
        await runRedisLine(trimmed)
        printWaitingPushes()
    }

    /// Prints the messages Redis pushed since the last line, without waiting for more: the web
    /// console calls it when the inbox says one arrived (`onPush`).
    public func showWaitingPushes() { printWaitingPushes() }

    /// Calls `handler` whenever Redis pushes a message to the learner's connection (nil: stop).
    public func onPush(_ handler: (@Sendable () -> Void)?) { inbox.setArrivalHandler(handler) }

    /// Ends the session after the current line.
    public func quit() { isFinished = true }

    /// Sends `arguments` on the learner's connection, prints the reply as redis-cli does and
    /// follows its effect on the prompt; returns the reply (nil when the backend failed).
    @discardableResult
    public func execute(_ arguments: [[UInt8]]) async -> RESPValue? {
        guard let reply = await send(arguments, on: connection) else { return nil }
        let wasSubscribed = state.isSubscribed
        var entersSubscribedMode = false
        if input.isInteractive, !wasSubscribed, !reply.isError, let name = arguments.first.map({ String(decoding: $0, as: UTF8.self).lowercased() }),
           ["subscribe", "psubscribe", "ssubscribe"].contains(name) {
            // redis-cli announces subscribed mode before it prints the first confirmation.
            output.line(Self.readingMessages)
            entersSubscribedMode = true
        }
        announcedReading = entersSubscribedMode
        print(reply)
        if case .error(let text) = reply, !rawReplies,
           let advice = UnknownCommandAdvice.advice(command: arguments.map { String(decoding: $0, as: UTF8.self) }, error: text.text, known: commandNames) {
            notices.line("(\(advice))")
        }
        state.observe(command: arguments, reply: reply)
        exercises?.recordLearnerReply(reply, command: arguments)
        return reply
    }

    /// Sends `arguments` as another client called `name` (opened on first use) and prints the reply.
    public func executeAsPeer(_ name: String, _ arguments: [[UInt8]]) async {
        let peer: any RedisConnection
        if let existing = peers[name] {
            peer = existing
        } else {
            do {
                peer = try await backend.connect()
            } catch {
                output.line("(error) cannot open a connection for \(name): \(error)")
                return
            }
            peers[name] = peer
        }
        guard let reply = await send(arguments, on: peer) else { return }
        print(reply)
    }

    /// Prints a reply or a pushed message as redis-cli would: formatted, or raw.
    private func print(_ reply: RESPValue) {
        if rawReplies {
            output.write(bytes: ReplyFormatter.raw(reply))
        } else {
            output.line(ReplyFormatter.format(reply))
        }
    }

    /// Replaces the simulator with a fresh one and reconnects; false on live Redis.
    public func resetBackend() async -> Bool {
        guard backend.reset() else { return false }
        return await reconnect()
    }

    /// Reopens the learner's connection on the backend's server now (peers closed, prompt back
    /// to the first database): after this session's `resetBackend`, or after another session
    /// sharing the backend replaced its server (a second browser tab's `:reset` or `:exercise`).
    public func reconnect() async -> Bool {
        await closeConnections()
        do {
            let server = backend.server
            connection = try await server.connect()
            connectedServer = server
        } catch {
            output.line("(error) \(error)")
            return false
        }
        state = ConnectionState(database: backend.initialDatabase)
        attachInbox()
        return true
    }

    /// Writes a line of the REPL's own (not a Redis reply).
    public func say(_ text: String) { output.line(text) }

    /// Writes a notice (a warning, a note on what the session did by itself) where notices go.
    public func notice(_ text: String) { notices.line(text) }

    // MARK: Lines

    private func runMeta(_ line: String) async {
        let words: [String]
        do {
            words = try CommandLineSplitter.splitText(line)
        } catch {
            output.line(CommandLineSplitter.invalidArgumentsMessage)
            return
        }
        guard let name = words.first else { return }
        guard let command = metaCommands.lookup(name) else {
            output.line("Unknown meta-command '\(name)'. Type :help for the list.")
            return
        }
        await command.run(self, Array(words.dropFirst()))
    }

    private func runRedisLine(_ line: String) async {
        let arguments: [[UInt8]]
        do {
            arguments = try CommandLineSplitter.split(line)
        } catch {
            output.line(CommandLineSplitter.invalidArgumentsMessage)
            return
        }
        guard let first = arguments.first else { return }
        let words = arguments.map { String(decoding: $0, as: UTF8.self) }
        switch String(decoding: first, as: UTF8.self).lowercased() {
        case "help", "?":
            output.line(CommandHelp.helpText(for: Array(words.dropFirst()), colored: input.isInteractive))
        case "quit", "exit":
            quit()
        case "clear" where input.isInteractive:
            output.write("\u{1B}[H\u{1B}[2J")
        default:
            await execute(arguments)
        }
    }

    private func rememberInHistory(_ line: String) {
        do {
            try input.remember(line)
        } catch {
            if !historyWarningShown { output.line("warning: \(error)") }
            historyWarningShown = true
        }
    }

    // MARK: Backend

    /// The reply to `arguments` on `connection`, or nil (said) when the backend failed or Ctrl-C
    /// closed the connection; Ctrl-C stops the command on a terminal (`InterruptWatch`).
    func send(_ arguments: [[UInt8]], on connection: any RedisConnection) async -> RESPValue? {
        let watch = input.isInteractive ? InterruptWatch(connection, on: backend.server, output: output) : nil
        let reply: Result<RESPValue, RedisConnectionError>
        do {
            reply = .success(try await connection.send(arguments))
        } catch {
            reply = .failure(error)
        }
        if await watch?.finish() == true {
            await replace(connection)
            return nil
        }
        switch reply {
        case .success(let value): return value
        case .failure(let error):
            output.line("(error) \(error.message)")
            return nil
        }
    }

    /// Opens a new connection in place of one Ctrl-C closed: the learner's (back to the first
    /// database, outside any transaction or subscription) or a peer's.
    private func replace(_ closed: any RedisConnection) async {
        if let peer = peers.first(where: { $0.value === closed })?.key {
            peers[peer] = nil
            output.line("(interrupted) \(peer)'s command was stopped by closing its connection; the next `as \(peer)` opens a new one.")
            return
        }
        pushForwarder?.cancel()
        pushForwarder = nil
        do {
            let server = backend.server
            connection = try await server.connect()
            connectedServer = server
        } catch {
            output.line("(error) the command was stopped, but no new connection could be opened: \(error.message)")
            return
        }
        state = ConnectionState(database: backend.initialDatabase)
        attachInbox()
        output.line("(interrupted) The command was stopped by closing its connection; a new one is open.")
    }

    private func attachInbox() {
        let inbox = self.inbox
        // Synchronous delivery where the connection offers it: a message published by a peer is
        // in the inbox as soon as PUBLISH returns, so scripted sessions print it deterministically.
        guard !connection.deliverPushes(to: { inbox.append($0) }) else { return }
        let pushes = connection.pushes
        pushForwarder = Task { for await message in pushes { inbox.append(message) } }
    }

    private func showPushes() async {
        printWaitingPushes()
        guard input.isInteractive, state.isSubscribed else { return }
        if !announcedReading { output.line(Self.readingMessages) }
        announcedReading = false
        let input = self.input, inbox = self.inbox
        while state.isSubscribed {
            let event = await Blocking.run { input.waitForMessagesOrKey(inbox) }
            printWaitingPushes()
            if event == .stop { break }
        }
    }

    private func printWaitingPushes() {
        for message in inbox.drain() {
            print(message)
            state.observe(message: message)
        }
    }

    private func closeConnections() async {
        pushForwarder?.cancel()
        pushForwarder = nil
        await connection.close()
        for peer in peers.values { await peer.close() }
        peers = [:]
        _ = inbox.drain()
    }

    /// Closes this session's own connections only, leaving the backend and the exercise in
    /// progress to the other sessions that share them (a browser tab closed).
    public func detach() async {
        await closeConnections()
    }

    /// Ends the exercise in progress, closes every connection and the backend's server.
    public func close() async {
        await exercises?.end()
        await closeConnections()
        await backend.close()
    }
}
