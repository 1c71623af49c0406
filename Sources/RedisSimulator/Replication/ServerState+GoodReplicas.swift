/// min-replicas-to-write: a primary refuses writes unless enough replicas acknowledged it
/// within min-replicas-max-lag seconds (Redis's checkGoodReplicasStatus).
extension ServerState {
    static let noReplicasMessage = "NOREPLICAS Not enough good replicas to write."

    /// True when min-replicas-to-write asks for more replicas than have acknowledged within
    /// min-replicas-max-lag seconds (either setting at 0 turns the check off).
    func lacksGoodReplicas(now: Int64) -> Bool {
        let wanted = config.commandTiming.minReplicasToWrite, maxLag = config.commandTiming.minReplicasMaxLag
        // The settings first: with the check off (the default) no replica state is read.
        guard wanted > 0, maxLag > 0, replication.primary == nil else { return false }
        // Redis compares whole seconds since the last ACK.
        let good = replication.replicas.values.filter { now / 1000 - $0.acknowledgedAt / 1000 <= maxLag }.count
        return Int64(good) < wanted
    }
}
