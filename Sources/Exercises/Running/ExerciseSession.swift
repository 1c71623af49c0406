import Foundation
import RESP
import Synchronization

/// One exercise in progress on one environment: setup done, `start` peers connected, the
/// learner's connection open. The runner drives it from a file; the REPL drives it from the
/// learner's typing and calls `check()` whenever asked.
public final class ExerciseSession: Sendable {
    struct State {
        var peers: [PeerRun] = []
        var checkers: [ExerciseClient] = []
        var sha: Result<String, ExerciseRunError>?
        var scriptError: LearnerError?
        var commandsSent = 0
        var deadline: ContinuousClock.Instant
        var finished = false
    }

    /// The exercise.
    public let exercise: Exercise
    /// The server it runs on.
    public let environment: ExerciseEnvironment
    /// The budgets it keeps to.
    public let limits: ExerciseLimits
    /// The learner's client.
    public let learner: ExerciseClient
    /// The Lua script `$SCRIPT` stands for (the learner's, or the solution), in a `lua` exercise.
    public let script: String?
    /// False when the learner's connection is the REPL's, which outlives the session.
    let ownsLearnerConnection: Bool
    let state: Mutex<State>

    /// How long a live Redis is given before a waiting blocking command counts as parked.
    static let liveGrace: Duration = .milliseconds(150)

    private init(exercise: Exercise, environment: ExerciseEnvironment, limits: ExerciseLimits, learner: ExerciseClient, script: String?, ownsLearner: Bool) {
        self.exercise = exercise
        self.ownsLearnerConnection = ownsLearner
        self.environment = environment
        self.limits = limits
        self.learner = learner
        self.script = script
        self.state = Mutex(State(deadline: .now + limits.wallClock))
    }

    /// Starts `exercise`: setup on a client of its own, then the `start` peers, each on its own
    /// connection. The learner's connection is `learnerConnection` (the REPL's own) or a new one.
    public static func start(
        _ exercise: Exercise, environment: ExerciseEnvironment, limits: ExerciseLimits, script: String? = nil,
        learnerConnection: (any RedisConnection)? = nil
    ) async throws(ExerciseRunError) -> ExerciseSession {
        let learner: ExerciseClient
        if let learnerConnection {
            learner = ExerciseClient(name: "learner", connection: learnerConnection, maxReplyBytes: limits.maxReplyBytes, recordsPushes: false)
        } else {
            learner = ExerciseClient(name: "learner", connection: try await environment.connect(), maxReplyBytes: limits.maxReplyBytes)
        }
        let session = ExerciseSession(exercise: exercise, environment: environment, limits: limits, learner: learner, script: script, ownsLearner: learnerConnection == nil)
        do {
            try await session.prepare()
        } catch {
            await session.finish(clearKeys: false)
            throw error
        }
        return session
    }

    /// Setup, the memory budget, the script's SHA and the `start` peers.
    private func prepare() async throws(ExerciseRunError) {
        let setup = ExerciseClient(name: "setup", connection: try await environment.connect(), maxReplyBytes: limits.maxReplyBytes)
        state.withLock { $0.checkers.append(setup) }
        _ = try await perform(exercise.setup, on: setup, what: "setup")
        if let memory = limits.memoryBytes, !environment.isLive {
            _ = try await send(["CONFIG", "SET", "maxmemory", String(memory)], on: setup, line: 0, what: "setup")
        }
        if let script {
            let reply = try await send(["SCRIPT", "LOAD", script], on: setup, line: 0, what: "loading the script")
            let sha: Result<String, ExerciseRunError> = reply.isError || reply.stringValue == nil
                ? .failure(ExerciseRunError(reply.shortText)) : .success(reply.stringValue!)
            state.withLock {
                $0.sha = sha
                if case .error(let text) = reply { $0.scriptError = LearnerError.script(reply: text.text) }
            }
        }
        try await startPeers(exercise.peers.filter { $0.when == .start })
    }

    /// Gives the run a fresh wall-clock budget (the REPL does before each `:check`).
    public func resetDeadline() {
        state.withLock { $0.deadline = .now + limits.wallClock }
    }

    var deadline: ContinuousClock.Instant { state.withLock { $0.deadline } }

    /// The peers, in the order they first ran, each with what it sent and got (a `check` peer:
    /// its latest run).
    public var peerClients: [ExerciseClient] {
        let clients = state.withLock { $0.peers.map(\.client) }
        var order: [String] = []
        var latest: [String: ExerciseClient] = [:]
        for client in clients {
            if latest[client.name] == nil { order.append(client.name) }
            latest[client.name] = client
        }
        return order.compactMap { latest[$0] }
    }

    /// The client a check names: `learner` or a peer (the latest of that name).
    func client(named name: String) -> ExerciseClient? {
        if name == "learner" { return learner }
        return state.withLock { $0.peers.last { $0.client.name == name }?.client }
    }

    /// Closes every connection; on a live Redis deletes the exercise's keys. The REPL's own
    /// learner connection is left open.
    public func finish(clearKeys: Bool = true) async {
        let (clients, already) = state.withLock { state -> ([ExerciseClient], Bool) in
            defer { state.finished = true }
            return (state.peers.map(\.client) + state.checkers, state.finished)
        }
        guard !already else { return }
        for client in clients { await client.close() }
        if ownsLearnerConnection { await learner.close() }
        if clearKeys { try? await environment.deleteKeys(matching: exercise.keys) }
    }
}
