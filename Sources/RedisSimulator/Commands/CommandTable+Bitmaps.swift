extension CommandTable {
    static let bitmapCommands: [CommandSpec] = bitmapBitCommands + bitmapCountCommands + bitmapOpCommands + bitmapFieldCommands
}
