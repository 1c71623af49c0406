extension CommandTable {
    static let blockingCommands: [CommandSpec] = []
}
