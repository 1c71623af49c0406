/// `maxmemory` with the `noeviction` policy: once the dataset's estimated size passes the limit,
/// commands flagged `denyoom` are refused with Redis's OOM error, as a real server does. The
/// exercise runner uses this as the memory budget of a graded submission.
extension ServerState {
    /// Redis's reply to a `denyoom` command over `maxmemory`.
    static let outOfMemoryMessage = "OOM command not allowed when used memory > 'maxmemory'."

    /// True when `maxmemory` is set and the dataset is over it, so `spec` must be refused.
    /// Before that, keys are evicted as `maxmemory-policy` says, as Redis does before every command.
    func refusesForMemory(_ spec: CommandSpec) -> Bool {
        guard isOverMaxMemory else { return false }
        if evictUntilUnderLimit(now: clock.nowMilliseconds()) { return false }
        return spec.flags.contains("denyoom")
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
