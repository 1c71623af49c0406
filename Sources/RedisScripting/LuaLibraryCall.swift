import CLua

/// Why a `struct` or `cmsgpack` function refused its input: what luaL_argerror (a bad argument,
/// by number) or luaL_error (any other problem, after the caller's position) would have raised
/// in Redis, or an error Lua's core raises bare. The Swift side returns it; the prelude's Lua
/// wrapper names the function and raises it.
enum LuaLibraryFailure: Error {
    case argument(Int32, [UInt8])
    case message([UInt8])
    case bare([UInt8])

    static func argument(_ index: Int32, _ text: String) -> LuaLibraryFailure { .argument(index, Array(text.utf8)) }
    static func message(_ text: String) -> LuaLibraryFailure { .message(Array(text.utf8)) }
}

/// Reading a C library function's arguments as lauxlib's `luaL_check*` functions do, without
/// raising: each check returns the failure luaL_typerror would have raised.
struct LuaLibraryCall {
    let L: OpaquePointer

    /// Lua's own cap on a C function's stack (LUAI_MAXCSTACK in Debian's Lua 5.1).
    static let maximumStack = 8000

    var argumentCount: Int32 { lua_gettop(L) }

    func typeName(_ index: Int32) -> String { String(cString: lua_typename(L, lua_type(L, index))) }

    func isNoneOrNil(_ index: Int32) -> Bool { lua_type(L, index) <= LUA_TNIL }

    /// luaL_checknumber: a number, or a string that reads as one.
    func number(_ index: Int32) throws(LuaLibraryFailure) -> Double {
        let value = lua_tonumber(L, index)
        if value == 0, lua_isnumber(L, index) == 0 {
            throw .argument(index, "number expected, got \(typeName(index))")
        }
        return value
    }

    /// luaL_checkinteger: the number truncated toward zero.
    func integer(_ index: Int32) throws(LuaLibraryFailure) -> Int {
        let value = lua_tointeger(L, index)
        if value == 0, lua_isnumber(L, index) == 0 {
            throw .argument(index, "number expected, got \(typeName(index))")
        }
        return value
    }

    /// luaL_optinteger: `fallback` when the argument is absent or nil.
    func integer(_ index: Int32, default fallback: Int) throws(LuaLibraryFailure) -> Int {
        isNoneOrNil(index) ? fallback : try integer(index)
    }

    /// luaL_checklstring: the bytes of a string, or of a number (converted in place, as Lua does).
    func bytes(_ index: Int32) throws(LuaLibraryFailure) -> [UInt8] {
        var length = 0
        guard let pointer = lua_tolstring(L, index, &length) else {
            throw .argument(index, "string expected, got \(typeName(index))")
        }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    }

    /// Ends a library call: `true` and the `results` values on top, or `false`, the message and
    /// the argument's number for a bad argument, nothing for a positioned message, `false` for a
    /// bare one (what the prelude's wrapper expects).
    static func finish(_ L: OpaquePointer, _ outcome: Result<Int32, LuaLibraryFailure>) -> Int32 {
        switch outcome {
        case .success(let results):
            guard lua_checkstack(L, 1) != 0 else { return 0 }
            lua_pushboolean(L, 1)
            lua_insert(L, -1 - results)
            return results + 1
        case .failure(let failure):
            lua_settop(L, 0)
            lua_pushboolean(L, 0)
            switch failure {
            case .argument(let index, let text):
                pushBytes(L, text)
                lua_pushinteger(L, Int(index))
                return 3
            case .message(let text):
                pushBytes(L, text)
                return 2
            case .bare(let text):
                pushBytes(L, text)
                lua_pushboolean(L, 0)
                return 3
            }
        }
    }

    static func pushBytes(_ L: OpaquePointer, _ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { lua_pushlstring(L, $0.baseAddress, $0.count) }
        }
    }
}
