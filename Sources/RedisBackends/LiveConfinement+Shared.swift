import Foundation
import LiveRedis
import RESP
import RedisScripting

/// What a confined run shares with every other client of the server and must be kept apart
/// by hand: Pub/Sub channels and patterns, scripts that publish, function libraries.
extension LiveConfinement {
    /// Grants the run the pattern subscriptions it asks for (ACL matches a PSUBSCRIBE's
    /// pattern literally against the user's channel rules); each is prefixed, so it matches
    /// only the run's own channels.
    func grant(patterns: [[UInt8]]) async {
        let fresh = state.withLock { state in patterns.filter { state.granted.insert($0).inserted } }
        guard !fresh.isEmpty, let admin = try? await adminConnection() else { return }
        _ = try? await admin.send([Array("ACL".utf8), Array("SETUSER".utf8), Array(user.utf8)] + fresh.map(LiveChannelScope.grant))
    }

    /// Keeps `connection`'s pattern subscriptions up to date with a (P)UNSUBSCRIBE it sent.
    func note(subscription arguments: [[UInt8]], connection: Int) {
        guard let first = arguments.first else { return }
        let name = String(decoding: first, as: UTF8.self).lowercased()
        state.withLock { state in
            switch name {
            case "psubscribe": state.patterns[connection, default: []].formUnion(arguments.dropFirst())
            case "punsubscribe" where arguments.count == 1: state.patterns[connection] = nil
            case "punsubscribe": state.patterns[connection]?.subtract(arguments.dropFirst())
            default: break
            }
        }
    }

    /// Forgets a closed connection's patterns.
    func forget(connection: Int) { _ = state.withLock { $0.patterns.removeValue(forKey: connection) } }

    /// What PUBSUB NUMPAT answers the run: the distinct patterns its own connections hold,
    /// what the server would count if the run were alone on it.
    var patternCount: Int { state.withLock { Set($0.patterns.values.joined()).count } }

    // MARK: Scripts that publish

    /// `arguments` with a script body that publishes wrapped (`LiveChannelScope.wrappedScript`)
    /// and a SHA the run knows replaced by the wrapped body's; the SHA pair, for the reply.
    func mapScript(_ arguments: [[UInt8]]) -> (arguments: [[UInt8]], sha: (original: String, wrapped: String)?) {
        guard let channels, arguments.count > 1 else { return (arguments, nil) }
        let name = String(decoding: arguments[0], as: UTF8.self).lowercased()
        var mapped = arguments
        switch name {
        case "eval", "eval_ro":
            return wrap(&mapped, at: 1, channels)
        case "script" where arguments.count > 2 && String(decoding: arguments[1], as: UTF8.self).lowercased() == "load":
            return wrap(&mapped, at: 2, channels)
        case "evalsha", "evalsha_ro":
            let sha = String(decoding: arguments[1], as: UTF8.self).lowercased()
            guard let wrapped = state.withLock({ $0.wrappedSHA[sha] }) else { return (arguments, nil) }
            mapped[1] = Array(wrapped.utf8)
            return (mapped, (sha, wrapped))
        case "script" where String(decoding: arguments[1], as: UTF8.self).lowercased() == "exists":
            let table = state.withLock { $0.wrappedSHA }
            for index in mapped.indices.dropFirst(2) {
                if let wrapped = table[String(decoding: mapped[index], as: UTF8.self).lowercased()] { mapped[index] = Array(wrapped.utf8) }
            }
            return (mapped, nil)
        default:
            return (arguments, nil)
        }
    }

    private func wrap(_ arguments: inout [[UInt8]], at index: Int, _ channels: LiveChannelScope) -> (arguments: [[UInt8]], sha: (original: String, wrapped: String)?) {
        guard let wrapped = channels.wrappedScript(arguments[index]) else { return (arguments, nil) }
        let pair = (original: SHA1.hex(arguments[index]), wrapped: SHA1.hex(wrapped))
        state.withLock { $0.wrappedSHA[pair.original] = pair.wrapped }
        arguments[index] = wrapped
        return (arguments, pair)
    }

    /// A reply about a wrapped script as Redis would give it for the script the run sent:
    /// SCRIPT LOAD's SHA and the SHA inside an error are the run's own.
    static func unwrapScriptReply(_ reply: RESPValue, sha: (original: String, wrapped: String)) -> RESPValue {
        switch reply {
        case .bulkString(let bytes) where String(decoding: bytes, as: UTF8.self) == sha.wrapped: return .bulkString(Array(sha.original.utf8))
        case .error(let line) where line.text.contains(sha.wrapped):
            return .error(line.text.replacingOccurrences(of: sha.wrapped, with: sha.original))
        default: return reply
        }
    }

    // MARK: Function libraries

    /// Before FUNCTION LOAD or DELETE: takes the function lease (waiting for another run's
    /// libraries to be done) and grants the user those subcommands; the refusal to send
    /// instead when the lease stayed taken.
    func admitFunction(_ arguments: [[UInt8]]) async -> RESPValue? {
        guard arguments.count > 1, String(decoding: arguments[0], as: UTF8.self).lowercased() == "function" else { return nil }
        let sub = String(decoding: arguments[1], as: UTF8.self).lowercased()
        guard sub == "load" || sub == "delete" else { return nil }
        if state.withLock({ $0.leaseAdmin != nil }) { return nil }
        guard let leaseAdmin = try? await LiveRedisConnection.connect(to: lease.serverURL) else { return nil }
        if case .failure(let busy) = await lease.acquire(on: leaseAdmin) {
            await leaseAdmin.close()
            return busy.reply
        }
        let lease = self.lease
        let renewal = Task {
            while (try? await Task.sleep(for: LiveFunctionLease.ttl / 3)) != nil { await lease.renew(on: leaseAdmin) }
        }
        let kept = state.withLock { state -> Bool in
            guard !state.released, state.leaseAdmin == nil else { return false }
            state.leaseAdmin = leaseAdmin
            state.leaseRenewal = renewal
            return true
        }
        guard kept else {
            renewal.cancel()
            if state.withLock({ $0.leaseAdmin !== leaseAdmin && $0.released }) { await lease.release(on: leaseAdmin) }
            await leaseAdmin.close()
            return nil
        }
        if let admin = try? await adminConnection() {
            _ = try? await admin.send(strings: ["ACL", "SETUSER", user, "+function|load", "+function|delete"])
        }
        return nil
    }

    /// Remembers the library a FUNCTION LOAD created, to delete it when the run ends.
    func note(functionReply reply: RESPValue, to arguments: [[UInt8]]) {
        guard arguments.count > 2, String(decoding: arguments[0], as: UTF8.self).lowercased() == "function",
              String(decoding: arguments[1], as: UTF8.self).lowercased() == "load", let name = reply.stringValue, !reply.isError else { return }
        _ = state.withLock { $0.libraries.insert(name) }
    }

    /// Deletes the run's libraries and gives the lease back; stops the memory watch.
    func releaseExtras() async {
        let (leaseAdmin, renewal, libraries, watch) = state.withLock { state in
            defer {
                state.leaseAdmin = nil
                state.leaseRenewal = nil
                state.memoryWatch = nil
            }
            return (state.leaseAdmin, state.leaseRenewal, state.libraries, state.memoryWatch)
        }
        watch?.cancel()
        // A stop for memory already under way finishes first: its ACL SETUSER would otherwise
        // create the user again after the run deleted it, and its UNLINKs race the run's end.
        await watch?.value
        renewal?.cancel()
        guard let leaseAdmin else { return }
        for library in libraries.sorted() { _ = try? await leaseAdmin.send(strings: ["FUNCTION", "DELETE", library]) }
        await lease.release(on: leaseAdmin)
        await leaseAdmin.close()
    }
}
