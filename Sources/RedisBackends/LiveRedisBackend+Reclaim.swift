import LiveRedis
import RESP

extension LiveRedisBackend {
    /// Deletes what sessions that ended without closing (a killed REPL) left in this backend's
    /// database: their ACL users, and the keys a `.createdKeys` session created, which its user's
    /// rules list (each created when no key had its name). A user with a connection is in use
    /// and kept. Returns how many keys were deleted.
    @discardableResult
    public func reclaimAbandonedSessions() async -> Int {
        guard let admin = try? await LiveRedisConnection.connect(to: url) else { return 0 }
        defer { Task { await admin.close() } }
        let suffix = LiveConfinement.databaseSuffix(url.database)
        let users = (try? await admin.send("ACL", "USERS"))?.arrayValue?.compactMap(\.stringValue) ?? []
        let candidates = users.filter { $0.hasPrefix("redislings-run-") && $0.hasSuffix(suffix) }
        guard !candidates.isEmpty, let clients = (try? await admin.send("CLIENT", "LIST"))?.stringValue else { return 0 }
        var deleted = 0
        for user in candidates where !clients.contains(" user=\(user) ") {
            guard let fields = (try? await admin.send("ACL", "GETUSER", user))?.arrayValue,
                  let index = fields.firstIndex(where: { $0.stringValue == "keys" }), index + 1 < fields.count,
                  let rules = fields[index + 1].stringValue else { continue }
            let tokens = rules.split(separator: " ")
            // Only a session confined to the keys it created reads every key; its other rules
            // name one key each. A run confined to patterns leaves its keys to the next run.
            if tokens.contains("%R~*") {
                let keys = tokens.filter { $0.hasPrefix("~") }.map { LiveConfinement.unescapedPattern($0.dropFirst()) }
                for key in keys {
                    if let reply = try? await admin.send([Array("UNLINK".utf8), key]), let count = reply.integerValue { deleted += Int(count) }
                }
            }
            _ = try? await admin.send("ACL", "DELUSER", user)
        }
        return deleted
    }
}
