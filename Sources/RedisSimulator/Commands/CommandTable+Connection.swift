import RESP

extension CommandTable {
    static let connectionCommands: [CommandSpec] = connectionBasicCommands + clientCommands
}
