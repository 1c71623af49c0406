import RESP

/// What a command handler sees: its arguments, its client, the client's database and the time.
///
/// Handlers run with the simulator's lock held, so they may read and change any state directly.
public struct CommandContext {
    let server: ServerState
    /// The client that sent the command.
    public let client: SimulatorClient
    /// The arguments, the command name first.
    public let args: [ByteString]
    /// The client's selected database.
    public let db: Database
    /// The simulator clock's time when the command started, in Unix milliseconds (fixed for the
    /// whole command, as Redis fixes it, so a script or MULTI sees one instant).
    public let now: Int64
    /// The spec being run.
    public let spec: CommandSpec

    /// The argument at `index` (0 is the command name).
    public subscript(index: Int) -> ByteString { args[index] }

    /// The number of arguments, the name included.
    public var count: Int { args.count }
}
