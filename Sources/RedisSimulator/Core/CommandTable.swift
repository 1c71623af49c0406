/// Every command the simulator knows, by lowercase name. Each command family registers its
/// specs in its own file (`CommandTable+Strings.swift`, …); this list joins them.
///
/// A class: the server reads it for every request, and a struct of five collections would be
/// retained and released five times on each read.
public final class CommandTable: Sendable {
    /// Specs by lowercase name.
    public let commands: [String: CommandSpec]
    /// Specs by name as clients send it, in any case, found without building a String.
    private let byWireName: CommandNameIndex
    /// Every command and subcommand, parents before their subcommands, by name: what ACL
    /// categories and rules range over.
    let allSpecs: [CommandSpec]
    /// The full names of `allSpecs`.
    let allCommandNames: Set<String>

    init(_ specs: [CommandSpec]) {
        var byName: [String: CommandSpec] = [:]
        for spec in specs {
            precondition(byName[spec.name] == nil, "command \(spec.name) registered twice")
            byName[spec.name] = spec
        }
        commands = byName
        byWireName = CommandNameIndex(specs)
        allSpecs = byName.keys.sorted().flatMap { name in
            [byName[name]!] + byName[name]!.subcommands.sorted { $0.name < $1.name }
        }
        allCommandNames = Set(allSpecs.map(\.name))
    }

    /// The table of Redis 7.0's commands that the simulator implements.
    public static let standard = CommandTable(
        connectionCommands + serverCommands + keyCommands + stringCommands + listCommands
            + hashCommands + setCommands + sortedSetCommands + streamCommands + pubSubCommands
            + transactionCommands + blockingCommands + scriptingCommands + structureCommands
            + functionCommands + clusterCommands + moduleCommands + coreCommands)

    /// The spec for a command name given in any case.
    public func lookup(_ name: ByteString) -> CommandSpec? {
        if let spec = byWireName.lookup(name) { return spec }
        // Only a name too long for any command's is left to find by String.
        return name.count > ByteString.inlineCapacity ? commands[Self.lowercased(name)] : nil
    }

    /// The subcommand spec of `parent` for `name` given in any case.
    public func lookupSubcommand(of parent: CommandSpec, _ name: ByteString) -> CommandSpec? {
        let full = parent.name + "|" + Self.lowercased(name)
        return parent.subcommands.first { $0.name == full }
    }

    static func lowercased(_ name: ByteString) -> String {
        // Built in place: command names are short, so this neither copies nor allocates.
        name.withUnsafeBytes { raw in
            String(unsafeUninitializedCapacity: raw.count) { buffer in
                for i in 0..<raw.count {
                    let c = raw[i]
                    buffer[i] = c >= 65 && c <= 90 ? c + 32 : c
                }
                return raw.count
            }
        }
    }
}
