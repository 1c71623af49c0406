import RESP

/// SLOWLOG, LATENCY and MONITOR: how a server shows what it has been running.
extension CommandTable {
    static let observabilityCommands: [CommandSpec] = [
        CommandSpec("slowlog", arity: -2, flags: [], categories: ["@slow"], subcommands: [
            CommandSpec("slowlog|get", arity: -2, flags: ["admin", "loading", "stale"], categories: ["@admin", "@slow", "@dangerous"]) { ctx in
                var count: Int64 = 10
                if ctx.count == 3 {
                    count = try ctx.integer(at: 2, in: -1...Int64.max, message: "ERR count should be greater than or equal to -1")
                    if count == -1 { count = Int64.max }
                } else if ctx.count > 3 {
                    throw RedisError.subcommandSyntax(ctx)
                }
                return .array(ctx.server.slowlog.entries.prefix(Int(clamping: count)).map(\.reply))
            },
            CommandSpec("slowlog|len", arity: 2, flags: ["admin", "loading", "stale"], categories: ["@admin", "@slow", "@dangerous"]) { ctx in
                .integer(Int64(ctx.server.slowlog.entries.count))
            },
            CommandSpec("slowlog|reset", arity: 2, flags: ["admin", "loading", "stale"], categories: ["@admin", "@slow", "@dangerous"]) { ctx in
                ctx.server.slowlog.reset()
                return .ok
            },
            CommandSpec("slowlog|help", arity: 2, flags: ["loading", "stale"], categories: ["@slow"]) { _ in
                CommandTable.helpReply("SLOWLOG", [
                    "GET [<count>]",
                    "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
                    "    Entries are made of:",
                    "    id, timestamp, time in microseconds, arguments array, client IP and port,",
                    "    client name",
                    "LEN",
                    "    Return the length of the slowlog.",
                    "RESET",
                    "    Reset the slowlog.",
                ])
            },
        ]) { _ in .ok },
        CommandSpec("latency", arity: -2, flags: [], categories: ["@slow"], subcommands: [
            latencySpec("latency|latest", arity: 2) { ctx in
                .array(ctx.server.latency.events.map { event in
                    let last = event.series.samples.last ?? LatencyMonitor.Sample(time: 0, latency: 0)
                    return .array([.bulk(event.name), .integer(last.time), .integer(last.latency), .integer(event.series.max)])
                })
            },
            latencySpec("latency|history", arity: 3) { ctx in
                let samples = ctx.server.latency.series(ctx[2].string)?.samples ?? []
                return .array(samples.map { .array([.integer($0.time), .integer($0.latency)]) })
            },
            latencySpec("latency|reset", arity: -2) { ctx in
                guard ctx.count > 2 else { return .integer(Int64(ctx.server.latency.reset(nil))) }
                var resets = 0
                for name in ctx.args.dropFirst(2) { resets += ctx.server.latency.reset(name.string) }
                return .integer(Int64(resets))
            },
            latencySpec("latency|doctor", arity: 2) { ctx in
                .verbatim(ctx.server.latencyDoctorReport(now: ctx.now))
            },
            latencySpec("latency|graph", arity: 3) { ctx in
                let event = ctx[2].string
                guard let series = ctx.server.latency.series(event) else {
                    throw RedisError("ERR No samples available for event '\(ctx[2].errorText)'")
                }
                return .verbatim(latencyGraph(event, series, now: ctx.now))
            },
            latencySpec("latency|histogram", arity: -2) { ctx in
                let histograms = ctx.server.latency.histograms
                if ctx.count == 2 {
                    return .map(fields: histograms.keys.sorted().compactMap { name in histograms[name].map { (name, $0.reply) } })
                }
                // Named commands, a container meaning all its subcommands; unknown names skipped.
                var pairs: [(String, RESPValue)] = []
                var seen: Set<String> = []
                for argument in ctx.args.dropFirst(2) {
                    let name = CommandTable.lowercased(argument)
                    var names: [String] = []
                    if let spec = ctx.server.table.commands[name] {
                        names = spec.subcommands.isEmpty ? [spec.name] : spec.subcommands.map(\.name)
                    } else if name.contains("|"), let parent = ctx.server.table.commands[String(name.prefix { $0 != "|" })],
                              parent.subcommands.contains(where: { $0.name == name }) {
                        names = [name]
                    }
                    for full in names where seen.insert(full).inserted {
                        if let histogram = histograms[full] { pairs.append((full, histogram.reply)) }
                    }
                }
                return .map(fields: pairs)
            },
            CommandSpec("latency|help", arity: 2, flags: ["loading", "stale"], categories: ["@slow"]) { _ in
                CommandTable.helpReply("LATENCY", [
                    "DOCTOR",
                    "    Return a human readable latency analysis report.",
                    "GRAPH <event>",
                    "    Return an ASCII latency graph for the <event> class.",
                    "HISTORY <event>",
                    "    Return time-latency samples for the <event> class.",
                    "LATEST",
                    "    Return the latest latency samples for all events.",
                    "RESET [<event> ...]",
                    "    Reset latency data of one or more <event> classes.",
                    "    (default: reset all data for all event classes)",
                    "HISTOGRAM [COMMAND ...]",
                    "    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.",
                    "    If no commands are specified then all histograms are replied.",
                ])
            },
        ]) { _ in .ok },
        CommandSpec("monitor", arity: 1, flags: ["admin", "noscript", "loading", "stale"], categories: ["@admin", "@slow", "@dangerous"]) { ctx in
            // A replica or a client already monitoring is left as it is.
            if !ctx.server.monitors.contains(where: { $0 === ctx.client }) { ctx.server.monitors.append(ctx.client) }
            return .ok
        },
    ]

    private static func latencySpec(_ name: String, arity: Int, _ handler: @escaping CommandHandler) -> CommandSpec {
        CommandSpec(name, arity: arity, flags: ["admin", "noscript", "loading", "stale"],
                    categories: ["@admin", "@slow", "@dangerous"], handler: handler)
    }

    /// LATENCY GRAPH: a title line, a rule, and the filled sparkline of the event's samples,
    /// each labelled with how long ago it happened.
    private static func latencyGraph(_ event: String, _ series: LatencyMonitor.Series, now: Int64) -> String {
        var sparkline = Sparkline()
        var low: Int64 = 0, high: Int64 = 0
        for (index, sample) in series.samples.enumerated() {
            if index == 0 { (low, high) = (sample.latency, sample.latency) }
            low = min(low, sample.latency)
            high = max(high, sample.latency)
            let elapsed = now / 1000 - sample.time
            let label = elapsed < 60 ? "\(elapsed)s" : elapsed < 3600 ? "\(elapsed / 60)m"
                : elapsed < 86400 ? "\(elapsed / 3600)h" : "\(elapsed / 86400)d"
            sparkline.samples.append((Double(sample.latency), label))
        }
        return "\(event) - high \(high) ms, low \(low) ms (all time high \(series.max) ms)\n"
            + String(repeating: "-", count: 80) + "\n" + sparkline.render(columns: 80, rows: 4)
    }
}
