import CLua
import CLuaSandbox

/// One Lua 5.1 state set up as Redis 7.0 sets up its own: the libraries Redis loads (base,
/// table, string, math, debug for the error handler; cjson from Debian's package, bit in C
/// here, struct and cmsgpack in Swift), the `redis` API and the sandbox. Its allocator counts
/// into the engine's limits, and the library functions whose C loops the count hook cannot
/// reach (table.insert, string.rep) or that could load bytecode (loadstring, load) are the
/// bounded ones of CLuaSandbox.
final class LuaSandbox {
    let L: OpaquePointer
    /// Registry reference of the error handler EVAL runs scripts under.
    let errorHandlerRef: Int32
    /// Registry reference of the real global table (KEYS and ARGV are set in it).
    let globalsRef: Int32
    /// Registry reference of the table of compiled scripts, by SHA1.
    let scriptsRef: Int32
    /// Registry reference of the Functions API table (`prepare`, `begin_load`, `end_load`) in
    /// the Functions state; LUA_NOREF in an EVAL state.
    let functionsRef: Int32
    /// Libraries Redis provides that could not be loaded here (their Debian package is missing).
    private(set) var missingLibraries: [String] = []

    /// The shared library of Debian's lua-cjson for Lua 5.1. (Debian's lua-bitop is not
    /// loaded: `bit.tohex(-1, -2^31)` crashes it; `bit` is CLuaSandbox's.)
    static let sharedModules: [(library: String, symbol: String, name: String, package: String)] = [
        ("liblua5.1-cjson.so.0", "luaopen_cjson", "cjson", "lua-cjson"),
    ]

    /// Builds the state; `host` is the table of Swift functions the prelude wires in.
    init(limits: UnsafeMutablePointer<redislings_lua_limits>, functions: Bool, pushHost: (OpaquePointer) -> Void) throws(LuaSetupError) {
        guard let state = redislings_limited_newstate(limits) else { throw LuaSetupError("could not create a Lua state") }
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
        redislings_push_bit_library(L)
        redislings_lua_setglobal(L, "bit")
        redislings_install_bounded_functions(L)
        lua_createtable(L, 0, 8)
        pushHost(L)
        try Self.runChunk(L, LuaPrelude.source(functions: functions), arguments: 1, results: 3)
        functionsRef = functions ? luaL_ref(L, redislings_lua_upvalue_registry()) : LUA_NOREF
        if !functions { redislings_lua_pop(L, 1) }
        errorHandlerRef = luaL_ref(L, redislings_lua_upvalue_registry())
        globalsRef = luaL_ref(L, redislings_lua_upvalue_registry())
        redislings_lua_newtable(L)
        scriptsRef = luaL_ref(L, redislings_lua_upvalue_registry())
    }

    deinit { lua_close(L) }

    /// Loads and runs engine code; its arguments are the top `arguments` values.
    static func runChunk(_ L: OpaquePointer, _ source: String, arguments: Int32, results: Int32) throws(LuaSetupError) {
        let bytes = Array(source.utf8)
        let status = loadText(L, bytes[...], name: LuaPrelude.chunkName)
        guard status == 0 else { throw LuaSetupError(String(cString: redislings_lua_tostring(L, -1))) }
        if arguments > 0 { lua_insert(L, -1 - arguments) }
        guard lua_pcall(L, arguments, results, 0) == 0 else {
            throw LuaSetupError(redislings_lua_tostring(L, -1).map { String(cString: $0) } ?? "error in engine code")
        }
    }

    /// Compiles Lua source onto the stack, refusing binary chunks as Redis's Lua does (they
    /// get the parser's error); returns lua_load's status, with the message on top on failure.
    static func loadText(_ L: OpaquePointer, _ source: ArraySlice<UInt8>, name: String) -> Int32 {
        source.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { redislings_load_text(L, $0.baseAddress, $0.count, name) }
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
