import Foundation
import LiveRedis
import RedisSimulator
import RESP
import Synchronization

/// A connection of a confined run on a live Redis: it logs in as the run's ACL user, lets the
/// run create keys (`.createdKeys`), stops a script of its own that outruns the budget with
/// SCRIPT KILL, and tells the backend's watch when another client's script got in the way.
final class LiveConfinedConnection: RedisConnection {
    private let inner: LiveRedisConnection
    private let confinement: LiveConfinement
    private let watch: LiveServerWatch
    private let id = LiveConfinedConnection.serial.wrappingAdd(1, ordering: .relaxed).newValue
    let pushes: AsyncStream<RESPValue>

    private static let serial = Atomic<Int>(0)

    init(_ inner: LiveRedisConnection, confinement: LiveConfinement, watch: LiveServerWatch) {
        self.inner = inner
        self.confinement = confinement
        self.watch = watch
        guard let channels = confinement.channels else {
            pushes = inner.pushes
            return
        }
        // Messages arrive with the run's prefixed names; the run sees the names it used.
        let (stream, continuation) = AsyncStream<RESPValue>.makeStream()
        pushes = stream
        let source = inner.pushes
        Task {
            for await push in source { continuation.yield(channels.unmapPush(push)) }
            continuation.finish()
        }
    }

    static let scriptCommands: Set<String> = ["eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro"]

    func send(_ arguments: [[UInt8]]) async throws(RedisConnectionError) -> RESPValue {
        let name = arguments.first.map { String(decoding: $0, as: UTF8.self).lowercased() } ?? ""
        // Redis runs these whatever the user's rules say (AUTH and HELLO … AUTH log in as
        // another user, RESET goes back to the default one) and none can be sent from a
        // script, so refusing them here, where every command of the run passes, closes that
        // door. HELLO without AUTH only chooses the protocol (the caching lesson's HELLO 3).
        if ClientCommandRole(bytes: arguments).changesUser {
            return .error(RedisError.noPermissionToRun(name).message)
        }
        if let stop = confinement.memoryStop { return .error("ERR " + stop) }
        if let refusal = await confinement.admitFunction(arguments) { return refusal }
        await confinement.admit(arguments)
        let (scripted, sha) = confinement.mapScript(arguments)
        var sent = scripted
        var shape = LiveChannelScope.ReplyShape.none
        if let channels = confinement.channels {
            let mapped = channels.map(scripted)
            sent = mapped.arguments
            shape = mapped.reply
            if shape == .patternCount { return .integer(Int64(confinement.patternCount)) }
            if !mapped.patterns.isEmpty { await confinement.grant(patterns: mapped.patterns) }
            confinement.note(subscription: sent, connection: id)
        }
        var reply: RESPValue
        do {
            reply = try await sendConfined(name: name, original: arguments, sent: sent)
        } catch {
            // A run stopped for its memory has its connections closed under it.
            if let stop = confinement.memoryStop { return .error("ERR " + stop) }
            throw error
        }
        if let sha { reply = LiveConfinement.unwrapScriptReply(reply, sha: sha) }
        if let channels = confinement.channels { reply = channels.unmap(reply, shape: shape) }
        confinement.note(functionReply: reply, to: sent)
        if let stop = confinement.memoryStop { return .error("ERR " + stop) }
        return reply
    }

    /// Sends `sent` (the run's `original` command, with its names mapped), killing a script of
    /// its own that outruns the budget.
    private func sendConfined(name: String, original arguments: [[UInt8]], sent: [[UInt8]]) async throws(RedisConnectionError) -> RESPValue {
        guard Self.scriptCommands.contains(name), let budget = confinement.scriptBudget, arguments.count > 1 else {
            return noted(try await inner.send(sent), killedHere: false)
        }
        // A script that ran past its budget once would again: it is not run a second time, so
        // a looping student costs the server one budget, not one per check.
        if let stopped = confinement.stoppedError(for: arguments[1]) { return .error(stopped) }
        let started = ContinuousClock.now
        let kill = ScriptKill()
        let watch = self.watch
        // Redis reads no command while a script runs until busy-reply-threshold (5 s by
        // default) has passed, so the kill lands at the later of the budget and that.
        let killer = Task {
            try? await Task.sleep(for: budget)
            while !Task.isCancelled {
                kill.sent()
                let outcome = await watch.killScript()
                if case .unstoppable(let reason) = outcome {
                    kill.unstoppable(reason)
                    // The student's doing, told as such: the run ends on it, and what it does to
                    // the server (BUSY for everyone) is not another client's interference.
                    let message = "the script wrote to the database and then ran past its time budget of \(Self.text(budget)), "
                        + "so Redis could not stop it with SCRIPT KILL (\(reason))"
                    confinement.noteUnstoppable(message)
                    watch.noteStopped(message)
                    return
                }
                try? await Task.sleep(for: .seconds(1))
            }
        }
        let reply: RESPValue
        do {
            reply = try await inner.send(sent)
        } catch {
            killer.cancel()
            throw error
        }
        killer.cancel()
        let elapsed = ContinuousClock.now - started
        // Killed past its budget, the script was this run's loop whoever sent the kill (another
        // worker waiting for the server may have been first): the student's doing, not interference.
        let pastBudget = kill.wasSent || elapsed >= budget
        guard pastBudget, case .error(let line) = reply, Self.wasKilled(line.text) else { return noted(reply, killedHere: kill.wasSent) }
        let seconds = String(format: "%.1f", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        let stopped = "ERR the script was stopped with SCRIPT KILL after \(seconds) s, past its time budget of \(Self.text(budget)) (Redis: \(line))"
        confinement.noteStopped(arguments[1], error: stopped)
        watch.noteStopped(String(stopped.dropFirst(4)))
        return .error(stopped)
    }

    /// `reply`, after telling the watch when it shows another client's script in the way.
    private func noted(_ reply: RESPValue, killedHere: Bool) -> RESPValue {
        if case .error(let line) = reply {
            let text = line.text
            if text.hasPrefix("BUSY"), !confinement.keepsServerBusy { watch.note("another client's script kept Redis busy (\(text))") }
            if !killedHere, Self.wasKilled(text) { watch.note("a script of this run was killed by another client (\(text))") }
        }
        return reply
    }

    static func wasKilled(_ text: String) -> Bool {
        text.contains("killed by user with SCRIPT KILL") || text.contains("killed by user with FUNCTION KILL") || text.contains("Script killed by user")
    }

    static func text(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
    }

    func close() async {
        confinement.forget(connection: id)
        await inner.close()
    }
}

/// Whether a script's kill was sent, and why it could not stop it.
private final class ScriptKill: Sendable {
    private let state = Mutex<(sent: Bool, reason: String?)>((false, nil))
    func sent() { state.withLock { $0.sent = true } }
    func unstoppable(_ reason: String) { state.withLock { $0.reason = reason } }
    var wasSent: Bool { state.withLock { $0.sent } }
}
