import Foundation
import LiveRedis
import RESP
import Synchronization

/// An ACL user of its own for one run on a live Redis, so the server itself — not a reading
/// of the learner's text — decides what the run may do: change only the keys of its scope,
/// never run what reaches beyond them (FLUSHALL, SELECT, SWAPDB, CONFIG SET, SHUTDOWN, DEBUG,
/// SCRIPT FLUSH/KILL, MOVE, COPY … DB, AUTH/HELLO/RESET back to another user). Scripts run as
/// the user that calls them, so the same rules hold inside `redis.call`.
final class LiveConfinement: Sendable {
    struct State {
        var login: LiveRedisLogin?
        var admin: LiveRedisConnection?
        /// Keys this run created (`.createdKeys`), in the order it created them.
        var created: [[UInt8]] = []
        var known: Set<[UInt8]> = []
        var released = false
        /// Scripts (body or SHA) stopped for their budget, with the error they got.
        var stopped: [[UInt8]: String] = [:]
        /// Why a script of this run that wrote and then outran its budget cannot be stopped.
        var unstoppable: String?
        /// Each open connection's pattern subscriptions (prefixed), for PUBSUB NUMPAT.
        var patterns: [Int: Set<[UInt8]>] = [:]
        /// Patterns the user has been granted.
        var granted: Set<[UInt8]> = []
        /// SHA of a script as the run sent it → SHA of the body Redis runs (publishing wrapped).
        var wrappedSHA: [String: String] = [:]
        /// The function lease: its connection (database 0) while held, and what renews it.
        var leaseAdmin: LiveRedisConnection?
        var leaseRenewal: Task<Void, Never>?
        /// Libraries this run loaded, deleted when it ends.
        var libraries: Set<String> = []
        /// Why the run was stopped for its memory budget, once it was.
        var memoryStop: String?
        var memoryWatch: Task<Void, Never>?
    }

    let scope: RedisKeyScope
    let scriptBudget: Duration?
    let user: String
    /// The run's channel names, for a run confined to patterns (an exercise's run); nil for a
    /// session confined to the keys it creates (the REPL), which talks to the learner's own
    /// programs on their channels.
    let channels: LiveChannelScope?
    let memoryBudget: LiveMemoryBudget?
    let lease: LiveFunctionLease
    private let password: String
    let adminURL: RedisURL
    let state = Mutex(State())

    private static let serial = Atomic<Int>(0)

    init(scope: RedisKeyScope, scriptBudget: Duration?, memoryBudget: Int? = nil, adminURL: RedisURL) {
        self.scope = scope
        self.scriptBudget = scriptBudget
        self.adminURL = adminURL
        let number = Self.serial.wrappingAdd(1, ordering: .relaxed).newValue
        user = "\(Self.userPrefix(parent: getppid()))\(getpid())-\(number)\(Self.databaseSuffix(adminURL.database))"
        if case .patterns = scope {
            channels = LiveChannelScope(prefix: "redislings:\(getpid())-\(number):")
        } else {
            channels = nil
        }
        self.memoryBudget = memoryBudget.map { LiveMemoryBudget(bytes: $0) }
        lease = LiveFunctionLease(url: adminURL, holder: user)
        var generator = SystemRandomNumberGenerator()
        password = (0..<4).map { _ in String(generator.next() as UInt64, radix: 16) }.joined()
    }

    /// The start of the names of the users that processes started by `parent` create, so a
    /// grader can delete those a killed worker left.
    static func userPrefix(parent: pid_t) -> String { "redislings-run-\(parent)-" }

    /// The end of a user's name: the database its run used, so a later session on that
    /// database can reclaim what an abandoned one left.
    static func databaseSuffix(_ database: Int) -> String { "-db\(database)" }

    /// The error a script got when it was stopped for its budget earlier in this run.
    func stoppedError(for script: [UInt8]) -> String? { state.withLock { $0.stopped[script] } }

    /// Remembers that `script` was stopped for its budget, so calling it again fails at once.
    func noteStopped(_ script: [UInt8], error: String) { state.withLock { $0.stopped[script] = error } }

    /// Remembers that a script of this run wrote and then outran its budget, so Redis cannot
    /// kill it: the BUSY replies this run meets from then on are its own doing.
    func noteUnstoppable(_ message: String) { state.withLock { if $0.unstoppable == nil { $0.unstoppable = message } } }

    /// Whether this run's own script keeps the server busy (see `noteUnstoppable`).
    var keepsServerBusy: Bool { state.withLock { $0.unstoppable != nil } }

    /// Everything the user may do, as ACL SETUSER rules. `-@dangerous` removes FLUSHALL,
    /// FLUSHDB, SWAPDB, KEYS, CONFIG, SHUTDOWN, DEBUG, MONITOR, CLIENT KILL/PAUSE, ACL and the
    /// rest of Redis's own list; the others name what reaches another database, another user
    /// or every client's scripts. CONFIG GET and CLIENT LIST stay, as exercises use them;
    /// FUNCTION LOAD and DELETE are granted with the function lease (`LiveFunctionLease`).
    /// A run's channels are its own (`LiveChannelScope`).
    var rules: [String] {
        var rules = ["reset", "on", ">" + password] + (channels?.rules ?? ["allchannels"]) + [
            "+@all", "-@dangerous", "+config|get", "+client|list",
            "-select", "-move", "-copy", "-auth", "-hello", "-reset", "-script|flush", "-script|kill",
            "-function", "+function|list", "-client|reply", "-client|no-evict"]
        switch scope {
        case .patterns(let patterns):
            rules += patterns.map { "~" + $0 }
        case .createdKeys:
            // A learner at the prompt lists and inspects as with redis-cli, and stops a busy
            // script from a second client as the scripting lesson shows.
            rules += ["%R~*", "+keys", "+info", "+script|kill", "+function|kill"]
        }
        return rules
    }

    /// The user's login, creating the user on first use. Fails, naming what to do, when the
    /// URL's user may not create ACL users.
    func login() async throws(RedisConnectionError) -> LiveRedisLogin {
        if let login = state.withLock({ $0.login }) { return login }
        let admin = try await adminConnection()
        let reply = try await admin.send(strings: ["ACL", "SETUSER", user] + rules)
        if case .error(let text) = reply {
            throw RedisConnectionError(
                "Redis at \(adminURL) would not create the ACL user that keeps this run to its own keys (\(text)). "
                    + "Live mode needs Redis 7 and a user allowed to run ACL SETUSER and ACL DELUSER (the default user of a server without ACL rules is)")
        }
        let login = LiveRedisLogin(user: user, password: password)
        state.withLock { $0.login = login }
        startMemoryWatch()
        return login
    }

    /// Lets the run create `arguments`' keys that do not exist yet (`.createdKeys` only): the
    /// server names them (COMMAND GETKEYS, its own key specs), and each free one is added to
    /// the user's rules. A key that exists already stays readable only.
    func admit(_ arguments: [[UInt8]]) async {
        guard case .createdKeys = scope, arguments.count > 1, let admin = try? await adminConnection() else { return }
        guard let reply = try? await admin.send([Array("COMMAND".utf8), Array("GETKEYS".utf8)] + arguments),
              let keys = reply.arrayValue?.compactMap({ value -> [UInt8]? in
                  if case .bulkString(let bytes) = value { return bytes }
                  return nil
              }) else { return }
        // A key with a space could not be told apart in the user's rules when an abandoned
        // session is reclaimed, so it is never the session's to change.
        for key in keys where !key.contains(UInt8(ascii: " ")) && !state.withLock({ $0.known.contains(key) }) {
            guard let exists = try? await admin.send([Array("EXISTS".utf8), key]), exists.integerValue == 0 else { continue }
            let granted = try? await admin.send([Array("ACL".utf8), Array("SETUSER".utf8), Array(user.utf8), Array("~".utf8) + Self.escapedPattern(key)])
            guard granted?.isError == false else { continue }
            state.withLock { state in
                if state.known.insert(key).inserted { state.created.append(key) }
            }
        }
    }

    /// The keys this run created, for people.
    var createdKeys: [String] { state.withLock { $0.created.map { String(decoding: $0, as: UTF8.self) } } }

    /// Deletes the keys the run created (`.createdKeys`) and the user (which ends its connections).
    func release() async {
        let (created, admin, login) = state.withLock { state -> ([[UInt8]], LiveRedisConnection?, LiveRedisLogin?) in
            defer { state.released = true }
            return state.released ? ([], nil, nil) : (state.created, state.admin, state.login)
        }
        await releaseExtras()
        guard let admin else { return }
        for chunk in stride(from: 0, to: created.count, by: 500) {
            _ = try? await admin.send([Array("UNLINK".utf8)] + created[chunk..<min(created.count, chunk + 500)])
        }
        if login != nil { _ = try? await admin.send(strings: ["ACL", "DELUSER", user]) }
        await admin.close()
    }

    func adminConnection() async throws(RedisConnectionError) -> LiveRedisConnection {
        if let admin = state.withLock({ $0.admin }) { return admin }
        let opened = try await LiveRedisConnection.connect(to: adminURL)
        let kept = state.withLock { state -> LiveRedisConnection in
            if let existing = state.admin { return existing }
            state.admin = opened
            return opened
        }
        if kept !== opened { await opened.close() }
        return kept
    }

    /// `pattern` (an ACL glob made by `escapedPattern`) as the key it matches.
    static func unescapedPattern(_ pattern: Substring) -> [UInt8] {
        var key: [UInt8] = []
        var escaping = false
        for byte in pattern.utf8 {
            if !escaping, byte == UInt8(ascii: "\\") {
                escaping = true
                continue
            }
            escaping = false
            key.append(byte)
        }
        return key
    }

    /// `key` as an ACL glob that matches it alone.
    static func escapedPattern(_ key: [UInt8]) -> [UInt8] {
        var escaped: [UInt8] = []
        for byte in key {
            if byte == UInt8(ascii: "*") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "\\") {
                escaped.append(UInt8(ascii: "\\"))
            }
            escaped.append(byte)
        }
        return escaped
    }
}
