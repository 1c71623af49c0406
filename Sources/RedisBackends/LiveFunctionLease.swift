import Foundation
import LiveRedis
import RESP

/// The right to load and delete function libraries on a shared live Redis, held by one
/// confined run at a time. Libraries and the functions they register are server-wide, and ACL
/// rules cannot name them, so two runs loading `stock` at once would replace each other's
/// library (or fail with "Function … already exists"); a run takes the lease before its first
/// FUNCTION LOAD or DELETE, and keeps it until it ends, when its libraries are deleted.
///
/// The lease is a key, `redislings:lease:functions`, in database 0 (the one server-wide place
/// every process sees), set with NX and an expiry renewed while held, so a process killed
/// while holding it frees it within `ttl`.
struct LiveFunctionLease: Sendable {
    static let key = "redislings:lease:functions"
    static let ttl: Duration = .seconds(30)
    /// The longest a run waits for another run's libraries to be done.
    static let longestWait: Duration = .seconds(60)

    let serverURL: RedisURL
    /// Who holds it (the run's ACL user name, unique on the server).
    let holder: String

    init(url: RedisURL, holder: String) {
        var serverWide = url
        serverWide.database = 0
        serverURL = serverWide
        self.holder = holder
    }

    /// Takes the lease, waiting for another holder; the holder of the lease when it could not.
    func acquire(on admin: LiveRedisConnection) async -> Result<Void, LeaseBusy> {
        let deadline = ContinuousClock.now + Self.longestWait
        var current = ""
        repeat {
            let reply = try? await admin.send(strings: ["SET", Self.key, holder, "NX", "PX", String(Self.ttl.components.seconds * 1000)])
            if reply == .ok { return .success(()) }
            current = (try? await admin.send(strings: ["GET", Self.key]))?.stringValue ?? ""
            if current == holder { return .success(()) }
            try? await Task.sleep(for: .milliseconds(100))
        } while ContinuousClock.now < deadline
        return .failure(LeaseBusy(holder: current))
    }

    /// Extends the lease while it is still this holder's.
    func renew(on admin: LiveRedisConnection) async {
        _ = try? await admin.send(strings: [
            "EVAL", "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0",
            "1", Self.key, holder, String(Self.ttl.components.seconds * 1000),
        ])
    }

    /// Gives the lease back if this holder still has it.
    func release(on admin: LiveRedisConnection) async {
        _ = try? await admin.send(strings: [
            "EVAL", "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", "1", Self.key, holder,
        ])
    }

    /// Another run held the lease for the whole wait.
    struct LeaseBusy: Error {
        let holder: String

        /// The reply the run's FUNCTION command gets instead.
        var reply: RESPValue {
            .error("ERR another redislings run (\(holder.isEmpty ? "unknown" : holder)) has used this server's function libraries for over "
                + "\(LiveFunctionLease.longestWait.components.seconds) s; libraries are server-wide, so runs load them one at a time. Try again when it ends")
        }
    }
}
