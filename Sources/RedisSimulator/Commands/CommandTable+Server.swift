extension CommandTable {
    static let serverCommands: [CommandSpec] = []
}
