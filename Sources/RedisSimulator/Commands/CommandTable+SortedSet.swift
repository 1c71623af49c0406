extension CommandTable {
    static let sortedSetCommands: [CommandSpec] = []
}
