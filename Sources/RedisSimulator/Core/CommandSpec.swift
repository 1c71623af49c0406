import RESP
import Synchronization

/// Hands each spec its `serial`.
private let nextCommandSerial = Atomic<Int>(0)

/// Runs one command. Errors thrown become error replies with the error's exact text.
public typealias CommandHandler = @Sendable (CommandContext) throws -> RESPValue

/// Where a command's keys sit among its arguments (Redis's first key, last key and step;
/// a negative last key counts from the end, 0/0/0 means no keys).
public struct KeyPositions: Sendable, Equatable {
    public let first: Int
    public let last: Int
    public let step: Int

    public init(first: Int, last: Int, step: Int) {
        self.first = first
        self.last = last
        self.step = step
    }

    /// A command without keys.
    public static let none = KeyPositions(first: 0, last: 0, step: 0)
    /// One key at argument 1.
    public static let single = KeyPositions(first: 1, last: 1, step: 1)
    /// Every argument from 1 on is a key.
    public static let all = KeyPositions(first: 1, last: -1, step: 1)
}

/// What a command is to dispatch beyond its flags: Redis's processCommand and call() recognise
/// EXEC, DISCARD, MULTI, WATCH, QUIT, RESET and the subscribed-mode commands by their
/// functions; here their table entries say so, and dispatch, the server and the observers ask.
public struct CommandRoles: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// EXEC: runs the queued commands, so its queue decides the checks a command's own flags
    /// decide for others (out of memory, pause, replicas), and a refused EXEC ends the
    /// transaction with EXECABORT.
    public static let executesQueue = CommandRoles(rawValue: 1 << 0)
    /// Runs at once inside MULTI instead of being queued.
    public static let runsInsideMulti = CommandRoles(rawValue: 1 << 1)
    /// Ends the client's transaction (EXEC, DISCARD, QUIT, RESET): never refused out of memory
    /// inside MULTI, since it frees the queue.
    public static let endsTransaction = CommandRoles(rawValue: 1 << 2)
    /// Runs for a RESP2 client in subscribed mode ((P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, PING,
    /// QUIT, RESET); any other command is refused there.
    public static let runsWhileSubscribed = CommandRoles(rawValue: 1 << 3)
}

/// One entry of the command table: what COMMAND reports, what dispatch checks, and the handler.
///
/// A class, not a struct: every command passes its spec through lookup, dispatch and its
/// context, and one reference costs one retain where a struct of arrays and strings costs six.
public final class CommandSpec: Sendable {
    /// Lowercase name; a subcommand's is `parent|sub` (what arity errors and COMMAND INFO show).
    public let name: String
    /// Redis's arity: N means exactly N arguments (name included), -N means at least N.
    public let arity: Int
    /// Redis's command flags as COMMAND INFO lists them (`write`, `readonly`, `denyoom`, `fast`, …).
    public let flags: [String]
    /// Key positions, as COMMAND INFO and COMMAND GETKEYS report them.
    public let keys: KeyPositions
    /// ACL categories, e.g. `@write`, `@string`, `@fast`: those declared plus those Redis derives
    /// from the flags, in Redis's order.
    public let categories: [String]
    /// The same categories, typed.
    public let aclCategories: [ACLCategory]
    /// Subcommands (CONFIG GET, XGROUP CREATE, …); empty for plain commands.
    public let subcommands: [CommandSpec]
    let handler: CommandHandler

    /// `categories` needs only the categories Redis declares for the command (`@string`,
    /// `@keyspace`, …): `@write`, `@read`, `@admin`, `@dangerous`, `@pubsub`, `@fast`, `@slow` and
    /// `@blocking` follow from `flags` as in Redis.
    public init(
        _ name: String, arity: Int, flags: [String], keys: KeyPositions = .none,
        categories: [String] = [], subcommands: [CommandSpec] = [], roles: CommandRoles = [],
        secrets: SecretArguments = .none, handler: @escaping CommandHandler
    ) {
        self.name = name
        self.arity = arity
        self.flags = flags
        self.keys = keys
        self.aclCategories = ACLCategory.categories(declared: categories, flags: flags)
        self.categories = aclCategories.map { "@" + $0.rawValue }
        self.subcommands = subcommands
        self.hasSubcommands = !subcommands.isEmpty
        self.handler = handler
        self.secrets = secrets
        self.serial = nextCommandSerial.add(1, ordering: .relaxed).oldValue
        self.isWrite = flags.contains("write")
        self.isNoScript = flags.contains("noscript")
        self.isNoMulti = flags.contains("no_multi")
        self.allowsUnauthenticated = flags.contains("no_auth")
        self.allowsBusyScript = flags.contains("allow_busy")
        self.executesQueue = roles.contains(.executesQueue)
        self.endsTransaction = roles.contains(.endsTransaction)
        self.runsWhileSubscribed = roles.contains(.runsWhileSubscribed)
        // A command that ends the transaction must run to end it.
        self.runsInsideMulti = roles.contains(.runsInsideMulti) || endsTransaction
        self.isProtected = ServerState.protectedCommands[name] != nil
        // The EVAL and FCALL families (the @scripting commands without subcommands), and EXEC,
        // whose queue may hold them.
        self.runsScripts = executesQueue
            || (aclCategories.contains(.scripting) && subcommands.isEmpty && !name.contains("|"))
    }

    // Flags read on every command are decided once, not searched for by name each time.
    /// True when the command may modify the dataset.
    public let isWrite: Bool
    /// True when the command is refused inside scripts.
    public let isNoScript: Bool
    /// True when the command is allowed only outside MULTI.
    public let isNoMulti: Bool
    /// True when a client may run it before AUTH (`no_auth`).
    public let allowsUnauthenticated: Bool
    /// True when the command runs while a script is busy (`allow_busy`).
    public let allowsBusyScript: Bool
    /// True for EXEC, which runs the transaction's queued commands.
    public let executesQueue: Bool
    /// True when the command runs at once inside MULTI instead of being queued.
    public let runsInsideMulti: Bool
    /// True when the command ends the client's transaction.
    public let endsTransaction: Bool
    /// True when a RESP2 client in subscribed mode may run it.
    public let runsWhileSubscribed: Bool
    /// True when the command may run a Lua script: a server runs it off its event loops; its
    /// effect propagates through the commands it runs, never as itself.
    public let runsScripts: Bool
    /// True when the command has subcommands: read on every command without touching the array.
    let hasSubcommands: Bool
    /// True for the commands Redis marks protected (DEBUG, MODULE LOAD/LOADEX/UNLOAD), so the
    /// check every command passes reads a flag instead of hashing the name.
    let isProtected: Bool
    /// The arguments the slow log and MONITOR hide.
    public let secrets: SecretArguments
    /// A number no other spec has, small and dense: where per-command counters sit in an array.
    let serial: Int
    /// The uppercase name of the parent command (for messages like "Try CONFIG HELP.").
    public var parentName: String { String(name.split(separator: "|").first ?? Substring(name)) }

    func argumentCountIsValid(_ count: Int) -> Bool {
        arity >= 0 ? count == arity : count >= -arity
    }
}
