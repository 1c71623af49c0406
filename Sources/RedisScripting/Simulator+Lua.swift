import RedisSimulator

extension Simulator {
    /// A simulator whose EVAL, FCALL, SCRIPT and FUNCTION run on Lua 5.1 through `scripting`:
    /// the one place a simulator gets its scripting engine.
    public static func withLua(clock: SimulatorClock = SimulatorClock(), scripting: LuaScripting = LuaScripting()) -> Simulator {
        let simulator = Simulator(clock: clock)
        simulator.installScripting(scripting)
        return simulator
    }
}
