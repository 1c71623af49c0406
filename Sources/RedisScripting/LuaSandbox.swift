import CLua

/// One Lua 5.1 state set up as Redis 7.0 sets up its own: the libraries Redis loads (base,
/// table, string, math, debug for the error handler; cjson and bit from Debian's packages,
/// struct and cmsgpack in Swift), the `redis` API and the sandbox.
final class LuaSandbox {
    let L: OpaquePointer
    /// Registry reference of the error handler EVAL runs scripts under.
    let errorHandlerRef: Int32
    /// Registry reference of the real global table (KEYS and ARGV are set in it).
    let globalsRef: Int32
    /// Registry reference of the table of compiled scripts, by SHA1.
    let scriptsRef: Int32
    /// Libraries Redis provides that could not be loaded here (their Debian package is missing).
    private(set) var missingLibraries: [String] = []

    /// The shared libraries of Debian's lua-cjson and lua-bitop for Lua 5.1.
    static let sharedModules: [(library: String, symbol: String, name: String, package: String)] = [
        ("liblua5.1-cjson.so.0", "luaopen_cjson", "cjson", "lua-cjson"),
        ("liblua5.1-bitop.so.0", "luaopen_bit", "bit", "lua-bitop"),
    ]

    /// Builds the state; `host` is the table of Swift functions the prelude wires in.
    init(pushHost: (OpaquePointer) -> Void) throws(LuaSetupError) {
        guard let state = luaL_newstate() else { throw LuaSetupError("could not create a Lua state") }
        L = state
        let libraries: [(String, lua_CFunction)] = [
            ("", luaopen_base), ("table", luaopen_table), ("string", luaopen_string),
            ("math", luaopen_math), ("debug", luaopen_debug),
        ]
        for (name, open) in libraries {
            redislings_lua_pushcfunction(L, open)
            lua_pushstring(L, name)
            lua_call(L, 1, 0)
        }
        for module in Self.sharedModules
        where redislings_open_shared_module(L, module.library, module.symbol, module.name) != 0 {
            missingLibraries.append("\(module.name) (Debian package \(module.package))")
        }
        lua_createtable(L, 0, 8)
        pushHost(L)
        try Self.runChunk(L, LuaPrelude.source, arguments: 1, results: 2)
        errorHandlerRef = luaL_ref(L, redislings_lua_upvalue_registry())
        globalsRef = luaL_ref(L, redislings_lua_upvalue_registry())
        redislings_lua_newtable(L)
        scriptsRef = luaL_ref(L, redislings_lua_upvalue_registry())
    }

    deinit { lua_close(L) }

    /// Loads and runs engine code; its arguments are the top `arguments` values.
    static func runChunk(_ L: OpaquePointer, _ source: String, arguments: Int32, results: Int32) throws(LuaSetupError) {
        let bytes = Array(source.utf8)
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { luaL_loadbuffer(L, $0.baseAddress, $0.count, LuaPrelude.chunkName) }
        }
        guard status == 0 else { throw LuaSetupError(String(cString: redislings_lua_tostring(L, -1))) }
        if arguments > 0 { lua_insert(L, -1 - arguments) }
        guard lua_pcall(L, arguments, results, 0) == 0 else {
            throw LuaSetupError(redislings_lua_tostring(L, -1).map { String(cString: $0) } ?? "error in engine code")
        }
    }

    /// Pushes the value of registry reference `ref`.
    func pushRef(_ ref: Int32) { lua_rawgeti(L, redislings_lua_upvalue_registry(), ref) }
}

/// The Lua state could not be built: a bug in the engine's own Lua code, or no memory.
public struct LuaSetupError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
