/// `maxmemory` with the `noeviction` policy: once the dataset's estimated size passes the limit,
/// commands flagged `denyoom` are refused with Redis's OOM error, as a real server does. The
/// exercise runner uses this as the memory budget of a graded submission.
extension ServerState {
    /// Redis's reply to a `denyoom` command over `maxmemory`.
    static let outOfMemoryMessage = "OOM command not allowed when used memory > 'maxmemory'."

    /// True when `maxmemory` is set and the dataset is over it, so `spec` must be refused.
    /// Before that, keys are evicted as `maxmemory-policy` says, as Redis does before every command.
    func refusesForMemory(_ spec: CommandSpec) -> Bool {
        refusesForMemory(denying: spec.flags.contains("denyoom"))
    }

    /// `refusesForMemory` for a command Redis refuses out of memory when `denying` is true.
    /// `denying` is asked only over the limit: it searches the command's flags, which most
    /// commands, run with no `maxmemory`, need not pay for.
    func refusesForMemory(denying: @autoclosure () -> Bool) -> Bool {
        guard isOverMaxMemory else { return false }
        if evictUntilUnderLimit(now: clock.nowMilliseconds()) { return false }
        return denying()
    }

    /// The commands of a client that Redis's processCommand refuses out of memory: `denyoom`
    /// ones, an EXEC whose queue holds one, and anything but EXEC, DISCARD, QUIT and RESET inside
    /// MULTI (queuing takes memory too).
    static func isRefusedOutOfMemory(_ spec: CommandSpec, from client: SimulatorClient) -> Bool {
        if spec.flags.contains("denyoom") { return true }
        if spec.executesQueue {
            return client.transaction.queuedScripts.deniesOOM || client.transaction.queued.contains { $0.0.flags.contains("denyoom") }
        }
        return client.transaction.inMulti && !spec.endsTransaction
    }

    /// True when `maxmemory` is set and the dataset's estimated size is over it.
    var isOverMaxMemory: Bool {
        let limit = config.maxmemory
        guard limit > 0 else { return false }
        // The estimate walks every key, so it is refreshed only every keys/64 writes: a constant
        // amortised cost per write, at the price of overshooting the limit by a sliver.
        if memoryCheck.countdown <= 0 {
            memoryCheck.estimate = estimatedMemoryUsage(countingElements: true)
            memoryCheck.countdown = max(1, databases.reduce(0) { $0 + $1.count } / 64)
        }
        memoryCheck.countdown -= 1
        return memoryCheck.estimate > limit
    }
}

/// The cached estimate behind `refusesForMemory`.
struct MemoryCheck {
    var estimate: Int64 = 0
    var countdown = 0
}
