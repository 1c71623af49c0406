extension CommandTable {
    /// Bitmaps, HyperLogLogs and geospatial indexes: Redis's structures built on strings and sorted sets.
    static let structureCommands: [CommandSpec] = bitmapCommands + hyperLogLogCommands + geoCommands
}
