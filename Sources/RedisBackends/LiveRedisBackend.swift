import Foundation
import LiveRedis
import RESP

/// A live Redis reached by URL. It has one server, so an instance is that server again: for a
/// run given a key scope, reached through an ACL user of the run's own that may change only
/// those keys (and is deleted, with the keys it created, when the instance closes). Its clock
/// is real time.
public final class LiveRedisBackend: RedisBackend {
    /// Where the server is (its database is where connections start).
    public let url: RedisURL
    public let label: String
    let confinement: LiveConfinement?
    let watch: LiveServerWatch

    /// Whether runs with scripts are rehearsed on the simulator first (see `rehearsal`).
    let rehearsesScripts: Bool

    /// The Redis at `url`, called `label` for people (the URL, without its password, by default).
    /// `rehearsesScripts: false` sends scripts straight to the server, to test how it stops them.
    public init(url: RedisURL, label: String? = nil, rehearsesScripts: Bool = true) {
        self.url = url
        self.label = label ?? url.description
        self.rehearsesScripts = rehearsesScripts
        confinement = nil
        watch = LiveServerWatch(url: url)
    }

    private init(base: LiveRedisBackend, confinement: LiveConfinement) {
        url = base.url
        label = base.label
        rehearsesScripts = base.rehearsesScripts
        watch = base.watch
        self.confinement = confinement
    }

    public var makesFreshInstances: Bool { false }
    public var initialDatabase: Int { url.database }

    public func connect() async throws(RedisConnectionError) -> any RedisConnection {
        guard let confinement else { return try await LiveRedisConnection.connect(to: url) }
        do {
            let login = try await confinement.login()
            let connection = try await LiveRedisConnection.connect(to: url, options: LiveRedisOptions(confinedLogin: login))
            return LiveConfinedConnection(connection, confinement: confinement, watch: watch)
        } catch {
            // A server that a script keeps busy does not answer a new connection either (unless
            // the script is this run's own, which it has reported).
            if !confinement.keepsServerBusy { watch.note("Redis did not let this run connect (\(error.message))") }
            throw error
        }
    }

    /// This server again; with a key scope, confined to it under a new ACL user.
    public func makeInstance(limits: RedisInstanceLimits) -> any RedisBackend {
        if let budget = limits.scriptTimeBudget { watch.noteBudget(budget) }
        guard let scope = limits.keyScope else { return self }
        return LiveRedisBackend(base: self, confinement: LiveConfinement(scope: scope, scriptBudget: limits.scriptTimeBudget, memoryBudget: limits.keyMemoryBudget, adminURL: url))
    }

    public func advanceClock(milliseconds: Int64) -> Bool { false }

    /// The built-in simulator: a run whose script loops past its budget there is not sent here.
    public var rehearsal: (any RedisBackend)? { rehearsesScripts ? SimulatorBackend() : nil }

    public var clockOffsetMilliseconds: Int64? { nil }

    /// The keys a `.createdKeys` instance has created so far.
    public var createdKeys: [String] { confinement?.createdKeys ?? [] }

    /// SCRIPT KILL (then FUNCTION KILL) from a second connection; a command that is blocked
    /// rather than scripted is stopped by closing its connection, as Ctrl-C in redis-cli does.
    public func interrupt(_ connection: any RedisConnection) async -> RedisInterruption {
        let outcome = await watch.killScript()
        if outcome != .nothingRunning { return outcome }
        await connection.close()
        return .connectionClosed
    }

    public func takeInterference() -> String? { watch.take() }

    /// A run stopped for its memory budget says so first; else a script stopped for its time.
    public func takeStoppedScript() -> String? { confinement?.memoryStop ?? watch.takeStopped() }

    public func awaitRecovery(timeout: Duration) async -> (recovered: Bool, reason: String) {
        await watch.awaitRecovery(timeout: timeout)
    }

    /// Deletes the ACL users that processes started by `parent` created and could not delete
    /// (a grading worker killed at its time limit), and the function lease one of them held;
    /// their runs' keys are the next run's to clear.
    public func deleteUsers(leftBy parent: pid_t) async {
        guard let admin = try? await LiveRedisConnection.connect(to: url) else { return }
        let prefix = LiveConfinement.userPrefix(parent: parent)
        let users = (try? await admin.send("ACL", "USERS"))?.arrayValue?.compactMap(\.stringValue) ?? []
        for user in users where user.hasPrefix(prefix) {
            _ = try? await admin.send("ACL", "DELUSER", user)
            let lease = LiveFunctionLease(url: url, holder: user)
            if let zero = try? await LiveRedisConnection.connect(to: lease.serverURL) {
                await lease.release(on: zero)
                await zero.close()
            }
        }
        await admin.close()
    }

    /// A confined instance deletes the keys it created (`.createdKeys`) and its ACL user.
    public func close() async { await confinement?.release() }
}
