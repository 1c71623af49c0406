extension CommandTable {
    static let streamCommands: [CommandSpec] = []
}
