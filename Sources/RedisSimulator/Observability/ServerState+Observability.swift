import RESP

/// What every executed command leaves behind for the server's observers: the slow log, the
/// latency monitor and histograms, and the MONITOR stream (Redis's call() epilogue).
extension ServerState {
    /// Records a command `client` just ran for `nanoseconds`. Inlined for the common case, a
    /// command too quick for the slow log with no latency monitor and no MONITOR client: it
    /// only counts in its latency histogram.
    @inline(__always)
    func observeCall(_ spec: CommandSpec, _ args: [ByteString], client: SimulatorClient, now: Int64, nanoseconds: Int64) {
        let timing = config.commandTiming
        let slower = timing.slowlogSlowerThan
        if timing.latencyMonitorThreshold == 0, slower < 0 || nanoseconds / 1000 < slower, monitors.isEmpty {
            if timing.latencyTracking, client.blocked == nil { latency.recordCommand(spec, nanoseconds: nanoseconds) }
            return
        }
        observeCallFully(spec, args, client: client, now: now, nanoseconds: nanoseconds)
    }

    private func observeCallFully(_ spec: CommandSpec, _ args: [ByteString], client: SimulatorClient, now: Int64, nanoseconds: Int64) {
        let microseconds = nanoseconds / 1000
        let timing = config.commandTiming
        let threshold = timing.latencyMonitorThreshold
        if threshold > 0 {
            latency.addSampleIfNeeded(spec.flags.contains("fast") ? "fast-command" : "command",
                                      milliseconds: microseconds / 1000, threshold: threshold, now: now)
        }
        // A command that blocked is logged and timed when it is served (observeServedBlockedCommand).
        let blocked = client.blocked != nil
        if !blocked, timing.latencyTracking { latency.recordCommand(spec, nanoseconds: nanoseconds) }
        let slower = timing.slowlogSlowerThan
        // The threshold first: the flag search is paid only by a command slow enough to log.
        if !blocked, slower >= 0, microseconds >= slower {
            if !spec.flags.contains("skip_slowlog") {
                slowlog.add(spec.secrets.redacted(args), microseconds: microseconds, time: now / 1000, client: client,
                            maxLength: Int(clamping: config.integer("slowlog-max-len")))
            }
        }
        if !monitors.isEmpty, !spec.flags.contains("admin"), !spec.flags.contains("skip_monitor") {
            feedMonitors(spec, args, client: client)
        }
    }

    /// A blocked command just served: Redis counts it and offers it to the slow log now, with
    /// the time it spent running (not waiting), which is next to nothing here.
    func observeServedBlockedCommand(_ spec: CommandSpec, _ args: [ByteString], client: SimulatorClient, now: Int64) {
        guard !args.isEmpty else { return }
        if config.values["latency-tracking"] != "no" { latency.recordCommand(spec, nanoseconds: 0) }
        let slower = config.integer("slowlog-log-slower-than")
        if slower == 0 {
            slowlog.add(spec.secrets.redacted(args), microseconds: 0, time: now / 1000, client: client,
                        maxLength: Int(clamping: config.integer("slowlog-max-len")))
        }
    }

    /// Sends one MONITOR line to every monitoring client: the time, the database and the
    /// client's address (`lua` for a script's calls), then each argument quoted.
    func feedMonitors(_ spec: CommandSpec, _ args: [ByteString], client: SimulatorClient) {
        let micros = clock.nowMicroseconds()
        let origin = client.isScriptClient ? "lua" : client.address
        var line = "\(micros / 1_000_000).\(String(micros % 1_000_000).leftPadded(to: 6)) [\(client.databaseIndex) \(origin)]"
        for arg in spec.secrets.redacted(args) {
            line += " " + RESPQuoting.quoted(arg.bytes)
        }
        for monitor in monitors where monitor !== client && !monitor.isClosed {
            monitor.push(.simpleString(line))
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

extension ServerState {
    /// The `expire-cycle` latency event of an expiry sweep that took long enough.
    func recordExpireCycle(since started: Int64, now: Int64) {
        let threshold = config.integer("latency-monitor-threshold")
        guard threshold > 0 else { return }
        let milliseconds = (ScriptMonitor.monotonicNanoseconds() - started) / 1_000_000
        latency.addSampleIfNeeded("expire-cycle", milliseconds: milliseconds, threshold: threshold, now: now)
    }
}
