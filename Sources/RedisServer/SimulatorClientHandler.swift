import NIOCore
import RESP
import RedisSimulator

/// Runs one connection's commands on the simulator, in order: the requests of one read run
/// together under one acquisition of the simulator's lock and are answered in one write; a
/// blocked command holds back the commands behind it (as Redis does) without holding the event
/// loop; pushes from other clients are written as they come.
///
/// Scripts never run on an event loop: EVAL and EXEC go to the server's script thread, and a
/// connection that finds the simulator held by a script leaves its commands with the script
/// (`ScriptWaiter`) and returns to its loop. Redis serves clients from a busy script's hook
/// because it has one thread; serve's loops are not re-entered from a hook, so the script
/// runs beside them, its hook answers what Redis answers while busy (BUSY, SCRIPT KILL,
/// MULTI), and every other connection keeps being read and written meanwhile.
final class SimulatorClientHandler: ServeConnectionHandler {
    /// The most requests held before running them, however many one read brings.
    static let pipelineLimit = 1024

    let simulator: Simulator
    /// The simulator's command table, read for every request.
    let commandTable: CommandTable
    var decoder = RESPRequestDecoder()
    /// Bytes read but not yet decoded: the start of a request still arriving.
    var unread: ByteBuffer?
    /// The last read's buffer once everything in it was decoded, kept for the next read.
    var spareInput: ByteBuffer?
    /// Whether the client has authenticated, which sets the decoder's size limits.
    var authenticated = true
    /// The connection limits as this connection last read them.
    var limitsCache = CachedConnectionLimits()
    let onShutdown: @Sendable () -> Void
    var client: SimulatorClient?
    /// The connection spoken on; nil once it closed.
    var connection: ServeConnection?
    var outgoing: ByteBuffer
    /// Commands read but not yet run, from `nextCommand` on: those of the current read, and any
    /// behind a blocked command or after QUIT. One array, so that a run hands the simulator a
    /// slice of it and copies nothing.
    var commands: [[ByteString]] = []
    /// What the handler needs of each command in `commands`, found once as it is read.
    var traits: [CommandTraits] = []
    /// The command name last looked up for its traits, and what it found.
    var lastLookupName = ByteString("")
    var lastLookupTraits: CommandTraits?
    var nextCommand = 0
    /// A protocol error read after `commands`; the decoder reads nothing after one.
    var protocolError: String?
    var blocked = false
    var closing = false
    /// True while this client's own commands run: pushes they cause (extra SUBSCRIBE
    /// confirmations) are written after the reply of the command that caused them.
    var executing = false
    /// Those pushes of the command running, written after its reply.
    var pushesDuringCommand: [[UInt8]] = []
    /// Messages from other clients' commands, waiting for this connection's event loop.
    let mailbox = PushMailbox()
    /// This connection's event loop's delivery of mailboxes.
    let delivery: LoopPushDelivery
    /// True while what `outgoing` holds waits for the flush at the end of the loop's turn.
    var flushDue = false
    /// The messages of the latest mailbox collection, kept to reuse its capacity.
    var collected: [[UInt8]] = []
    /// Runs EVAL and EXEC off the event loops.
    let scriptThread: ScriptThread
    /// True while this connection waits for a script: its own, on the script thread, or
    /// another client's, which holds the simulator.
    var waitingForScript = false
    /// True once this connection sent a command that may run a script (EVAL, FCALL, …) since its
    /// last EXEC, DISCARD or RESET: only then may its EXEC run a script and go to the
    /// script thread. Any other EXEC runs on the event loop, keeping its place among other
    /// clients' commands (a later client's LPUSH must not overtake it).
    var transactionMayRunScripts = false
    /// The unsent bytes and writes last recorded on the client's gauge.
    var recordedPending = (bytes: 0, writes: 0)
    /// When the unsent bytes first passed the soft output limit (monotonic seconds), if they are over it.
    var outputSoftLimitSince: Int64?

    init(
        connection: ServeConnection, simulator: Simulator, scriptThread: ScriptThread, delivery: LoopPushDelivery,
        onShutdown: @escaping @Sendable () -> Void
    ) {
        self.connection = connection
        self.simulator = simulator
        commandTable = simulator.commandTable
        self.scriptThread = scriptThread
        self.delivery = delivery
        self.onShutdown = onShutdown
        outgoing = ByteBufferAllocator().buffer(capacity: 1024)
    }

    /// Starts reading the connection and opens its client session; on its loop.
    func start() {
        connection?.open(self)
        connect()
    }

    /// Opens this connection's client session, once no script holds the simulator (or the
    /// busy script's hook opens it).
    func connect() {
        guard client == nil, let connection else { return }
        if let client = simulator.connectUnlessScriptRuns() {
            attach(client)
            return
        }
        let bound = NIOLoopBound(self, eventLoop: connection.loop)
        let loop = connection.loop
        let waiter = ScriptWaiter(
            whileBusy: { access in
                let client = access.connect()
                loop.execute { bound.value.attach(client) }
            },
            afterScript: { loop.execute { bound.value.connect() } })
        if !simulator.waitForScript(waiter) { loop.execute { bound.value.connect() } }
    }

    /// Takes `client` as this connection's session and runs what arrived meanwhile.
    func attach(_ client: SimulatorClient) {
        guard let connection, connection.isOpen, self.client == nil else {
            simulator.disconnectWithoutWaiting(client)
            return
        }
        if let remote = connection.address(remote: true) { client.address = remote }
        if let local = connection.address(remote: false) { client.localAddress = local }
        let loop = connection.loop
        let bound = NIOLoopBound(self, eventLoop: loop)
        // These handlers run under the simulator's lock, possibly on another thread: they only
        // hand their work to this connection's event loop.
        client.honoursReplyMode = true
        installPushHandler(on: client, loop: loop)
        client.deferredReplyHandler = { value in
            loop.execute { bound.value.deliverDeferredReply(value) }
        }
        client.closeHandler = {
            loop.execute { bound.value.closeKilledConnection() }
        }
        authenticated = client.isAuthenticated
        self.client = client
        process()
        flush()
    }

    /// Reads once, appending to what waits undecoded, as Redis's readQueryFromClient does;
    /// runs what is complete and leaves the replies for the end of the loop's turn.
    func connectionReadable() {
        guard let connection else { return }
        // The buffers move in and out of their properties (`take`, `consume`) rather than being
        // copied: each copy of a ByteBuffer is a retain and a release of its storage, on every read.
        var input = unread.take() ?? spareInput.take() ?? ByteBufferAllocator().buffer(capacity: ServeConnection.readSize)
        spareInput = nil
        switch connection.read(into: &input) {
        case .ended:
            connection.close()
            return
        case .wouldBlock:
            if input.readableBytes > 0 { unread = consume input } else { spareInput = consume input }
            return
        case .read:
            // A connection closing after its reply reads on only to see the end.
            guard !closing else { return }
            unread = consume input
        }
        // Until the session opens (a script held the simulator), bytes wait undecoded: the
        // decoder's limits depend on whether the client must authenticate.
        if client != nil {
            let limits = currentLimits()
            decodeUnread(limits)
            if let waiting = unread?.readableBytes, Int64(waiting) > limits.queryBufferLimit {
                // Redis closes such a client without a reply ("reached max query buffer length").
                closeKilledConnection()
                return
            }
        }
        process()
        flushAtEndOfTurn()
    }

    func connectionWroteQueued() {
        guard let connection else { return }
        recordPending(on: connection)
    }

    /// Sends what `outgoing` holds once the loop's turn has read every ready connection, as
    /// Redis writes its clients in `beforeSleep`. Flushed after each read instead, a pipelining
    /// client is woken once per connection, finds one reply, sends again and sleeps; the
    /// wake-ups, not the writes, were most of serve's kernel time under `redis-benchmark -P`.
    func flushAtEndOfTurn() {
        guard !flushDue, outgoing.readableBytes > 0, !closing else { return }
        flushDue = true
        delivery.flushAtEndOfTurn(self)
    }

    /// The loop's turn is over: sends what waited for it.
    func turnEnded() {
        flushDue = false
        flush()
    }

    /// Decodes and runs requests until the client blocks, waits, closes or has nothing
    /// complete left.
    func process() {
        let limits = currentLimits()
        while client != nil {
            runQueued()
            guard !blocked, !waitingForScript, !closing, decodeUnread(limits) else { return }
        }
    }

    /// Decodes requests from `unread` while fewer than `pipelineLimit` wait to run, running
    /// at once those that change how the next is read. The input of a client that cannot run
    /// its commands (blocked, or behind a script) so stays in bytes, bounded by
    /// `client-query-buffer-limit`, rather than growing as decoded commands. Returns whether
    /// it decoded anything.
    @discardableResult
    func decodeUnread(_ limits: ConnectionLimits) -> Bool {
        guard var input = unread.take() else { return false }
        var decoded = false
        reading: while commands.count - nextCommand < Self.pipelineLimit, !closing,
            let frame = decoder.next(from: &input, authenticated: authenticated, maxBulkLength: limits.maxBulkLength)
        {
            decoded = true
            // Consumed, so the arguments move into the queue without a copy of the array.
            switch consume frame {
            case .command(let arguments):
                let found = commandTraits(of: arguments)
                commands.append(arguments)
                traits.append(found)
                if !authenticated || found.contains(.changesAuthentication) {
                    runQueued()
                    // Its effect on the limits must be known before the next request is read.
                    if nextCommand < commands.count { break reading }
                }
            case .protocolError(let message):
                protocolError = message
                runQueued()
            }
        }
        guard input.readableBytes > 0 else {
            // Its storage serves the next read, unless a big argument grew it.
            if input.capacity <= Self.retainedInputCapacity {
                input.clear()
                spareInput = consume input
            }
            return decoded
        }
        // Compact only when that moves fewer bytes than it frees: a big argument arriving in
        // pieces is never moved again and again.
        if input.readerIndex >= input.readableBytes { input.discardReadBytes() }
        if let awaited = decoder.bytesAwaited, awaited >= Self.bigArgument, awaited > Int64(input.readableBytes) {
            // As Redis does for big arguments: room for the whole argument at once, instead
            // of doubling copies of a growing buffer.
            input.reserveCapacity(minimumWritableBytes: Int(awaited) - input.readableBytes)
        }
        unread = consume input
        return decoded
    }

    /// The limits CONFIG sets on connections, as they are now.
    func currentLimits() -> ConnectionLimits { simulator.connectionLimits(through: &limitsCache) }

    /// The traits of the command `arguments` names. The name last looked up is remembered: a
    /// pipeline mostly repeats one command, and comparing the name costs a tenth of the lookup.
    private func commandTraits(of arguments: [ByteString]) -> CommandTraits {
        guard let name = arguments.first else { return CommandTraits(arguments, in: commandTable) }
        if let last = lastLookupTraits, lastLookupName == name { return last }
        let found = CommandTraits(arguments, in: commandTable)
        lastLookupName = name
        lastLookupTraits = found
        return found
    }

    /// The most output buffer capacity a connection keeps between flushes (Redis's
    /// PROTO_REPLY_CHUNK_BYTES): a bigger one goes with the reply that grew it.
    static let retainedOutputCapacity = 16 * 1024

    /// The most input buffer capacity kept for the next read.
    static let retainedInputCapacity = 64 * 1024

    /// Redis's PROTO_MBULK_BIG_ARG: arguments this long get their room made at once.
    static let bigArgument: Int64 = 32 * 1024

    func connectionClosed() {
        connection = nil
        dropUnrunRequests()
        // A request cut off by the client closing is dropped with these bytes, as Redis drops it.
        unread = nil
        spareInput = nil
        if let client {
            client.wirePushHandler = nil
            client.deferredReplyHandler = nil
            client.closeHandler = nil
            simulator.disconnectWithoutWaiting(client)
        }
        client = nil
    }

    /// True when the command at `index` may run a script, which must run on the script thread.
    private func runsScripts(at index: Int) -> Bool {
        let found = traits[index]
        return found.contains(.executesQueue) ? transactionMayRunScripts : found.contains(.runsScripts)
    }

    /// Follows what the commands about to run do to `transactionMayRunScripts`.
    private func noteTransactionScripts(_ range: Range<Int>) {
        for index in range {
            if traits[index].contains(.endsTransaction) {
                transactionMayRunScripts = false
            } else if traits[index].contains(.runsScripts) {
                transactionMayRunScripts = true
            }
        }
    }

    /// Runs queued requests until none is left, the client blocks or waits for a script, or
    /// the connection closes: ordinary commands in runs, each run under one lock; a protocol
    /// error and the commands that run scripts alone.
    func runQueued() {
        while !blocked, !closing, !waitingForScript, let client {
            guard nextCommand < commands.count else {
                decoder.recycle(&commands)
                traits.removeAll(keepingCapacity: true)
                nextCommand = 0
                if let message = protocolError {
                    protocolError = nil
                    answerProtocolError(message)
                }
                return
            }
            if runsScripts(at: nextCommand) {
                let first = commands[nextCommand]
                noteTransactionScripts(nextCommand..<nextCommand + 1)
                // The script thread is taken while a script runs: a second EVAL or an EXEC
                // waits for that script like any other command (and gets BUSY once it is busy).
                if simulator.scriptIsRunning {
                    waitForScript(running: [first], for: client)
                } else {
                    runOnScriptThread(first, for: client)
                }
                continue
            }
            // Scripts end a run: a script must not run on the event loop.
            var end = nextCommand + 1
            while end < commands.count, !runsScripts(at: end) { end += 1 }
            noteTransactionScripts(nextCommand..<end)
            executing = true
            var answered = false
            // Each reply is encoded into `outgoing` as its command ends, under the lock: one
            // pass over it, rather than a copy kept for after the run. Nothing is written to
            // the channel before `flush`, on this loop.
            let progress = simulator.serve(pipeline: commands[nextCommand..<end], for: client) { result in
                // Messages posted before this run happened before it, so they go out before
                // its replies.
                if !answered {
                    answered = true
                    writeMailbox()
                }
                writeResult(result)
            }
            executing = false
            writePushesDuringCommand()
            nextCommand += progress.ran
            if progress.ran == 0, !progress.heldByScript {
                // CLIENT KILL from another connection closed this client before it could run.
                closeKilledConnection()
                return
            }
            guard finishRun(for: client) else { return }
            if progress.heldByScript, !blocked, !closing {
                waitForScript(running: Array(commands[nextCommand..<end]), for: client)
            }
        }
        // Behind a blocked command, drop what already ran rather than keep it to the end.
        if nextCommand >= Self.pipelineLimit {
            commands.removeFirst(nextCommand)
            traits.removeFirst(nextCommand)
            nextCommand = 0
        }
    }

    private func dropUnrunRequests() {
        commands.removeAll()
        traits.removeAll()
        nextCommand = 0
        protocolError = nil
    }

    /// Writes what one command answered, then the pushes it caused.
    func writeResult(_ result: ExecutionResult) {
        switch result {
        case .reply(let reply): outgoing.writeRESPValue(reply)
        case .replies(let replies): for reply in replies { outgoing.writeRESPValue(reply) }
        case .blocked: blocked = true
        case .snapshot(let header, let rdb):
            if let header { outgoing.writeRESPValue(header) }
            outgoing.writeString("$\(rdb.count)\r\n")
            outgoing.writeBytes(rdb)
        }
        writePushesDuringCommand()
    }

    /// Writes the pushes this client's command caused, which follow its reply.
    @inline(__always)
    func writePushesDuringCommand() {
        guard !pushesDuringCommand.isEmpty else { return }
        writeEachPushDuringCommand()
    }

    private func writeEachPushDuringCommand() {
        for push in pushesDuringCommand { outgoing.writeEncoded(push) }
        pushesDuringCommand.removeAll(keepingCapacity: true)
    }

    /// Redis answers a protocol error and closes the connection.
    private func answerProtocolError(_ message: String) {
        // Redis sends protocol errors through addReplyError, which gives them the ERR code.
        outgoing.writeRESPValue(.error("ERR " + message))
        closeAfterFlush()
    }

    /// Follows what a run of `client`'s commands, whose replies are written, asked of the
    /// connection: false once the server shuts down.
    func finishRun(for client: SimulatorClient) -> Bool {
        authenticated = client.isAuthenticated
        if client.requestsShutdown {
            shutDown()
            return false
        }
        if client.closeAfterReply { closeAfterFlush() }
        return true
    }

    /// A SHUTDOWN the simulator accepted: Redis exits, dropping replies not yet written.
    func shutDown() {
        closing = true
        connection?.close()
        onShutdown()
    }

    /// CLIENT KILL from another connection: Redis closes at once, dropping unsent replies.
    func closeKilledConnection() {
        guard !closing else { return }
        closing = true
        dropUnrunRequests()
        outgoing.clear()
        connection?.close()
    }

    func deliverDeferredReply(_ value: RESPValue) {
        guard client != nil, blocked, !closing else { return }
        blocked = false
        outgoing.writeRESPValue(value)
        process()
        flush()
    }

    func flush() {
        guard let connection, outgoing.readableBytes > 0, !closing else { return }
        // Redis judges its limit once a reply is in the client's buffer, before any of it is
        // written: a reply bigger than the hard limit drops the client with nothing sent.
        guard !exceedsOutputBufferLimit(pending: connection.queuedBytes + outgoing.readableBytes) else {
            outgoing.clear()
            closing = true
            connection.close()
            return
        }
        connection.send(&outgoing)
        if outgoing.capacity > Self.retainedOutputCapacity || outgoing.capacity == 0 {
            outgoing = ByteBufferAllocator().buffer(capacity: 1024)
        }
        recordPending(on: connection)
    }

    /// Sets the client's gauge (CLIENT LIST's `omem` and `oll`, INFO's peak) to what `connection`
    /// has not written yet. Nothing else sets it, so the same figures as last time are skipped:
    /// after most flushes both are 0 again, and the call and its references cost every request.
    func recordPending(on connection: ServeConnection) {
        let bytes = connection.queuedBytes, writes = connection.queuedWrites
        guard bytes != recordedPending.bytes || writes != recordedPending.writes, let client else { return }
        recordedPending = (bytes, writes)
        client.outputBuffer.record(pendingBytes: bytes, pendingWrites: writes)
    }

    /// Redis's client-output-buffer-limit: a client that does not read its replies (a stalled
    /// subscriber) is disconnected at the hard limit, or once it has stayed over the soft limit
    /// for more than the soft limit's seconds; what it had not read is dropped.
    func exceedsOutputBufferLimit(pending: Int) -> Bool {
        guard let client else { return false }
        let limits = currentLimits()
        let limit = client.outputBuffer.isPubSub ? limits.pubsubOutput : limits.normalOutput
        return limit.isExceeded(
            pending: pending, nowSeconds: Int64(NIODeadline.now().uptimeNanoseconds / 1_000_000_000),
            softSince: &outputSoftLimitSince)
    }

    func closeAfterFlush() {
        closing = true
        guard let connection else { return }
        connection.sendThenClose(&outgoing)
        // Until the last byte goes, CLIENT LIST shows what waits, as for any other client.
        recordPending(on: connection)
    }
}
