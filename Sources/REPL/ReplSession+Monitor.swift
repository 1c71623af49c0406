import RESP

/// `:monitor`: a connection of its own in MONITOR mode whose lines join the session's pushed
/// messages, so every client's commands (the learner's, `:as` peers', an exercise's) print as
/// the server runs them.
extension ReplSession {
    /// The peer name the monitoring connection is kept under (closed with the other peers).
    static let monitorPeer = "(monitor)"

    func startMonitor() async {
        guard peers[Self.monitorPeer] == nil else {
            say("The monitor is already on; :monitor off stops it.")
            return
        }
        let monitor: any RedisConnection
        do {
            monitor = try await backend.connect()
        } catch {
            say("(error) cannot open a connection for the monitor: \(error)")
            return
        }
        guard let reply = await send([Array("MONITOR".utf8)], on: monitor) else {
            await monitor.close()
            return
        }
        guard !reply.isError else {
            say(ReplyFormatter.format(reply))
            await monitor.close()
            return
        }
        peers[Self.monitorPeer] = monitor
        let inbox = self.inbox
        if !monitor.deliverPushes(to: { inbox.append($0) }) {
            let lines = monitor.pushes
            Task { for await line in lines { inbox.append(line) } }
        }
        say("Monitoring: every client's commands print as they run (time [db client] command). :monitor off stops.")
    }

    func stopMonitor() async {
        guard let monitor = peers.removeValue(forKey: Self.monitorPeer) else {
            say("The monitor is not on; :monitor starts it.")
            return
        }
        await monitor.close()
        say("The monitor is off.")
    }
}
