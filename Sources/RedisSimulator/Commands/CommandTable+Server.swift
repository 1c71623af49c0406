extension CommandTable {
    static let serverCommands: [CommandSpec] = infoCommands + configCommands + commandCommands + waitCommands + aclCommands
}
