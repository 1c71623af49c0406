extension CommandTable {
    static let hashCommands: [CommandSpec] = []
}
