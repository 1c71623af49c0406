import RESP

/// The Lua engine the simulator calls for EVAL and friends; RedisScripting provides it, so the
/// simulator does not depend on Lua.
public protocol ScriptingEngine: AnyObject {
    /// Runs EVAL/EVALSHA/SCRIPT… for `context`; the engine calls back through `context` to run
    /// `redis.call` commands.
    func run(_ context: CommandContext) throws(RedisError) -> RESPValue
}
