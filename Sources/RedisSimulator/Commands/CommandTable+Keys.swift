extension CommandTable {
    static let keyCommands: [CommandSpec] =
        keyBasicCommands + keyRenameCommands + keyExpireCommands + keyScanCommands + keyObjectCommands
        + keyDatabaseCommands
}
