extension CommandTable {
    static let serverCommands: [CommandSpec] = infoCommands + configCommands + commandCommands + waitCommands + dumpCommands
        + saveCommands + replicationCommands + syncCommands + aclCommands + lolwutCommands + migrateCommands
        + shutdownCommands
}
