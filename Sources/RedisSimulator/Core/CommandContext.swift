import RESP

/// What a command handler sees: its arguments, its client, the client's database and the time.
///
/// Handlers run with the simulator's lock held, so they may read and change any state directly.
///
/// A context lives only while its command runs, and everything it points to outlives that: the
/// server and its 16 databases live as long as the simulator, specs as long as the command
/// table, and the client is held by its connection until the command returns. So the
/// references are unowned, sparing every command the reference counting of each context copy.
public struct CommandContext {
    unowned(unsafe) let server: ServerState
    /// The client that sent the command.
    public unowned(unsafe) let client: SimulatorClient
    /// The arguments, the command name first.
    public let args: [ByteString]
    /// The client's selected database.
    public unowned(unsafe) let db: Database
    /// The simulator clock's time when the command started, in Unix milliseconds (fixed for the
    /// whole command, as Redis fixes it, so a script or MULTI sees one instant).
    public let now: Int64
    /// The spec being run.
    public unowned(unsafe) let spec: CommandSpec

    /// The argument at `index` (0 is the command name).
    public subscript(index: Int) -> ByteString { args[index] }

    /// The number of arguments, the name included.
    public var count: Int { args.count }
}
