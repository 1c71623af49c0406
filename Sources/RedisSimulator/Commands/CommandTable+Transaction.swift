extension CommandTable {
    static let transactionCommands: [CommandSpec] = []
}
