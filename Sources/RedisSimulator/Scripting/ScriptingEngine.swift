import RESP

/// The Lua engine the simulator calls for EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT LOAD,
/// EXISTS and FLUSH; RedisScripting provides it, so the simulator does not depend on Lua.
///
/// The engine is called with the simulator's lock held. It runs `redis.call` through
/// `CommandContext.beginScript`, whose `ScriptRun.call` re-enters dispatch without re-locking.
public protocol ScriptingEngine: AnyObject {
    /// Runs one of the scripting commands; `context.spec.name` says which (`eval`, `evalsha`,
    /// `eval_ro`, `evalsha_ro`, `script|load`, `script|exists`, `script|flush`, `fcall`,
    /// `fcall_ro` and the `function|…` subcommands).
    func run(_ context: CommandContext) throws(RedisError) -> RESPValue

    /// The source of each loaded Functions library, in load order (what an RDB file keeps).
    var functionLibraryCodes: [ByteString] { get }

    /// Replaces every loaded Functions library with those compiled from `codes` (loading an RDB
    /// file); on an error nothing changes.
    func replaceFunctionLibraries(_ codes: [ByteString]) throws(RedisError)

    /// What INFO memory reports of the engine: the EVAL scripts cached, their source bytes, and
    /// the Functions loaded.
    var memoryFigures: ScriptingMemoryFigures { get }

    /// What the function or `#!lua` script an EVAL-family or FCALL command line names declared,
    /// for the checks before it runs (Redis's getCommandFlags); nil when it declared nothing or
    /// is not found, so the command's own flags stand.
    func declaredCommandFlags(_ args: [ByteString], spec: CommandSpec) -> ScriptCommandFlags?
}

extension ScriptingEngine {
    public func declaredCommandFlags(_ args: [ByteString], spec: CommandSpec) -> ScriptCommandFlags? { nil }
}

/// A script's declared flags as command flags (Redis's scriptFlagsToCmdFlags): they replace
/// the command's own `write`, `denyoom` and `stale`.
public struct ScriptCommandFlags: Sendable, Equatable {
    /// True unless `no-writes`: refused on a read-only replica and without enough good replicas.
    public let isWrite: Bool
    /// True unless `no-writes` or `allow-oom`: refused over `maxmemory`.
    public let deniesOOM: Bool
    /// `allow-stale`: runs while a replica's link is down and it serves no stale data.
    public let allowsStale: Bool

    public init(noWrites: Bool, allowsOOM: Bool, allowsStale: Bool) {
        isWrite = !noWrites
        deniesOOM = !noWrites && !allowsOOM
        self.allowsStale = allowsStale
    }
}

/// The scripting figures of INFO memory (number_of_cached_scripts, number_of_functions, …).
public struct ScriptingMemoryFigures: Sendable {
    public var cachedScripts = 0
    /// The cached scripts' source bytes.
    public var cachedScriptBytes = 0
    public var functions = 0
    public var libraries = 0
    /// The loaded libraries' source bytes.
    public var libraryBytes = 0

    public init(cachedScripts: Int = 0, cachedScriptBytes: Int = 0, functions: Int = 0, libraries: Int = 0, libraryBytes: Int = 0) {
        self.cachedScripts = cachedScripts
        self.cachedScriptBytes = cachedScriptBytes
        self.functions = functions
        self.libraries = libraries
        self.libraryBytes = libraryBytes
    }
}
