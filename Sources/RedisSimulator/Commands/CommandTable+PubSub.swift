extension CommandTable {
    static let pubSubCommands: [CommandSpec] = []
}
