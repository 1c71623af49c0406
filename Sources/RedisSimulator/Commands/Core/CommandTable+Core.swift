/// The rest of Redis 7.0's core command surface, each family in its own file of this folder.
extension CommandTable {
    static let coreCommands: [CommandSpec] = memoryCommands + sortCommands + moveCommands + lcsCommands
        + observabilityCommands + blockingMultiPopCommands
}
