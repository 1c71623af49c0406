import Exercises
import LiveRedis
import RESP

extension BackendOptions {
    /// Where exercises run: a fresh simulator per run, or the `--live` Redis (checked to be empty
    /// once, unless `--allow-nonempty`; each run deletes only the exercise's own keys).
    func exerciseBackend() async throws -> ExerciseBackend {
        guard let text = liveURLText else { return .simulator }
        let first = try await connect()
        await first.close()
        guard let url = try? RedisURL(parsing: text) else { return .simulator }
        return .live(label: url.description) { () async throws(RedisConnectionError) -> any RedisConnection in
            try await LiveRedisConnection.connect(to: url)
        }
    }
}
