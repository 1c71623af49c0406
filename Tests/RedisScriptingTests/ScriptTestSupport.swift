import RESP
import RedisSimulator
@testable import RedisScripting

/// A simulator with Lua installed and one client, for one-line script tests.
struct ScriptBench {
    let simulator: Simulator
    let client: SimulatorClient

    init(_ engine: LuaScripting = LuaScripting()) {
        simulator = Simulator()
        simulator.installScripting(engine)
        client = simulator.connect()
    }

    /// Runs a command and returns its reply.
    func run(_ arguments: String...) -> RESPValue { run(arguments) }

    func run(_ arguments: [String]) -> RESPValue { run(bytes: arguments.map { Array($0.utf8) }) }

    /// Runs a command whose arguments are raw bytes.
    func run(bytes arguments: [[UInt8]]) -> RESPValue {
        guard case .reply(let reply) = simulator.execute(arguments, for: client) else {
            return .error("blocked")
        }
        return reply
    }

    /// `EVAL script 0`.
    func eval(_ script: String) -> RESPValue { run("EVAL", script, "0") }

    /// Redis's error text for a raised script error.
    static func raised(_ message: String, _ script: String, line: Int = 1) -> RESPValue {
        .error("\(message) script: \(SHA1.hex(Array(script.utf8))), on @user_script:\(line).")
    }
}
