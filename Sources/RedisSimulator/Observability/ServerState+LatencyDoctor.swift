/// LATENCY DOCTOR's report (Redis's createLatencyReport), for the events the simulator records:
/// command, fast-command and expire-cycle.
extension ServerState {
    func latencyDoctorReport(now: Int64) -> String {
        let threshold = config.integer("latency-monitor-threshold")
        let events = latency.events
        if events.isEmpty, threshold == 0 {
            return "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. You may use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. If we weren't in a deep space mission I'd suggest to take a look at https://redis.io/topics/latency-monitor.\n"
        }
        var report = ""
        var advices = 0
        var slowlogEnabled = false, slowlogTuning = false, slowlogInspect = false, largeObjects = false
        var scheduler = false, hz = false
        for (number, event) in events.enumerated() {
            if number == 0 {
                report += "Dave, I have observed latency spikes in this Redis instance. You don't mind talking about it, do you Dave?\n\n"
            }
            let samples = event.series.samples
            let sum = samples.reduce(0) { $0 + $1.latency }
            let average = samples.isEmpty ? 0 : sum / Int64(samples.count)
            let deviation = samples.isEmpty ? 0 : samples.reduce(0) { $0 + abs($1.latency - average) } / Int64(samples.count)
            var period = now / 1000 - (samples.map(\.time).min() ?? now / 1000)
            if period == 0 { period = 1 }
            let perSample = RedisNumberFormat.printf("%.2f", Double(period) / Double(max(1, samples.count)))
            report += "\(number + 1). \(event.name): \(samples.count) latency spikes (average \(average)ms, mean deviation \(deviation)ms, period \(perSample) sec). Worst all time event \(event.series.max)ms."
            switch event.name {
            case "command":
                let slower = config.integer("slowlog-log-slower-than")
                if slower < 0 {
                    slowlogEnabled = true
                    advices += 1
                } else if slower / 1000 > threshold {
                    slowlogTuning = true
                    advices += 1
                }
                slowlogInspect = true
                largeObjects = true
                advices += 2
            case "fast-command":
                scheduler = true
                advices += 1
            case "expire-cycle":
                hz = true
                largeObjects = true
                advices += 2
            default:
                break
            }
            report += "\n"
        }
        if events.isEmpty && advices == 0 {
            return report + "Dave, no latency spike was observed during the lifetime of this Redis instance, not in the slightest bit. I honestly think you ought to sit down calmly, take a stress pill, and think things over.\n"
        }
        if advices == 0 {
            return report + "\nWhile there are latency events logged, I'm not able to suggest any easy fix. Please use the Redis community to get some help, providing this report in your help request.\n"
        }
        report += "\nI have a few advices for you:\n\n"
        if slowlogEnabled {
            report += "- There are latency issues with potentially slow commands you are using. Try to enable the Slow Log Redis feature using the command 'CONFIG SET slowlog-log-slower-than \(threshold * 1000)'. If the Slow log is disabled Redis is not able to log slow commands execution for you.\n"
        }
        if slowlogTuning {
            report += "- Your current Slow Log configuration only logs events that are slower than your configured latency monitor threshold. Please use 'CONFIG SET slowlog-log-slower-than \(threshold * 1000)'.\n"
        }
        if slowlogInspect {
            report += "- Check your Slow Log to understand what are the commands you are running which are too slow to execute. Please check https://redis.io/commands/slowlog for more information.\n"
        }
        if scheduler {
            report += "- The system is slow to execute Redis code paths not containing system calls. This usually means the system does not provide Redis CPU time to run for long periods. You should try to:\n"
                + "  1) Lower the system load.\n"
                + "  2) Use a computer / VM just for Redis if you are running other software in the same system.\n"
                + "  3) Check if you have a \"noisy neighbour\" problem.\n"
                + "  4) Check with 'redis-cli --intrinsic-latency 100' what is the intrinsic latency in your system.\n"
                + "  5) Check if the problem is allocator-related by recompiling Redis with MALLOC=libc, if you are using Jemalloc. However this may create fragmentation problems.\n"
        }
        if hz, config.integer("hz") < 100 {
            report += "- In order to make the Redis keys expiring process more incremental, try to set the 'hz' configuration parameter to 100 using 'CONFIG SET hz 100'.\n"
        }
        if largeObjects {
            report += "- Deleting, expiring or evicting (because of maxmemory policy) large objects is a blocking operation. If you have very large objects that are often deleted, expired, or evicted, try to fragment those objects into multiple smaller objects.\n"
        }
        return report
    }
}
