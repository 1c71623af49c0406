import CLua
import CLuaSandbox
import RESP
import RedisSimulator

/// A script in the cache: its body and the flags its `#!lua` line declared.
struct CompiledScript {
    let body: ByteString
    let flags: ScriptShebang
}

extension LuaScripting {
    /// EVAL and its variants, as Redis's evalGenericCommand.
    func eval(_ context: CommandContext, bySHA: Bool, readOnly: Bool) throws(RedisError) -> RESPValue {
        let noScript = RedisError("NOSCRIPT No matching script. Please use EVAL.")
        if bySHA, context.args[1].count != 40 { throw noScript }
        guard let numberOfKeys = context.args[2].int64Value else { throw .notInteger }
        if numberOfKeys > Int64(context.count - 3) {
            throw RedisError.moreKeysThanArguments
        }
        if numberOfKeys < 0 { throw RedisError.negativeKeyCount }

        let sha: String
        if bySHA {
            sha = Self.lowercased(context.args[1])
            guard scripts[sha] != nil else { throw noScript }
        } else {
            sha = try compile(context.args[1])
        }
        guard let script = scripts[sha] else { throw noScript }
        if readOnly, script.flags.declared, !script.flags.noWrites {
            throw RedisError.writeScriptFromReadOnlyCall
        }
        let keysEnd = 3 + Int(numberOfKeys)
        if script.flags.declared {
            try context.refuseScriptForMemory(mayWrite: !script.flags.noWrites, allowsOOM: script.flags.allowsOOM)
        }
        let run = context.beginScript(
            readOnly: readOnly || (script.flags.declared && script.flags.noWrites),
            allowsOOM: script.flags.allowsOOM,
            function: FunctionRunInfo(libraries: libraries.count, functions: functionCount))
        defer { run.finish() }
        return call(sha, run: run, keys: Array(context.args[3..<keysEnd]), argv: Array(context.args[keysEnd...]))
    }

    /// Runs a compiled script under the error handler, as luaCallFunction does.
    private func call(_ sha: String, run: ScriptRun, keys: [ByteString], argv: [ByteString]) -> RESPValue {
        let L = sandbox.L
        let base = lua_gettop(L)
        defer { lua_settop(L, base) }
        sandbox.pushRef(sandbox.errorHandlerRef)
        sandbox.pushRef(sandbox.scriptsRef)
        lua_getfield(L, -1, sha)
        lua_remove(L, -2)
        setGlobalArray("KEYS", keys)
        setGlobalArray("ARGV", argv)
        return runProtected(sandbox, limits: limits, run: run, arguments: 0, name: sha)
    }

    /// Calls the function under `arguments` values, with the error handler below it, as
    /// luaCallFunction does: with the hook, the time and memory budgets, and Redis's error text
    /// naming `name` (a script's SHA1 or a function's name). Leaves the stack as it found it
    /// minus the handler, function and arguments.
    func runProtected(
        _ sandbox: LuaSandbox, limits: UnsafeMutablePointer<redislings_lua_limits>, run: ScriptRun,
        arguments: Int32, name: String
    ) -> RESPValue {
        let L = sandbox.L
        let base = lua_gettop(L) - arguments - 2
        defer { lua_settop(L, base) }
        currentRun = run
        deadline = timeBudget.map { ScriptMonitor.monotonicNanoseconds() + Self.milliseconds($0) * 1_000_000 } ?? .max
        redislings_install_hook(L, Self.hookInterval)
        limits.pointee.enforcing = 1
        let status = lua_pcall(L, arguments, 1, base + 1)
        let resp = run.protocolVersion
        limits.pointee.enforcing = 0
        redislings_remove_hook(L)
        currentRun = nil
        deadline = .max
        if limits.pointee.memory_exceeded != 0 {
            // Whatever the script caught or returned, it ran out of memory: say so, and give
            // back what it left behind.
            limits.pointee.memory_exceeded = 0
            lua_settop(L, base)
            lua_gc(L, LUA_GCCOLLECT, 0)
            return .error(String(cString: limits.pointee.memory_message))
        }

        callsSinceCollection += 1
        if callsSinceCollection == 50 {
            // Redis steps the collector every 50 scripts to avoid long full cycles.
            lua_gc(L, LUA_GCSTEP, 50)
            callsSinceCollection = 0
        }
        if LuaConversion.carriesCountedError(L, lua_gettop(L)) { run.replyErrorWasCounted() }
        if status == 0 { return LuaConversion.reply(L, lua_gettop(L), resp: resp) }
        return Self.errorReply(L, name)
    }

    /// The reply for the error object on top: `{err, source, line}` from the handler.
    static func errorReply(_ L: OpaquePointer, _ name: String) -> RESPValue {
        let top = lua_gettop(L)
        guard redislings_lua_istable(L, top) != 0 else {
            let text = LuaConversion.bytes(L, top).map { String(decoding: $0.prefix(100), as: UTF8.self) } ?? "execution failure"
            return .error("ERR Error running script \(name), \(text)")
        }
        func text(_ field: String) -> [UInt8]? {
            lua_getfield(L, top, field)
            defer { redislings_lua_pop(L, 1) }
            return lua_isstring(L, -1) != 0 ? LuaConversion.bytes(L, -1) : nil
        }
        var message = text("err") ?? Array(RedisError.unknownError.message.utf8)
        if let line = text("line"), let source = text("source") {
            message += Array(" script: \(name), on ".utf8) + source + [UInt8(ascii: ":")] + line + [UInt8(ascii: ".")]
        }
        return .error(LuaConversion.oneLine(message))
    }

    private func setGlobalArray(_ name: String, _ values: [ByteString]) {
        let L = sandbox.L
        sandbox.pushRef(sandbox.globalsRef)
        lua_pushstring(L, name)
        lua_createtable(L, Int32(clamping: values.count), 0)
        for (offset, value) in values.enumerated() {
            LuaConversion.pushBytes(L, value.bytes)
            lua_rawseti(L, -2, Int32(clamping: offset + 1))
        }
        lua_rawset(L, -3)
        redislings_lua_pop(L, 1)
    }

    /// Compiles `body` into the cache if it is not there (Redis's luaCreateFunction) and
    /// returns its SHA1; the script's first line may be a `#!lua` shebang with flags.
    func compile(_ body: ByteString) throws(RedisError) -> String {
        let sha = SHA1.hex(body.bytes)
        if scripts[sha] != nil { return sha }
        let flags = try ScriptShebang(body.bytes)
        let L = sandbox.L
        // The shebang is skipped but its line feed kept, so line numbers stay the user's.
        let code = body.bytes[flags.length...]
        let status = LuaSandbox.loadText(L, code, name: "@user_script")
        guard status == 0 else {
            let message = LuaConversion.bytes(L, -1) ?? []
            redislings_lua_pop(L, 1)
            // Lua quotes the offending bytes as they are; Redis passes them on unrepaired.
            throw RedisError("ERR Error compiling script (new function): \(ErrorText(bytes: LuaConversion.oneLine(message).bytes))")
        }
        sandbox.pushRef(sandbox.scriptsRef)
        lua_insert(L, -2)
        lua_setfield(L, -2, sha)
        redislings_lua_pop(L, 1)
        scripts[sha] = CompiledScript(body: body, flags: flags)
        return sha
    }
}
