import Foundation
import RESP

extension ExerciseSession {
    /// Checks the exercise now: the `check` peers run, then every check in order. A check never
    /// stops the others; a broken limit makes the status `error` and its check earns nothing.
    public func check() async -> ExerciseResult {
        var runError: ExerciseRunError?
        do {
            try await settleAll()
            try await startPeers(exercise.peers.filter { $0.when == .check })
            try await settleAll()
        } catch {
            runError = error
        }
        if let runError { return Self.notChecked(exercise, because: runError, learnerError: await learnerErrorWithAdvice()) }
        var results: [CheckResult] = []
        for check in exercise.checks {
            do {
                results.append(try await run(check))
            } catch {
                runError = runError ?? error
                results.append(CheckResult(
                    name: check.name, status: .error, message: error.message, points: 0, maxPoints: check.points, hidden: check.hidden))
            }
        }
        return Self.result(exercise, exercise.applyingRequirements(to: results), error: runError, learnerError: await learnerErrorWithAdvice())
    }

    /// A result whose checks could not run at all, with the learner's first error if they met one.
    public func notChecked(because error: ExerciseRunError) async -> ExerciseResult {
        Self.notChecked(exercise, because: error, learnerError: await learnerErrorWithAdvice())
    }

    /// A result whose checks could not run at all.
    static func notChecked(_ exercise: Exercise, because error: ExerciseRunError, learnerError: LearnerError? = nil) -> ExerciseResult {
        let checks = exercise.checks.map {
            CheckResult(name: $0.name, status: .error, message: "not checked: \(error.message)", points: 0, maxPoints: $0.points, hidden: $0.hidden)
        }
        return result(exercise, checks, error: error, learnerError: learnerError)
    }

    static func result(_ exercise: Exercise, _ checks: [CheckResult], error: ExerciseRunError?, learnerError: LearnerError? = nil) -> ExerciseResult {
        let score = checks.reduce(0) { $0 + $1.points }
        let status: ExerciseResult.Status = error != nil ? .error : checks.allSatisfy { $0.status == .passed } ? .passed : .failed
        return ExerciseResult(
            exercise: exercise.id, status: status, score: score, maxScore: exercise.points, error: error?.message,
            learnerError: learnerError, checks: checks)
    }

    /// Runs one check.
    /// How long a `received` check on a live Redis waits for messages still on their way.
    static let liveMessagePatience: Duration = .milliseconds(750)

    private func run(_ check: ExerciseCheck) async throws(ExerciseRunError) -> CheckResult {
        func verdict(_ passed: Bool, _ right: String) -> CheckResult {
            CheckResult(name: check.name, status: passed ? .passed : .failed, message: passed ? right : check.message,
                        points: passed ? check.points : 0, maxPoints: check.points, hidden: check.hidden)
        }
        switch check.kind {
        case .run(let steps, let expect):
            let checker = ExerciseClient(name: "checker", connection: try await environment.connect(), maxReplyBytes: limits.maxReplyBytes)
            state.withLock { $0.checkers.append(checker) }
            let reply = try await perform(steps, on: checker, what: "check `\(check.name)`")
            // The check's steps are the exercise's, not lines of the learner's file: a broken
            // limit is reported without a line (line 0) rather than with one the learner lacks.
            if let reply { try checkLimits(reply: reply, line: 0, client: checker) }
            await checker.close()
            var arguments: [String] = []
            if case .command(let last)? = steps.last(where: { if case .command = $0.action { return true } else { return false } })?.action {
                arguments = last
            }
            guard let reply else { return verdict(false, "") }
            return verdict(expect.matches(reply), "\(Self.speaker(of: arguments)) replied \(reply.shortText)")
        case .received(let name, let expected, let count):
            guard let client = client(named: name) else {
                return verdict(false, "")
            }
            func received() -> Bool {
                let messages = client.messages
                var index = messages.startIndex
                var found = 0
                for expectation in expected {
                    guard let match = messages[index...].firstIndex(where: expectation.matches) else { break }
                    found += 1
                    index = messages.index(after: match)
                }
                return found == expected.count && (count.map { messages.count == $0 } ?? true)
            }
            // A count is only right once every message already published has arrived: from a
            // live Redis the last ones may still be on their way, and a wrong answer that
            // published too many would pass on the first of them. Wait until none has come for
            // a while (bounded) before counting.
            if count != nil {
                await awaitQuietPushes(quiet: Self.liveSettledQuiet, patience: Self.liveMessagePatience, counting: [client])
            }
            var passed = received()
            // From a live Redis a message comes through the connection's reader, which a loaded
            // machine can hold up past the quiet period: a check that is not met yet waits a
            // little for it (bounded), so a correct answer never loses points to the scheduler.
            let patience = ContinuousClock.now + Self.liveMessagePatience
            while !passed, environment.isLive, ContinuousClock.now < min(patience, deadline) {
                try? await Task.sleep(for: .milliseconds(20))
                passed = received()
            }
            let what = count.map { "exactly \($0) message\($0 == 1 ? "" : "s")" } ?? "the \(expected.count) expected message\(expected.count == 1 ? "" : "s")"
            return verdict(passed, "\(Self.who(name)) received \(what)")
        case .replied(let name, let expect):
            guard let client = client(named: name) else { return verdict(false, "") }
            let match = client.exchanges.first { check.accepts(command: $0.command) && expect.matches($0.reply) }
            let right = match.map { "\(Self.who(name)) got \($0.reply.shortText) from `\(Self.commandText($0.command))`" } ?? ""
            return verdict(match != nil, right)
        }
    }

    /// How long no new message must arrive before a live client's messages are counted.
    static let liveSettledQuiet: Duration = .milliseconds(250)

    /// Who a check's reply is credited to, in the learner's terms: their script, the command
    /// when it is short and plain, else the check itself (its Lua or long command is ours,
    /// not something the learner needs to read).
    static func speaker(of arguments: [String]) -> String {
        if arguments.contains(where: { $0 == "$SCRIPT" || $0 == "$SHA" }) { return "your script" }
        let name = arguments.first?.lowercased() ?? ""
        let text = commandText(arguments)
        if ["eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro"].contains(name) || text.count > 60 || text.isEmpty {
            return "the check's query"
        }
        return "`\(text)`"
    }

    /// A client as the learner reads its name: their own connection is "you".
    static func who(_ name: String) -> String { name == "learner" ? "you" : name }
}
