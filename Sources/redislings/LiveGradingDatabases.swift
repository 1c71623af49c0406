import Foundation
import ArgumentParser
import Basics
import Exercises
import LiveRedis
import RedisBackends
import RESP

/// The databases of a live Redis that `grade --live` uses: the URL's database for the first
/// parallel job, the next ones for the others. Each is checked before grading starts (reachable,
/// empty unless --allow-nonempty, and then holding no key an exercise would use), so what
/// matches an exercise's keys during the run is the course's own. Each run is confined by an
/// ACL user of its own to its exercise's keys.
struct LiveGradingDatabases: Sendable {
    let base: RedisURL
    /// The URL without a password, and the databases used.
    let label: String
    /// The graded exercises' key patterns and the number of databases used, for `settle`.
    var patterns: [String] = []
    var jobs = 1

    /// Connects to every database a job will use and checks it. `timeLimit` is nil for a queue
    /// worker, which learns each run's limit only from its jobs.
    static func prepare(backend: BackendOptions, jobs: Int, exercises: [Exercise], timeLimit: Int?) async throws -> LiveGradingDatabases {
        if let timeLimit { try requireTime(exercises, timeLimit: timeLimit) }
        guard let text = backend.liveURLText else { throw CommandLineError(message: "no live URL", help: "Pass --live URL.") }
        let url: RedisURL
        do {
            url = try RedisURL(parsing: text)
        } catch {
            throw CommandLineError(message: error.message, help: "Example: --live redis://127.0.0.1:6379/8")
        }
        for slot in 0..<jobs {
            let slotURL = database(url, slot)
            let connection: LiveRedisConnection
            do {
                connection = try await LiveRedisConnection.connect(to: slotURL)
            } catch {
                throw CommandLineError(
                    message: "\(error.message) (database \(slotURL.database) is for parallel job \(slot + 1) of \(jobs))",
                    help: "Each job uses its own database, \(url.database) to \(url.database + jobs - 1): pass fewer --jobs or a lower database in the URL.")
            }
            if !backend.allowNonempty { try await BackendOptions.requireEmpty(connection, slotURL) }
            try await requireFree(connection, slotURL, exercises)
            await connection.close()
        }
        let last = url.database + jobs - 1
        let label = jobs == 1 ? "\(url)" : "\(url) (databases \(url.database)–\(last))"
        return LiveGradingDatabases(base: url, label: label, patterns: Array(Set(exercises.flatMap(\.keys))), jobs: jobs)
    }

    /// Time for each exercise's real waits on a live Redis (its `advance` steps) and a margin
    /// for its commands, or a refusal naming the least --time-limit that is enough.
    static let commandMarginSeconds: Int64 = 5

    static func requireTime(_ exercises: [Exercise], timeLimit: Int) throws {
        let needs = exercises.map { exercise in (exercise, (exercise.liveWaitMilliseconds + 999) / 1000 + commandMarginSeconds) }
        let short = needs.filter { $0.1 > Int64(timeLimit) }
        guard let longest = short.max(by: { $0.1 < $1.1 }) else { return }
        let names = short.map { "\($0.0.id) (\($0.1) s)" }.joined(separator: ", ")
        throw CommandLineError(
            message: "--time-limit \(timeLimit) is too short on a live Redis, where `advance` steps wait in real time: \(names) need\(short.count == 1 ? "s" : "") more",
            help: "Pass --time-limit \(longest.1) or more (each exercise's waits plus \(commandMarginSeconds) s for its commands), or grade on the built-in simulator, whose clock moves at once.")
    }

    /// Refuses a database that holds a key some exercise would change: it is someone else's.
    private static func requireFree(_ connection: LiveRedisConnection, _ url: RedisURL, _ exercises: [Exercise]) async throws {
        for exercise in exercises {
            for pattern in exercise.keys {
                let reply = try await connection.send(strings: ["SCAN", "0", "MATCH", pattern, "COUNT", "1000"])
                var cursor = reply.arrayValue?.first?.stringValue ?? "0"
                var found = reply.arrayValue?.last?.arrayValue?.compactMap(\.stringValue) ?? []
                while found.isEmpty, cursor != "0" {
                    let next = try await connection.send(strings: ["SCAN", cursor, "MATCH", pattern, "COUNT", "1000"])
                    cursor = next.arrayValue?.first?.stringValue ?? "0"
                    found = next.arrayValue?.last?.arrayValue?.compactMap(\.stringValue) ?? []
                }
                if let key = found.first {
                    await connection.close()
                    throw CommandLineError(
                        message: "database \(url.database) of Redis at \(url) holds `\(key)`, a key exercise \(exercise.id) would change; redislings changes only keys it creates itself.",
                        help: "Grade on an empty database (each job uses its own, from the URL's database up), or rename or delete the key yourself.")
                }
            }
        }
    }

    /// After grading: the server answers again (a runaway script that outlived its worker is
    /// stopped with SCRIPT KILL); a warning when it does not.
    func settle() async -> String? {
        let server = LiveRedisBackend(url: base)
        let outcome = await server.awaitRecovery(timeout: .seconds(10))
        await server.deleteUsers(leftBy: getpid())
        // What a worker stopped at its time limit left: the databases held none of it before.
        for slot in 0..<jobs {
            try? await ExerciseEnvironment(instance: LiveRedisBackend(url: Self.database(base, slot))).deleteKeys(matching: patterns)
        }
        return outcome.recovered ? nil : "warning: Redis at \(base) is not answering after grading: \(outcome.reason)"
    }

    /// The backend of parallel slot `slot`: its own database.
    func backend(forSlot slot: Int) -> any RedisBackend {
        LiveRedisBackend(url: Self.database(base, slot))
    }

    private static func database(_ url: RedisURL, _ slot: Int) -> RedisURL {
        var copy = url
        copy.database = url.database + slot
        return copy
    }
}
