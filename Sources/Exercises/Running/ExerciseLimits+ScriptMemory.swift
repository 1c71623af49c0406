/// A script that allocates past the run's Lua memory budget is stopped by the scripting engine
/// (older engines let Lua's allocator fail with "not enough memory"); in a graded run that is
/// the answer breaking the memory budget, not a wrong reply.
extension ExerciseLimits {
    /// True when `errorText` is a script stopped for the memory it took.
    static func isScriptOutOfMemory(_ errorText: String) -> Bool {
        errorText.contains("exceeded the Lua memory budget")
            || (errorText.hasPrefix("ERR Error running script") && errorText.hasSuffix("not enough memory"))
    }
}
