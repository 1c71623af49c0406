extension CommandTable {
    static let scriptingCommands: [CommandSpec] = []
}
