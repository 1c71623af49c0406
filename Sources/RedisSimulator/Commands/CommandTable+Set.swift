extension CommandTable {
    static let setCommands: [CommandSpec] = []
}
