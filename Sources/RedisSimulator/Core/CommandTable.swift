/// Every command the simulator knows, by lowercase name. Each command family registers its
/// specs in its own file (`CommandTable+Strings.swift`, …); this list joins them.
public struct CommandTable: Sendable {
    /// Specs by lowercase name.
    public let commands: [String: CommandSpec]

    init(_ specs: [CommandSpec]) {
        var byName: [String: CommandSpec] = [:]
        for spec in specs {
            precondition(byName[spec.name] == nil, "command \(spec.name) registered twice")
            byName[spec.name] = spec
        }
        commands = byName
    }

    /// The table of Redis 7.0's commands that the simulator implements.
    public static let standard = CommandTable(
        connectionCommands + serverCommands + keyCommands + stringCommands + listCommands
            + hashCommands + setCommands + sortedSetCommands + streamCommands + pubSubCommands
            + transactionCommands + blockingCommands + scriptingCommands)

    /// The spec for a command name given in any case.
    public func lookup(_ name: ByteString) -> CommandSpec? {
        commands[Self.lowercased(name)]
    }

    /// The subcommand spec of `parent` for `name` given in any case.
    public func lookupSubcommand(of parent: CommandSpec, _ name: ByteString) -> CommandSpec? {
        let full = parent.name + "|" + Self.lowercased(name)
        return parent.subcommands.first { $0.name == full }
    }

    static func lowercased(_ name: ByteString) -> String {
        var bytes = name.bytes
        for i in bytes.indices where bytes[i] >= 65 && bytes[i] <= 90 { bytes[i] += 32 }
        return String(decoding: bytes, as: UTF8.self)
    }
}
