import CLua
import CLuaSandbox
import RESP
import RedisSimulator

/// Redis 7.0 Functions (functions.c, function_lua.c): libraries loaded with FUNCTION LOAD into a
/// Lua state of their own, which SCRIPT FLUSH leaves alone, and called with FCALL/FCALL_RO.
extension LuaScripting {
    /// How long a library's top-level code may run at FUNCTION LOAD (Redis's fixed 500 ms).
    static let loadTimeoutMilliseconds: Int64 = 500

    func runFunctionCommand(_ context: CommandContext) throws(RedisError) -> RESPValue {
        switch context.spec.name {
        case "fcall": return try fcall(context, readOnly: false)
        case "fcall_ro": return try fcall(context, readOnly: true)
        case "function|load": return try functionLoad(context)
        case "function|list": return try functionList(context)
        case "function|delete":
            guard let index = libraries.firstIndex(where: { $0.name.utf8.elementsEqual(context.args[2].bytes) }) else {
                throw RedisError("ERR Library not found")
            }
            release(libraries.remove(at: index))
            return .ok
        case "function|flush":
            if context.count == 3 {
                let mode = context.args[2].string.lowercased()
                guard mode == "sync" || mode == "async" else { throw RedisError("ERR FUNCTION FLUSH only supports SYNC|ASYNC option") }
            } else if context.count > 3 {
                throw RedisError.functionSubcommandSyntax(context.args[1].errorText(limit: 128))
            }
            resetFunctions()
            return .ok
        case "function|stats":
            return .map([
                .bulk("running_script"), .nullBulkString,
                .bulk("engines"), .map([
                    .bulk("LUA"), .map([
                        .bulk("libraries_count"), .integer(Int64(libraries.count)),
                        .bulk("functions_count"), .integer(Int64(functionCount)),
                    ]),
                ]),
            ])
        case "function|dump":
            return .bulkString(FunctionDumpPayload.encode(libraries.map(\.code.bytes)))
        case "function|restore": return try functionRestore(context)
        default:
            throw RedisError.unknownScriptingCommand(context.spec.name)
        }
    }

    /// How many functions the loaded libraries registered.
    var functionCount: Int { libraries.reduce(0) { $0 + $1.functions.count } }

    /// Drops every library and starts a fresh Functions state.
    func resetFunctions() {
        libraries = []
        // Closed now; the next library loaded builds a new state.
        functionSandbox = nil
    }

    private func release(_ library: FunctionLibrary) {
        for function in library.functions { luaL_unref(functionSandbox.L, redislings_lua_upvalue_registry(), function.callback) }
    }

    // MARK: FCALL

    private func fcall(_ context: CommandContext, readOnly: Bool) throws(RedisError) -> RESPValue {
        guard let function = registeredFunction(named: context.args[1]) else { throw RedisError("ERR Function not found") }
        guard let numberOfKeys = context.args[2].int64Value else { throw RedisError("ERR Bad number of keys provided") }
        if numberOfKeys > Int64(context.count - 3) { throw RedisError.moreKeysThanArguments }
        if numberOfKeys < 0 { throw RedisError.negativeKeyCount }
        if readOnly, !function.noWrites {
            throw RedisError.writeScriptFromReadOnlyCall
        }
        try context.refuseScriptForMemory(mayWrite: !function.noWrites, allowsOOM: function.allowsOOM)
        let keysEnd = 3 + Int(numberOfKeys)
        let run = context.beginScript(readOnly: readOnly || function.noWrites, allowsOOM: function.allowsOOM, function: FunctionRunInfo(
            name: function.name, command: context.args, libraries: libraries.count, functions: functionCount))
        defer { run.finish() }
        let L = functionSandbox.L
        functionSandbox.pushRef(functionSandbox.errorHandlerRef)
        functionSandbox.pushRef(function.callback)
        pushArray(L, context.args[3..<keysEnd])
        pushArray(L, context.args[keysEnd...])
        return runProtected(functionSandbox, limits: functionLimits, run: run, arguments: 2, name: function.name)
    }

    /// The loaded function of that name (Redis matches function names without regard to case).
    func registeredFunction(named name: ByteString) -> RegisteredFunction? {
        let wanted = Self.lowercased(name)
        for library in libraries {
            if let function = library.functions.first(where: { $0.name.lowercased() == wanted }) { return function }
        }
        return nil
    }

    private func pushArray(_ L: OpaquePointer, _ values: ArraySlice<ByteString>) {
        lua_createtable(L, Int32(clamping: values.count), 0)
        for (offset, value) in values.enumerated() {
            LuaConversion.pushBytes(L, value.bytes)
            lua_rawseti(L, -2, Int32(clamping: offset + 1))
        }
    }

    // MARK: LOAD and RESTORE

    private func functionLoad(_ context: CommandContext) throws(RedisError) -> RESPValue {
        var replace = false
        var index = 2
        while index < context.count - 1 {
            guard context.args[index].string.lowercased() == "replace" else {
                throw RedisError("ERR Unknown option given: \(context.args[index].errorText)")
            }
            replace = true
            index += 1
        }
        let code = context.args[context.count - 1]
        let metadata = try LibraryMetadata(code.bytes)
        try Self.validate(metadata)
        if !replace, libraries.contains(where: { $0.name == metadata.name }) {
            throw RedisError.libraryExists(metadata.name)
        }
        let library = try createLibrary(code, metadata)
        do {
            try join([library], replace: true)
        } catch {
            release(library)
            throw error
        }
        return .bulk(metadata.name)
    }

    private static func validate(_ metadata: LibraryMetadata) throws(RedisError) {
        guard LibraryMetadata.isValidName(metadata.name) else {
            throw RedisError("ERR Library names can only contain letters, numbers, or underscores(_) and must be at least one character long")
        }
        guard metadata.engine.lowercased() == "lua" else { throw RedisError("ERR Engine '\(metadata.engine)' not found") }
    }

    /// Adds `incoming` to the loaded libraries, replacing those of the same name when `replace`
    /// (otherwise refusing them), and refusing a function name another library already has.
    private func join(_ incoming: [FunctionLibrary], replace: Bool, quotedNames: Bool = true) throws(RedisError) {
        let names = Set(incoming.map(\.name))
        if !replace, let clash = incoming.first(where: { new in libraries.contains { $0.name == new.name } }) {
            throw quotedNames ? RedisError.libraryExists(clash.name) : RedisError("ERR Library \(clash.name) already exists")
        }
        let kept = libraries.filter { !names.contains($0.name) }
        let taken = Set(kept.flatMap { $0.functions.map { $0.name.lowercased() } })
        for library in incoming {
            if let clash = library.functions.first(where: { taken.contains($0.name.lowercased()) }) {
                throw RedisError.functionExists(clash.name)
            }
        }
        for old in libraries where names.contains(old.name) { release(old) }
        libraries = kept + incoming
    }

    public var functionLibraryCodes: [ByteString] { libraries.map(\.code) }

    public func replaceFunctionLibraries(_ codes: [ByteString]) throws(RedisError) {
        var created: [FunctionLibrary] = []
        do throws(RedisError) {
            for code in codes {
                let metadata = try LibraryMetadata(code.bytes)
                try Self.validate(metadata)
                if created.contains(where: { $0.name == metadata.name }) {
                    throw RedisError.libraryExists(metadata.name)
                }
                created.append(try createLibrary(code, metadata))
            }
            var names = Set<String>()
            for function in created.flatMap(\.functions) where !names.insert(function.name.lowercased()).inserted {
                throw RedisError.functionExists(function.name)
            }
        } catch {
            created.forEach(release)
            throw error
        }
        for old in libraries { release(old) }
        libraries = created
    }

    private func functionRestore(_ context: CommandContext) throws(RedisError) -> RESPValue {
        guard context.count <= 4 else {
            throw RedisError.functionSubcommandSyntax(context.args[1].errorText(limit: 128))
        }
        var policy = "append"
        if context.count == 4 {
            policy = context.args[3].string.lowercased()
            guard ["append", "replace", "flush"].contains(policy) else {
                throw RedisError("ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.")
            }
        }
        let codes: [[UInt8]]
        switch Result(catching: { () throws(FunctionDumpPayload.Failure) in try FunctionDumpPayload.decode(context.args[2].bytes) }) {
        case .success(let decoded): codes = decoded
        case .failure(.versionOrChecksum): throw RedisError.badDumpPayload
        case .failure(.message(let text)): throw RedisError("ERR " + text)
        }
        var created: [FunctionLibrary] = []
        do throws(RedisError) {
            for code in codes {
                let metadata = try LibraryMetadata(code)
                try Self.validate(metadata)
                if created.contains(where: { $0.name == metadata.name }) {
                    throw RedisError.libraryExists(metadata.name)
                }
                created.append(try createLibrary(ByteString(code), metadata))
            }
            if policy == "flush" {
                for old in libraries { release(old) }
                libraries = []
            }
            try join(created, replace: policy != "append", quotedNames: false)
        } catch {
            created.forEach(release)
            throw error
        }
        return .ok
    }

    /// Compiles a library and runs its top-level code in the load-time sandbox, collecting what
    /// it registers (Redis's luaEngineCreate). Nothing is installed yet.
    private func createLibrary(_ code: ByteString, _ metadata: LibraryMetadata) throws(RedisError) -> FunctionLibrary {
        let sandbox = functionSandbox!
        let L = sandbox.L
        let base = lua_gettop(L)
        defer { lua_settop(L, base) }
        sandbox.pushRef(sandbox.errorHandlerRef)
        guard LuaSandbox.loadText(L, code.bytes[metadata.codeStart...], name: "@user_function") == 0 else {
            let message = LuaConversion.bytes(L, -1) ?? []
            throw RedisError("ERR Error compiling function: \(ErrorText(bytes: LuaConversion.oneLine(message).bytes))")
        }
        api("prepare", arguments: 1, results: 1)
        api("begin_load", arguments: 0, results: 0)

        let budgetMessage = functionLimits.pointee.budget_message
        functionLimits.pointee.budget_message = UnsafePointer(loadTimeoutMessage)
        deadline = ScriptMonitor.monotonicNanoseconds() + Self.loadTimeoutMilliseconds * 1_000_000
        redislings_install_hook(L, Self.hookInterval)
        functionLimits.pointee.enforcing = 1
        let status = lua_pcall(L, 0, 0, base + 1)
        functionLimits.pointee.enforcing = 0
        redislings_remove_hook(L)
        deadline = .max
        functionLimits.pointee.budget_message = budgetMessage
        let failure: RedisError?
        if functionLimits.pointee.memory_exceeded != 0 {
            functionLimits.pointee.memory_exceeded = 0
            failure = RedisError(String(cString: functionLimits.pointee.memory_message))
        } else if status != 0 {
            let detail = Self.errField(L) ?? LuaConversion.bytes(L, -1).map { Array("ERR ".utf8) + LuaConversion.oneLine($0).bytes }
                ?? RedisError.unknownError.line.bytes
            failure = RedisError("ERR Error registering functions: \(ErrorText(bytes: detail))")
        } else {
            failure = nil
        }
        lua_settop(L, base + 1)
        api("end_load", arguments: 0, results: 1)
        let registered = readRegistered(L)
        if let failure {
            for function in registered { luaL_unref(L, redislings_lua_upvalue_registry(), function.callback) }
            lua_gc(L, LUA_GCCOLLECT, 0)
            throw failure
        }
        guard !registered.isEmpty else { throw RedisError("ERR No functions registered") }
        return FunctionLibrary(name: metadata.name, code: code, functions: registered)
    }

    /// The `err` text of the error table on top, without its location (Redis's luaExtractErrorInformation).
    private static func errField(_ L: OpaquePointer) -> [UInt8]? {
        guard redislings_lua_istable(L, -1) != 0 else { return nil }
        lua_getfield(L, -1, "err")
        defer { redislings_lua_pop(L, 1) }
        return lua_isstring(L, -1) != 0 ? LuaConversion.bytes(L, -1).map { LuaConversion.oneLine($0).bytes } : nil
    }

    /// Calls `functions_api[name]` with the top `arguments` values, leaving its results on top.
    private func api(_ name: String, arguments: Int32, results: Int32) {
        let L = functionSandbox.L
        functionSandbox.pushRef(functionSandbox.functionsRef)
        lua_getfield(L, -1, name)
        lua_remove(L, -2)
        lua_insert(L, -1 - arguments)
        lua_call(L, arguments, results)
    }

    /// Reads the table `end_load` returned (on top) into functions, taking a registry reference
    /// to each callback.
    private func readRegistered(_ L: OpaquePointer) -> [RegisteredFunction] {
        guard redislings_lua_istable(L, -1) != 0 else { return [] }
        var functions: [RegisteredFunction] = []
        let count = lua_objlen(L, -1)
        guard count > 0 else { return [] }
        for index in 1...count {
            lua_rawgeti(L, -1, Int32(clamping: index))
            lua_getfield(L, -1, "name")
            let name = LuaConversion.bytes(L, -1).map { String(decoding: $0, as: UTF8.self) } ?? ""
            redislings_lua_pop(L, 1)
            lua_getfield(L, -1, "description")
            let description = lua_isstring(L, -1) != 0 ? LuaConversion.bytes(L, -1) : nil
            redislings_lua_pop(L, 1)
            var flags: [String] = []
            lua_getfield(L, -1, "flags")
            for place in 1...5 {
                lua_rawgeti(L, -1, Int32(place))
                if let flag = LuaConversion.bytes(L, -1), lua_isstring(L, -1) != 0 { flags.append(String(decoding: flag, as: UTF8.self)) }
                redislings_lua_pop(L, 1)
            }
            redislings_lua_pop(L, 1)
            lua_getfield(L, -1, "callback")
            let callback = luaL_ref(L, redislings_lua_upvalue_registry())
            redislings_lua_pop(L, 1)
            functions.append(RegisteredFunction(name: name, description: description, flags: flags, callback: callback))
        }
        return functions
    }

    // MARK: LIST

    private func functionList(_ context: CommandContext) throws(RedisError) -> RESPValue {
        var withCode = false
        var pattern: ByteString?
        var index = 2
        while index < context.count {
            let option = context.args[index].string.lowercased()
            if option == "withcode", !withCode {
                withCode = true
            } else if option == "libraryname", pattern == nil {
                guard index + 1 < context.count else { throw RedisError("ERR library name argument was not given") }
                index += 1
                pattern = context.args[index]
            } else {
                // Redis writes this error with addReplyErrorSds, which keeps a CR or LF at the
                // end of the argument (as a space) where its other errors trim them.
                let argument = context.args[index].errorText.bytes.map { $0 == 13 || $0 == 10 ? 32 : $0 }
                throw RedisError(bytes: Array("ERR Unknown argument ".utf8) + argument)
            }
            index += 1
        }
        let glob = pattern.map { GlobPattern($0, caseInsensitive: true) }
        var reply: [RESPValue] = []
        for library in libraries where glob?.matches(ByteString(library.name)) ?? true {
            var entry: [RESPValue] = [
                .bulk("library_name"), .bulk(library.name), .bulk("engine"), .bulk("LUA"), .bulk("functions"),
                .array(library.functions.map { function in
                    .map([
                        .bulk("name"), .bulk(function.name),
                        .bulk("description"), function.description.map { .bulkString($0) } ?? .nullBulkString,
                        .bulk("flags"), .set(function.flags.map { .simpleString($0) }),
                    ])
                }),
            ]
            if withCode { entry += [.bulk("library_code"), .bulkString(library.code.bytes)] }
            reply.append(.map(entry))
        }
        return .array(reply)
    }
}

extension LuaScripting {
    /// The cached EVAL scripts and loaded libraries, for INFO memory.
    public var memoryFigures: ScriptingMemoryFigures {
        ScriptingMemoryFigures(
            cachedScripts: scripts.count, cachedScriptBytes: scripts.values.reduce(0) { $0 + $1.body.count },
            functions: functionCount, libraries: libraries.count, libraryBytes: libraries.reduce(0) { $0 + $1.code.count })
    }
}
