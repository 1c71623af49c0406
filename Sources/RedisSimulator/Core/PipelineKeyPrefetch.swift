/// Starts the cache misses of a pipeline's key lookups before the commands run.
///
/// In a keyspace larger than the cache, each keyed command waits for two misses in a row: the
/// index entry of its key, then the slot that entry names. While command *i* runs, the index
/// entry of command *i + 2*'s key is loaded, and the slot of command *i + 1*'s (whose entry came
/// a command earlier), so a command's lookup mostly finds both in the cache. A hint only: a
/// command that changes the keyspace in between makes a prefetch useless, never wrong; after a
/// SELECT it stops; one command alone (no pipeline) is left as it is.
///
/// The key taken is the second argument, which is the first key of almost every keyed command:
/// finding the command's real key position costs more, per command, than a useless prefetch
/// for the few whose second argument is something else. It runs for every pipelined command,
/// so it reads everything borrowed: a retain and a release of the arguments or the database
/// cost as much as the misses it saves.
struct PipelineKeyPrefetch {
    /// The hash tag of the next command's key, its index entry already requested.
    private var following: UInt32?
    private var primed = false
    /// The client's database when the run began, held so that it outlives the run.
    private var database: Database?
    private var databaseNumber = -1
    /// `database`, read without a retain.
    private var table: Unmanaged<Database>?

    /// Called before the command at `index` of `commands` runs.
    @inline(__always)
    mutating func prepare(
        _ commands: ArraySlice<[ByteString]>, running index: Int, state: ServerState, client: SimulatorClient
    ) {
        if !primed {
            primed = true
            guard commands.count > 1, state.databases.indices.contains(client.databaseIndex) else { return }
            let database = state.databases[client.databaseIndex]
            self.database = database
            databaseNumber = client.databaseIndex
            table = Unmanaged.passUnretained(database)
            following = requestBucket(commands, at: index + 1)
        }
        guard table != nil, client.databaseIndex == databaseNumber else { return }
        let next = following
        following = requestBucket(commands, at: index + 2)
        if let next { table?._withUnsafeGuaranteedRef { $0.entries.prefetchSlot(tag: next) } }
    }

    /// Requests the index entry of the second argument of the command at `index`; returns its
    /// hash tag, or nil past the end or for a command with one argument.
    @inline(__always)
    private func requestBucket(_ commands: ArraySlice<[ByteString]>, at index: Int) -> UInt32? {
        guard index < commands.endIndex else { return nil }
        let tag: UInt32? = commands.withUnsafeBufferPointer { buffer in
            let args = buffer.baseAddress.unsafelyUnwrapped + (index - commands.startIndex)
            return args.pointee.count >= 2 ? KeyTable.tag(args.pointee[1]) : nil
        }
        guard let tag else { return nil }
        table?._withUnsafeGuaranteedRef { $0.entries.prefetchBucket(tag: tag) }
        return tag
    }
}
