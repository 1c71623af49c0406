extension CommandTable {
    /// A command or `parent|sub` by name in any case, as ACL rules name them (Redis's
    /// ACLLookupCommand): nil for an unknown name or a `|` after a command without subcommands.
    func aclLookup(_ name: String) -> CommandSpec? {
        let parts = name.lowercased().split(separator: "|", omittingEmptySubsequences: false)
        guard let parent = commands[String(parts[0])] else { return nil }
        switch parts.count {
        case 1: return parent
        case 2: return parent.subcommands.first { $0.name == name.lowercased() }
        default: return nil
        }
    }

    /// The command or subcommand a command line names (Redis's lookupCommand): a container
    /// alone is itself; nil for an unknown command or subcommand.
    func lookupCommandLine(_ line: [ByteString]) -> CommandSpec? {
        guard let first = line.first, let parent = lookup(first) else { return nil }
        guard !parent.subcommands.isEmpty, line.count >= 2 else { return parent }
        return lookupSubcommand(of: parent, line[1])
    }
}
