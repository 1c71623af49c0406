/// A script that allocates until Lua's allocator fails gets Lua's "not enough memory" error;
/// in a graded run that is the answer breaking the memory budget, not a wrong reply.
extension ExerciseLimits {
    /// True when `errorText` is Lua running out of memory inside a script.
    static func isScriptOutOfMemory(_ errorText: String) -> Bool {
        errorText.hasPrefix("ERR Error running script") && errorText.hasSuffix("not enough memory")
    }
}
