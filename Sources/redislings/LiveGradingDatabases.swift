import ArgumentParser
import Exercises
import LiveRedis
import RedisBackends
import RESP

/// The databases of a live Redis that `grade --live` uses: the URL's database for the first
/// parallel job, the next ones for the others. Each is checked before grading starts (reachable,
/// and empty unless --allow-nonempty); the runner deletes only each exercise's declared keys.
struct LiveGradingDatabases: Sendable {
    let base: RedisURL
    /// The URL without a password, and the databases used.
    let label: String

    /// Connects to every database a job will use and checks it.
    static func prepare(backend: BackendOptions, jobs: Int) async throws -> LiveGradingDatabases {
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
            await connection.close()
        }
        let last = url.database + jobs - 1
        let label = jobs == 1 ? "\(url)" : "\(url) (databases \(url.database)–\(last))"
        return LiveGradingDatabases(base: url, label: label)
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
