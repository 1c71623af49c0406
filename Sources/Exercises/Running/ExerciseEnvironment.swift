import Foundation
import RESP
import RedisSimulator
import Synchronization

/// The server one run talks to: a simulator whose clock `advance` moves, or a live Redis on
/// which `advance` waits in real time (at most `liveAdvanceLimit` in all).
public final class ExerciseEnvironment: Sendable {
    /// The simulator, or nil on a live Redis.
    public let simulator: Simulator?
    /// `simulator`, or the live server's name.
    public let label: String
    private let connectLive: (@Sendable () async throws(RedisConnectionError) -> any RedisConnection)?
    private let waited = Mutex<Int64>(0)

    /// The most a run may wait in all on a live Redis for `advance` steps, in milliseconds.
    public static let liveAdvanceLimit: Int64 = 15_000

    /// An environment on an existing simulator (the REPL passes its own, freshly reset).
    public init(simulator: Simulator) {
        self.simulator = simulator
        self.label = "simulator"
        self.connectLive = nil
    }

    /// An environment on a live Redis.
    public init(live label: String, connect: @escaping @Sendable () async throws(RedisConnectionError) -> any RedisConnection) {
        self.simulator = nil
        self.label = label
        self.connectLive = connect
    }

    /// True on a live Redis.
    public var isLive: Bool { simulator == nil }

    /// A new client connection.
    public func connect() async throws(ExerciseRunError) -> any RedisConnection {
        if let simulator { return SimulatorConnection(simulator) }
        guard let connectLive else { throw ExerciseRunError("no Redis to connect to") }
        do {
            return try await connectLive()
        } catch {
            throw ExerciseRunError("cannot connect to Redis at \(label): \(error.message)")
        }
    }

    /// Moves time forward: the simulator's clock at once, or a real wait on a live Redis.
    public func advance(milliseconds: Int64, line: Int) async throws(ExerciseRunError) {
        if let simulator {
            simulator.advance(milliseconds: milliseconds)
            return
        }
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
        guard isLive, !patterns.isEmpty else { return }
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
                if !names.isEmpty {
                    _ = try? await connection.send([Array("UNLINK".utf8)] + names)
                }
                cursor = next
            } while cursor != "0"
        }
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
