import Foundation
import RESP

extension ExerciseSession {
    /// Runs steps on `client`, waiting for each (within the wall-clock budget); returns the last
    /// command's reply.
    func perform(_ steps: [ExerciseStep], on client: ExerciseClient, what: String) async throws(ExerciseRunError) -> RESPValue? {
        var last: RESPValue?
        for step in steps {
            switch step.action {
            case .command(let arguments):
                last = try await send(arguments, on: client, line: step.line, what: what)
            case .advance, .close, .sleep:
                try await performQuietly(step, on: client)
            }
        }
        return last
    }

    /// Carries out a step that sends no command: moves the clock, closes `client`, or waits.
    private func performQuietly(_ step: ExerciseStep, on client: ExerciseClient) async throws(ExerciseRunError) {
        switch step.action {
        case .command:
            return
        case .advance(let milliseconds):
            try await environment.advance(milliseconds: milliseconds, line: step.line)
        case .close:
            await client.close()
        case .sleep(let milliseconds):
            try? await Task.sleep(for: .milliseconds(milliseconds))
        }
    }

    /// Sends one authored command (placeholders replaced), within the wall-clock budget.
    func send(_ arguments: [String], on client: ExerciseClient, line: Int, what: String) async throws(ExerciseRunError) -> RESPValue {
        let resolved: [String]
        switch substitute(arguments) {
        case .success(let value): resolved = value
        case .failure(let error): return .error(error.message)
        }
        let reply = try await sendWithinBudget(resolved, on: client, line: line, what: what, inDefinition: true)
        noteScriptError(reply, arguments: arguments)
        return reply
    }

    /// Sends a command, giving up when the run's wall-clock budget runs out. A message names
    /// `line` as the learner's when the command is theirs; a step of the exercise's own file is
    /// named after the message, as the course's position, never as a line of the learner's file.
    func sendWithinBudget(
        _ arguments: [String], on client: ExerciseClient, line: Int, what: String, inDefinition: Bool = false
    ) async throws(ExerciseRunError) -> RESPValue {
        if client.isClosed { return .error("ERR the \(client.name) client has disconnected (a `close` step)") }
        // A check's line is in the exercise's definition, not in anything the learner wrote: it
        // may be named as the course's position, never recorded as a line of the learner's file.
        let learnerLine = client.name == "checker" ? 0 : line
        let (place, step) = inDefinition ? ("", Self.definitionPlace(line)) : (Self.place(learnerLine), "")
        let waitsForever = client === learner && ownsLearnerConnection && ExerciseClient.waitsForever(arguments)
        let stuck: (@Sendable () -> Bool)? = waitsForever ? { @Sendable [self] in self.learnerIsStuck() } : nil
        let outcome = await withDeadline(deadline, stuck: stuck) { () async -> Result<RESPValue, RedisConnectionError> in
            do throws(RedisConnectionError) {
                return .success(try await client.send(arguments, line: learnerLine))
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case .value(.success(let reply)): return reply
        case .value(.failure(let error)):
            throw ExerciseRunError("\(place)\(what): `\(Self.commandText(arguments))` failed: \(error.message)\(step)")
        case .stuck:
            _ = await environment.instance.interrupt(client.connection)
            await client.close()
            throw ExerciseRunError(
                "\(place)`\(Self.commandText(arguments))` waits for ever (timeout 0), and no other client of this exercise "
                    + "is left to wake it: give it a timeout, or make sure something is there for it to read first\(step)")
        case .deadline:
            // Stop it on the server too, so a live Redis is not left busy with a runaway script.
            let interruption = await environment.instance.interrupt(client.connection)
            await client.close()
            var message = "\(place)\(what): `\(Self.commandText(arguments))` was still waiting when the wall-clock budget of \(ExerciseLimits.durationText(limits.wallClock)) ran out"
            if case .unstoppable(let reason) = interruption {
                message += "; it could not be stopped on \(environment.label): \(reason)"
            }
            message += step
            throw ExerciseRunError(message)
        }
    }

    /// True when the learner's command is parked and nothing can wake it: every peer is done
    /// or parked itself (peers that run at check time come only after the learner's file).
    func learnerIsStuck() -> Bool {
        guard learner.isParked(liveGrace: Self.liveGrace) else { return false }
        return state.withLock { $0.peers }.allSatisfy { $0.isSettled(liveGrace: Self.liveGrace) }
    }

    /// `$SCRIPT` and `$SHA` replaced (whole arguments only).
    func substitute(_ arguments: [String]) -> Result<[String], ExerciseRunError> {
        guard let script, arguments.contains(where: { $0 == "$SCRIPT" || $0 == "$SHA" }) else { return .success(arguments) }
        var resolved: [String] = []
        for argument in arguments {
            switch argument {
            case "$SCRIPT": resolved.append(script)
            case "$SHA":
                switch state.withLock({ $0.sha }) {
                case .success(let sha): resolved.append(sha)
                case .failure(let error): return .failure(error)
                case nil: return .failure(ExerciseRunError("ERR the script was not loaded"))
                }
            default: resolved.append(argument)
            }
        }
        return .success(resolved)
    }

    /// Starts peers, each on its own connection, and waits until each is done or parked.
    func startPeers(_ peers: [ExercisePeer]) async throws(ExerciseRunError) {
        for peer in peers {
            let client = ExerciseClient(name: peer.name, connection: try await environment.connect(), maxReplyBytes: limits.maxReplyBytes)
            let run = PeerRun(client: client)
            state.withLock { $0.peers.append(run) }
            Task {
                do throws(ExerciseRunError) {
                    _ = try await self.performInBackground(peer.steps, on: client)
                    run.finish(nil)
                } catch {
                    run.finish(error)
                }
            }
            try await settle([run])
        }
    }

    /// A peer's steps: no wall-clock race (a parked peer waits as long as Redis lets it).
    private func performInBackground(_ steps: [ExerciseStep], on client: ExerciseClient) async throws(ExerciseRunError) {
        for step in steps {
            switch step.action {
            case .command(let arguments):
                guard !client.isClosed else { return }
                switch substitute(arguments) {
                case .success(let resolved):
                    do {
                        _ = try await client.send(resolved, line: step.line)
                    } catch {
                        if client.isClosed { return }
                        throw ExerciseRunError("peer `\(client.name)`: `\(Self.commandText(arguments))` failed: \(error.message)\(Self.definitionPlace(step.line))")
                    }
                case .failure(let error):
                    client.record(reply: .error(error.message), command: arguments, line: step.line)
                }
            case .advance, .close, .sleep:
                try await performQuietly(step, on: client)
            }
        }
    }

    /// Waits until every given peer is done or parked in a blocking command, then lets pushed
    /// messages in flight arrive.
    func settle(_ runs: [PeerRun]) async throws(ExerciseRunError) {
        while !runs.allSatisfy({ $0.isSettled(liveGrace: Self.liveGrace) }) {
            if ContinuousClock.now >= deadline {
                let waiting = runs.filter { !$0.isSettled(liveGrace: Self.liveGrace) }.map(\.client.name).joined(separator: ", ")
                throw ExerciseRunError("peer \(waiting) was still running when the wall-clock budget of \(ExerciseLimits.durationText(limits.wallClock)) ran out")
            }
            try? await Task.sleep(for: .milliseconds(1))
        }
        if let failure = runs.compactMap(\.failure).first { throw failure }
        await awaitQuietPushes()
    }

    /// Lets messages already published reach their readers. In-process they are filed at once;
    /// from a live Redis they come through each connection's reader thread, so wait until no new
    /// one has arrived for `quiet` (bounded by `patience` and the wall-clock budget). `counting`
    /// names whose messages to watch; by default every client's.
    func awaitQuietPushes(quiet: Duration = .milliseconds(20), patience: Duration = .milliseconds(500),
                          counting clients: [ExerciseClient]? = nil) async {
        guard environment.isLive else { return }
        let watched = clients ?? state.withLock { $0.peers.map(\.client) } + [learner]
        func total() -> Int { watched.reduce(0) { $0 + $1.pushes.count } }
        let limit = min(ContinuousClock.now + patience, deadline)
        var last = total()
        var quietSince = ContinuousClock.now
        while ContinuousClock.now < limit, ContinuousClock.now - quietSince < quiet {
            try? await Task.sleep(for: .milliseconds(10))
            let now = total()
            if now != last {
                last = now
                quietSince = ContinuousClock.now
            }
        }
    }

    /// Waits for every peer so far.
    func settleAll() async throws(ExerciseRunError) {
        try await settle(state.withLock { $0.peers })
    }

    /// "line N: " for the learner's lines, nothing for line 0.
    static func place(_ line: Int) -> String { line > 0 ? "line \(line): " : "" }

    /// " (the exercise's step at line N)" for a line of the exercise's own file: a position in
    /// the course, kept apart from the learner's file.
    static func definitionPlace(_ line: Int) -> String { line > 0 ? " (the exercise's step at line \(line))" : "" }

    /// A command as text, shortened for messages.
    static func commandText(_ arguments: [String]) -> String {
        let text = arguments.map(ExerciseStep.quoted).joined(separator: " ")
        return text.count > 80 ? String(text.prefix(77)) + "…" : text
    }
}
