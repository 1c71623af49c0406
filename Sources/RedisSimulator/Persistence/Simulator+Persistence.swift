extension Simulator {
    /// Sets where SAVE writes and the start loads from (`dir` and `dbfilename`, which CONFIG
    /// SET refuses as Redis 7.0 protects them). `directory` should be absolute, as Redis reports it.
    public func configurePersistence(directory: String, fileName: String) {
        withLock { state in
            state.config.values["dir"] = directory
            state.config.values["dbfilename"] = fileName
        }
    }

    /// Loads the RDB file at `dir`/`dbfilename` in place of the dataset; false when there is
    /// no such file (the dataset is then left empty, as redis-server starts).
    @discardableResult
    public func loadRDBFile() throws(RDBFileError) -> Bool {
        let outcome = withLock { state in
            Result { () throws(RDBFileError) in try state.load(now: state.clock.nowMilliseconds()) }
        }
        return try outcome.get()
    }

    /// The file SAVE writes.
    public var rdbFilePath: String { withLock { $0.rdbPath } }
}
