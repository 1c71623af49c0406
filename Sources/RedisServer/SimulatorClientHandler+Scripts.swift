import NIOCore
import RESP
import RedisSimulator

/// How a connection's wait for a script ended.
enum ScriptWaitOutcome: Sendable {
    /// Commands ran (on the script thread, or from a busy script's hook): how many, the
    /// messages posted to the client before they ran, and their results.
    case ran(Int, earlier: [[UInt8]], results: [ExecutionResult])
    /// The script ended before serving them: run them again the ordinary way.
    case retry
    /// Another connection closed this client (CLIENT KILL) before its command could run.
    case killed
}

extension SimulatorClientHandler {
    /// Runs a command that may run a script (EVAL, EXEC) on the script thread, holding back
    /// this connection's later commands until it answers, as Redis would.
    func runOnScriptThread(_ command: [ByteString], for client: SimulatorClient) {
        guard let connection else { return }
        waitingForScript = true
        let bound = NIOLoopBound(self, eventLoop: connection.loop)
        let loop = connection.loop
        let simulator = simulator
        let mailbox = mailbox
        scriptThread.submit {
            var earlier: [[UInt8]] = []
            var results: [ExecutionResult] = []
            let ran = simulator.execute(pipeline: [command][...], for: client) { result in
                if results.isEmpty { mailbox.collect(into: &earlier) }
                results.append(result)
            }
            let outcome: ScriptWaitOutcome = ran == 0 ? .killed : .ran(ran, earlier: earlier, results: results)
            loop.execute { bound.value.finishWaitingForScript(outcome) }
        }
    }

    /// Leaves `pending` (the commands at `nextCommand`) with the script that holds the
    /// simulator: its hook runs them with Redis's busy rules once it is busy; if it ends first,
    /// they run the ordinary way.
    func waitForScript(running pending: [[ByteString]], for client: SimulatorClient) {
        guard let connection else { return }
        let bound = NIOLoopBound(self, eventLoop: connection.loop)
        let loop = connection.loop
        let mailbox = mailbox
        let waiter = ScriptWaiter(
            whileBusy: { access in
                var earlier: [[UInt8]] = []
                var results: [ExecutionResult] = []
                let ran = access.run(pending[...], for: client) { result in
                    if results.isEmpty { mailbox.collect(into: &earlier) }
                    results.append(result)
                }
                let outcome: ScriptWaitOutcome = ran == 0 ? .killed : .ran(ran, earlier: earlier, results: results)
                loop.execute { bound.value.finishWaitingForScript(outcome) }
            },
            afterScript: { loop.execute { bound.value.finishWaitingForScript(.retry) } })
        waitingForScript = true
        if !simulator.waitForScript(waiter) {
            // The script ended meanwhile: nothing waits.
            waitingForScript = false
        }
    }

    /// Writes what ran while this connection waited, and goes on with its queue.
    func finishWaitingForScript(_ outcome: ScriptWaitOutcome) {
        waitingForScript = false
        guard let client, !closing else { return }
        switch outcome {
        case .killed:
            closeKilledConnection()
            return
        case .retry:
            break
        case .ran(let ran, let earlier, let results):
            writeMessages(earlier)
            nextCommand += ran
            for result in results { writeResult(result) }
            guard finishRun(for: client) else { return }
        }
        process()
        flush()
    }
}
