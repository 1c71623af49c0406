/// INFO memory's scripting lines.
extension ServerState {
    /// The Lua VMs' sizes (the simulator's fixed figures), the cached EVAL scripts and loaded
    /// Functions with the memory Redis would count for them, in Redis 7.0's order.
    var scriptingMemoryInfo: [(String, String)] {
        let figures = scripting?.memoryFigures ?? ScriptingMemoryFigures()
        let vmEval: Int64 = 31744, vmFunctions: Int64 = 32768
        // As Redis counts them: each script's 40-character SHA and its body; the Functions
        // registry's empty dictionaries (200 bytes), each library's code and each function.
        let scriptsEval = Int64(figures.cachedScripts * 48 + figures.cachedScriptBytes)
        let functions = Int64(200 + figures.libraryBytes + figures.functions * 64)
        return [
            ("used_memory_lua", String(vmEval)), ("used_memory_vm_eval", String(vmEval)),
            ("used_memory_lua_human", Self.humanBytes(vmEval)), ("used_memory_scripts_eval", String(scriptsEval)),
            ("number_of_cached_scripts", String(figures.cachedScripts)),
            ("number_of_functions", String(figures.functions)), ("number_of_libraries", String(figures.libraries)),
            ("used_memory_vm_functions", String(vmFunctions)), ("used_memory_vm_total", String(vmEval + vmFunctions)),
            ("used_memory_vm_total_human", Self.humanBytes(vmEval + vmFunctions)),
            ("used_memory_functions", String(functions)), ("used_memory_scripts", String(scriptsEval + functions)),
            ("used_memory_scripts_human", Self.humanBytes(scriptsEval + functions)),
        ]
    }
}
