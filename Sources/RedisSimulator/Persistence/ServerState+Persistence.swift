/// Saving the dataset to the RDB file and loading it back (SAVE, BGSAVE, DEBUG RELOAD, and
/// `serve --dir --dbfilename` at start).
extension ServerState {
    /// The RDB file's path: `dir` joined with `dbfilename`.
    var rdbPath: String {
        RDBFileStore.path(directory: config.values["dir"] ?? ".", fileName: config.values["dbfilename"] ?? "dump.rdb")
    }

    /// Every key of every database, with its expiry, and the function libraries.
    func snapshot() -> RDBSnapshot {
        var snapshot = RDBSnapshot()
        for db in databases where db.count > 0 {
            snapshot.databases[db.index] = db.entries.map { slot in
                RDBSnapshot.Entry(key: slot.key, value: slot.value, expiresAt: db.expireTime(of: slot.key))
            }
        }
        snapshot.functionLibraries = scripting?.functionLibraryCodes ?? []
        return snapshot
    }

    /// Writes the RDB file; on success the change counter restarts and LASTSAVE moves.
    func save(now: Int64) throws(RDBFileError) {
        var encoder = RDBValueEncoder()
        if let fill = config.values["list-max-listpack-size"].flatMap({ Int($0) }) { encoder.listFill = fill }
        let bytes = RDBFile.encode(snapshot(), now: now, usedMemory: estimatedMemoryUsage(), encoder: encoder)
        try RDBFileStore.save(bytes, to: rdbPath)
        persistence.dirty = 0
        persistence.lastSaveTime = now / 1000
        persistence.saves += 1
        persistence.lastSaveFailure = nil
    }

    /// Replaces the dataset with the RDB file's; false when there is no file. Keys already
    /// expired are skipped, as a primary skips them.
    @discardableResult
    func load(now: Int64) throws(RDBFileError) -> Bool {
        let path = rdbPath
        guard let bytes = try RDBFileStore.load(path) else { return false }
        try loadSnapshot(bytes, source: path, now: now, skipExpired: true)
        return true
    }

    /// Replaces the dataset with the RDB image `bytes` (a file's, or a primary's snapshot);
    /// `source` names it in errors. A primary skips keys already expired; a replica keeps
    /// them, as Redis's does, until its primary deletes them.
    func loadSnapshot(_ bytes: [UInt8], source path: String, now: Int64, skipExpired: Bool) throws(RDBFileError) {
        let snapshot: RDBSnapshot
        do {
            snapshot = try RDBFile.decode(bytes, limits: config.encodingLimits)
        } catch {
            throw RDBFileError(message: "Short read or OOM loading DB. Unrecoverable error, aborting now. (\(path): \(Self.describe(error)))")
        }
        if !snapshot.functionLibraries.isEmpty {
            guard let scripting else {
                throw RDBFileError(message: "\(path) holds function libraries, but no Lua engine is installed")
            }
            do {
                try scripting.replaceFunctionLibraries(snapshot.functionLibraries)
            } catch {
                throw RDBFileError(message: "Failed loading library in \(path): \(error.message)")
            }
        } else {
            try? scripting?.replaceFunctionLibraries([])
        }
        for db in databases { db.removeAll() }
        var loaded: Int64 = 0, expired: Int64 = 0
        for (index, entries) in snapshot.databases {
            let db = databases[index]
            for entry in entries {
                if skipExpired, let when = entry.expiresAt, when <= now {
                    expired += 1
                    continue
                }
                db.entries[entry.key] = entry.value
                if let when = entry.expiresAt { db.setExpireTime(when, for: entry.key) }
                loaded += 1
            }
        }
        persistence.dirty = 0
        persistence.lastLoadKeysLoaded = loaded
        persistence.lastLoadKeysExpired = expired
    }

    private static func describe(_ error: RDBFormatError) -> String {
        switch error {
        case .truncated: return "the file ends early"
        case .corrupt(let what): return what
        case .unsupportedType(let type): return "unsupported value type \(type) (module data)"
        }
    }
}
