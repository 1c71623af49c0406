import RESP

/// What a `ScriptWaiter` may do from a busy script's hook, under the lock the script holds:
/// run a client's commands with Redis's rules for a timed-out script, or open a client.
public struct ScriptBusyAccess: @unchecked Sendable {
    let state: ServerState

    /// Runs `commands` for `client` in order as Redis does while a script is busy: commands
    /// flagged `allow_busy` (SCRIPT KILL, MULTI, WATCH, AUTH, …) run, the others get BUSY.
    /// Stops after a command that asks to close the client; `each` gets every result.
    /// Returns how many ran (none for a client that was closed).
    public func run(
        _ commands: ArraySlice<[ByteString]>, for client: SimulatorClient, each: (ExecutionResult) -> Void
    ) -> Int {
        guard !client.isClosed else { return 0 }
        var ran = 0
        for command in commands {
            each(state.process(command, from: client, whileScriptBusy: true))
            ran += 1
            if client.closeAfterReply { break }
        }
        return ran
    }

    /// Opens a new client session, as `Simulator.connect` does.
    public func connect() -> SimulatorClient { state.connectClient() }
}
