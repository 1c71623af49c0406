import RedisSimulator

/// Error replies that EVAL, SCRIPT and FUNCTION send from more than one place, each written once.
extension RedisError {
    static let invalidLibraryMetadata = RedisError("ERR Invalid library metadata")
    static let scriptFlushMode = RedisError("ERR SCRIPT FLUSH only support SYNC|ASYNC option")

    /// A FUNCTION LOAD (or RESTORE) of a library that exists, without REPLACE.
    static func libraryExists(_ name: String) -> RedisError {
        RedisError("ERR Library '\(name)' already exists")
    }

    /// A library that defines a function another library (or itself) already has.
    static func functionExists(_ name: String) -> RedisError {
        RedisError("ERR Function \(name) already exists")
    }

    /// A command the scripting engine was handed but does not implement.
    static func unknownScriptingCommand(_ name: String) -> RedisError {
        RedisError("ERR unknown scripting command '\(name)'")
    }

    /// `FUNCTION <subcommand>` with a name or argument count FUNCTION does not know.
    static func functionSubcommandSyntax(_ subcommand: ErrorText) -> RedisError {
        .unknownSubcommandOrArity(subcommand, parent: "function")
    }
}
