import Foundation
import LiveRedis
import RESP
import Synchronization

/// What a live server's other clients did to the runs of one backend: another client's script
/// that kept the server busy (Redis turned commands away with BUSY) or that was killed under
/// a run; and the runs' own scripts stopped for their budget. Shared by a backend and the
/// confined instances it makes.
final class LiveServerWatch: Sendable {
    private let interference = FirstNote()
    private let stoppedScript = FirstNote()
    private let longestBudget = Mutex<Duration>(.zero)
    let url: RedisURL

    init(url: RedisURL) { self.url = url }

    /// Notes that a reply of one of the runs came from another client's doing.
    func note(_ what: String) { interference.note(what) }

    /// The first interference since the last call, clearing it.
    func take() -> String? { interference.take() }

    /// Notes that a run's own script was stopped for its budget.
    func noteStopped(_ message: String) { stoppedScript.note(message) }

    /// The first script stopped since the last call, clearing it.
    func takeStopped() -> String? { stoppedScript.take() }

    /// Notes the time budget of a run's scripts, so that `awaitRecovery` leaves a busy script
    /// to the run that owns it until that run's own kill is due.
    func noteBudget(_ budget: Duration) { longestBudget.withLock { $0 = max($0, budget) } }

    /// SCRIPT KILL, then FUNCTION KILL, from a connection of its own in database 0 (a busy
    /// server answers SELECT with BUSY, and a script is not per database).
    func killScript() async -> RedisInterruption {
        var serverWide = url
        serverWide.database = 0
        guard let admin = try? await LiveRedisConnection.connect(to: serverWide) else { return .nothingRunning }
        defer { Task { await admin.close() } }
        for kill in [["SCRIPT", "KILL"], ["FUNCTION", "KILL"]] {
            guard let reply = try? await admin.send(strings: kill) else { continue }
            let outcome = RedisInterruption(scriptKillReply: reply)
            if outcome != .nothingRunning { return outcome }
        }
        return .nothingRunning
    }

    /// Waits until the server answers PING, killing a script that keeps it busy; false with the
    /// reason when it does not recover in `timeout`. The script is usually another run's (another
    /// worker's) past its budget: that run kills it itself by the time one budget (and its
    /// killer's retry) has passed since this run met BUSY, and so tells its student after how long
    /// their script was stopped. Only a script still running after that (its run is gone) is
    /// killed from here; killed earlier, its run would take the kill for someone else's doing.
    func awaitRecovery(timeout: Duration) async -> (recovered: Bool, reason: String) {
        let started = ContinuousClock.now
        let deadline = started + timeout
        let killFrom = started + longestBudget.withLock { $0 } + .seconds(1)
        var serverWide = url
        serverWide.database = 0
        var last = "it did not answer"
        while ContinuousClock.now < deadline {
            if let connection = try? await LiveRedisConnection.connect(to: serverWide, options: LiveRedisOptions(connectTimeout: .seconds(2), commandTimeout: .seconds(5), reconnects: false)) {
                let reply = try? await connection.send("PING")
                await connection.close()
                switch reply {
                case .simpleString?: return (true, "")
                case .error(let text)? where text.hasPrefix("BUSY"):
                    last = "a script keeps it busy"
                    if ContinuousClock.now >= killFrom, case .unstoppable(let reason) = await killScript() {
                        return (false, "a script keeps it busy: \(reason)")
                    }
                case .error(let text)?: last = "it answers PING with \(text)"
                default: last = "it did not answer PING"
                }
            } else {
                last = "it cannot be reached"
            }
            try? await Task.sleep(for: .milliseconds(250))
        }
        return (false, last)
    }
}

/// The first of the messages noted since it was last taken.
private final class FirstNote: Sendable {
    private let value = Mutex<String?>(nil)

    func note(_ message: String) {
        value.withLock { if $0 == nil { $0 = message } }
    }

    func take() -> String? {
        value.withLock { value in
            defer { value = nil }
            return value
        }
    }
}
