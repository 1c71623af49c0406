extension CommandTable {
    static let listCommands: [CommandSpec] = []
}
