import RESP
import RedisScripting
import RedisSimulator

/// Where exercises run: a fresh built-in simulator per run, or a live Redis reached through a
/// connection factory (the exercise's `keys` are deleted before and after each run).
public struct ExerciseBackend: Sendable {
    enum Kind: Sendable {
        case simulator
        case live(@Sendable () async throws(RedisConnectionError) -> any RedisConnection)
    }

    let kind: Kind
    /// `simulator`, or the live server's name.
    public let label: String

    /// The built-in simulator, new for every run, with Lua scripting.
    public static let simulator = ExerciseBackend(kind: .simulator, label: "simulator")

    /// A live Redis called `label`; `connect` opens one new client connection.
    public static func live(
        label: String, connect: @escaping @Sendable () async throws(RedisConnectionError) -> any RedisConnection
    ) -> ExerciseBackend {
        ExerciseBackend(kind: .live(connect), label: label)
    }

    /// True on a live Redis.
    public var isLive: Bool {
        if case .live = kind { return true }
        return false
    }

    /// A fresh environment for one run: a new simulator under `limits`, or the live server.
    public func makeEnvironment(limits: ExerciseLimits) -> ExerciseEnvironment {
        switch kind {
        case .simulator:
            let simulator = Simulator()
            simulator.installScripting(LuaScripting(timeBudget: limits.luaTimeBudget))
            return ExerciseEnvironment(simulator: simulator)
        case .live(let connect):
            return ExerciseEnvironment(live: label, connect: connect)
        }
    }
}
