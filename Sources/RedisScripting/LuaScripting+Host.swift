#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLua
import CLuaSandbox
import RESP
import RedisSimulator

/// The Swift functions the Lua prelude wires into `redis.*`, `math.random`, `struct` and
/// `cmsgpack`. None of them raises a Lua error: each returns a value, and the prelude's Lua wrappers call `error`.
extension LuaScripting {
    /// A new Lua state: for EVAL scripts, or (`functions`) for Functions libraries, counting into `limits`.
    func makeSandbox(functions: Bool = false, limits: UnsafeMutablePointer<redislings_lua_limits>? = nil) -> LuaSandbox {
        let engine = Unmanaged.passUnretained(self).toOpaque()
        let hostFunctions: [(String, lua_CFunction)] = [
            ("call", { L in LuaScripting.hosted(L) { $0.hostCall(L!) } }),
            ("sha1hex", { L in LuaScripting.hosted(L) { $0.hostSHA1(L!) } }),
            ("log", { L in LuaScripting.hosted(L) { $0.hostLog(L!) } }),
            ("setresp", { L in LuaScripting.hosted(L) { $0.hostSetResp(L!) } }),
            ("rand", { L in LuaScripting.hosted(L) { $0.hostRandom(L!) } }),
            ("seed", { L in LuaScripting.hosted(L) { $0.hostSeed(L!) } }),
            ("aclcheck", { L in LuaScripting.hosted(L) { $0.hostACLCheck(L!) } }),
            ("structpack", { L in LuaScripting.hosted(L) { _ in LuaStruct.pack(L!) } }),
            ("structunpack", { L in LuaScripting.hosted(L) { _ in LuaStruct.unpack(L!) } }),
            ("structsize", { L in LuaScripting.hosted(L) { _ in LuaStruct.size(L!) } }),
            ("msgpackpack", { L in LuaScripting.hosted(L) { _ in LuaMessagePack.pack(L!) } }),
            ("msgpackunpack", { L in LuaScripting.hosted(L) { _ in LuaMessagePack.unpack(L!, mode: .all) } }),
            ("msgpackunpackone", { L in LuaScripting.hosted(L) { _ in LuaMessagePack.unpack(L!, mode: .one) } }),
            ("msgpackunpacklimit", { L in LuaScripting.hosted(L) { _ in LuaMessagePack.unpack(L!, mode: .limit) } }),
            ("guard", { L in
                lua_settop(L, 1)
                redislings_push_guarded(L)
                return 1
            }),
        ]
        do {
            return try LuaSandbox(limits: limits ?? self.limits, functions: functions) { L in
                for (name, function) in hostFunctions {
                    lua_pushstring(L, name)
                    lua_pushlightuserdata(L, engine)
                    lua_pushcclosure(L, function, 1)
                    lua_rawset(L, -3)
                }
                lua_pushstring(L, "marker")
                redislings_push_raise_marker(L)
                lua_rawset(L, -3)
            }
        } catch {
            // Only a defect in the engine's own Lua code gets here; no input can cause it.
            fatalError("the Lua sandbox could not be built: \(error)")
        }
    }

    private static func engine(_ L: OpaquePointer?) -> LuaScripting {
        let pointer = lua_touserdata(L, redislings_lua_upvalueindex(1))!
        return Unmanaged<LuaScripting>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// Runs a Swift host function with the memory budget lifted: a refused allocation raises a
    /// Lua error, which must not unwind through Swift frames. What the host pushed counts, so
    /// the script's next allocation past the budget stops it.
    private static func hosted(_ L: OpaquePointer?, _ body: (LuaScripting) -> Int32) -> Int32 {
        let engine = engine(L)
        var allocatorData: UnsafeMutableRawPointer?
        _ = lua_getallocf(L, &allocatorData)
        guard let limits = allocatorData?.assumingMemoryBound(to: redislings_lua_limits.self) else { return body(engine) }
        let enforcing = limits.pointee.enforcing
        limits.pointee.enforcing = 0
        defer { limits.pointee.enforcing = enforcing }
        return body(engine)
    }

    /// The command line `redis.call` was given, or the error Redis answers for it.
    private func commandArguments(_ L: OpaquePointer, from first: Int32) -> Result<[ByteString], RedisError> {
        let top = lua_gettop(L)
        guard top >= first else {
            return .failure(RedisError("ERR Please specify at least one argument for this redis lib call"))
        }
        var args: [ByteString] = []
        args.reserveCapacity(Int(top - first + 1))
        for index in first...top {
            switch lua_type(L, index) {
            case LUA_TNUMBER:
                // Not Lua's %.14g, which loses precision: Redis formats with %.17g.
                args.append(ByteString(LuaConversion.formatG17(lua_tonumber(L, index))))
            case LUA_TSTRING:
                args.append(ByteString(LuaConversion.bytes(L, index) ?? []))
            default:
                return .failure(RedisError("ERR Lua redis lib command arguments must be strings or integers"))
            }
        }
        return .success(args)
    }

    /// `(failed, value)`: the converted reply, or an error table the wrapper raises (call) or returns (pcall).
    func hostCall(_ L: OpaquePointer) -> Int32 {
        let reply: RESPValue
        switch commandArguments(L, from: 1) {
        case .failure(let error): reply = .error(error.line)
        case .success(let args):
            if let refusal = commandFilter?(args) {
                reply = .error("ERR \(refusal)")
            } else if let run = currentRun {
                reply = run.call(args)
            } else {
                reply = .error("ERR redis.call/pcall can only be called inside a script invocation")
            }
        }
        lua_settop(L, 0)
        guard lua_checkstack(L, 4) != 0 else { return 0 }
        lua_pushboolean(L, reply.isError ? 1 : 0)
        LuaConversion.push(L, reply)
        return 2
    }

    func hostSHA1(_ L: OpaquePointer) -> Int32 {
        let bytes = LuaConversion.bytes(L, 1) ?? []
        lua_pushstring(L, SHA1.hex(bytes))
        return 1
    }

    func hostLog(_ L: OpaquePointer) -> Int32 {
        let level = Int(lua_tointeger(L, 1))
        let text = LuaConversion.bytes(L, 2).map { String(decoding: $0, as: UTF8.self) } ?? ""
        logHandler?(level, text)
        return 0
    }

    /// `redis.setresp(2|3)`: the protocol of the replies the rest of the script's calls get.
    func hostSetResp(_ L: OpaquePointer) -> Int32 {
        currentRun?.protocolVersion = Int(lua_tointeger(L, 1))
        return 0
    }

    func hostRandom(_ L: OpaquePointer) -> Int32 {
        lua_pushnumber(L, random.unit())
        return 1
    }

    func hostSeed(_ L: OpaquePointer) -> Int32 {
        random.seed(Int32(truncatingIfNeeded: lua_tointeger(L, 1)))
        return 0
    }

    /// Whether the script's user may run the command, else the error text.
    func hostACLCheck(_ L: OpaquePointer) -> Int32 {
        switch commandArguments(L, from: 1) {
        case .failure(let error):
            lua_pushstring(L, "-" + error.message)
        case .success(let args):
            if let run = currentRun, let allowed = run.userMayRun(args) {
                lua_pushboolean(L, allowed ? 1 : 0)
            } else if currentRun == nil {
                lua_pushstring(L, "redis.acl_check_cmd can only be called inside a script invocation")
            } else {
                lua_pushstring(L, "Invalid command passed to redis.acl_check_cmd()")
            }
        }
        return 1
    }
}
