extension CommandTable {
    static let stringCommands: [CommandSpec] = stringGetSetCommands + stringCounterCommands + stringRangeCommands
}
