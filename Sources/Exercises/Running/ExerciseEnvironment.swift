import Foundation
import RESP
import Synchronization

/// The server one run talks to: a fresh one from the backend (the simulator), whose clock
/// `advance` moves, or the shared live Redis, on which `advance` waits in real time (at most
/// `liveAdvanceLimit` in all) and whose keys the run deletes itself.
public final class ExerciseEnvironment: Sendable {
    /// The server's backend.
    public let instance: any RedisBackend
    private let waited = Mutex<Int64>(0)

    /// The most a run may wait in all on a live Redis for `advance` steps, in milliseconds.
    public static let liveAdvanceLimit: Int64 = 15_000

    /// An environment on a server already made (the REPL passes its own, freshly reset).
    public init(instance: any RedisBackend) {
        self.instance = instance
    }

    /// An environment for one run on `backend` under `limits`: a fresh server where it can make
    /// one; on a shared server (a live Redis) given `keys`, confined to keys matching them.
    public convenience init(backend: any RedisBackend, limits: ExerciseLimits, keys: [String]? = nil) {
        var instanceLimits = limits.instanceLimits
        if !backend.makesFreshInstances, let keys { instanceLimits.keyScope = .patterns(keys) }
        self.init(instance: backend.makeInstance(limits: instanceLimits))
    }

    /// `simulator`, or the live server's name.
    public var label: String { instance.label }

    /// True on a shared server (a live Redis): the run clears the exercise's keys itself.
    public var isLive: Bool { !instance.makesFreshInstances }

    /// A new client connection.
    public func connect() async throws(ExerciseRunError) -> any RedisConnection {
        do {
            return try await instance.connect()
        } catch {
            throw ExerciseRunError("cannot connect to Redis at \(label): \(error.message)")
        }
    }

    /// Moves time forward: the simulator's clock at once, or a real wait on a live Redis.
    public func advance(milliseconds: Int64, line: Int) async throws(ExerciseRunError) {
        if instance.advanceClock(milliseconds: milliseconds) { return }
        let total = waited.withLock { total in
            total += milliseconds
            return total
        }
        guard total <= Self.liveAdvanceLimit else {
            throw ExerciseRunError(
                "line \(line): `advance` would wait \(total / 1000) s in all on a live Redis, more than the \(Self.liveAdvanceLimit / 1000) s allowed; run this exercise on the built-in simulator")
        }
        try? await Task.sleep(for: .milliseconds(milliseconds))
    }

    /// On a live Redis, deletes every key matching the patterns (SCAN, then UNLINK); a simulator
    /// is fresh already. Touches nothing else.
    public func deleteKeys(matching patterns: [String]) async throws(ExerciseRunError) {
        _ = try await scanKeys(matching: patterns, unlinking: true)
    }

    /// On a live Redis, the keys that match the patterns already (at most 20), which a run
    /// would change: on a database that is not the course's alone, they are someone else's.
    public func takenKeys(matching patterns: [String]) async throws(ExerciseRunError) -> [String] {
        try await scanKeys(matching: patterns, unlinking: false)
    }

    private func scanKeys(matching patterns: [String], unlinking: Bool) async throws(ExerciseRunError) -> [String] {
        guard isLive, !patterns.isEmpty else { return [] }
        var found: [String] = []
        let connection = try await connect()
        defer { Task { await connection.close() } }
        for pattern in patterns {
            var cursor = "0"
            repeat {
                let reply: RESPValue
                do {
                    reply = try await connection.send(strings: ["SCAN", cursor, "MATCH", pattern, "COUNT", "500"])
                } catch {
                    throw ExerciseRunError("cannot clear the exercise's keys on \(label): \(error.message)")
                }
                guard let parts = reply.arrayValue, parts.count == 2, let next = parts[0].stringValue, let keys = parts[1].arrayValue else {
                    throw ExerciseRunError("Redis at \(label) answered SCAN with \(reply.shortText)")
                }
                let names = keys.compactMap { key -> [UInt8]? in
                    if case .bulkString(let bytes) = key { return bytes }
                    return nil
                }
                if unlinking, !names.isEmpty {
                    _ = try? await connection.send([Array("UNLINK".utf8)] + names)
                }
                found += names.map { String(decoding: $0, as: UTF8.self) }
                if !unlinking, found.count >= 20 { return found }
                cursor = next
            } while cursor != "0"
        }
        return found
    }

    /// Every key name in the live database (SCAN), for `dev check` to spot keys an exercise
    /// left behind; nil on the simulator or when the scan fails.
    public func allKeys(limit: Int = 10_000) async -> Set<String>? {
        guard isLive, let connection = try? await connect() else { return nil }
        defer { Task { await connection.close() } }
        var keys: Set<String> = []
        var cursor = "0"
        repeat {
            guard let reply = try? await connection.send(strings: ["SCAN", cursor, "COUNT", "1000"]),
                  let parts = reply.arrayValue, parts.count == 2, let next = parts[0].stringValue,
                  let names = parts[1].arrayValue else { return nil }
            keys.formUnion(names.compactMap(\.stringValue))
            cursor = next
        } while cursor != "0" && keys.count < limit
        return keys
    }
}
