import Foundation
import LiveRedis
import RESP

extension LiveConfinement {
    /// Why the run was stopped for its memory budget (every later command gets it as an error).
    var memoryStop: String? { state.withLock { $0.memoryStop } }

    /// Starts weighing the run's keys against its memory budget, on a connection of its own so
    /// that a run's blocked or subscribed clients never delay it.
    func startMemoryWatch() {
        guard let budget = memoryBudget else { return }
        let task = Task { [weak self] in
            guard let url = self?.adminURL, let admin = try? await LiveRedisConnection.connect(to: url) else { return }
            defer { Task { await admin.close() } }
            let baseline = await LiveMemoryBudget.usedMemory(admin) ?? 0
            while (try? await Task.sleep(for: LiveMemoryBudget.interval)) != nil {
                guard let self else { return }
                guard let used = await LiveMemoryBudget.usedMemory(admin) else { continue }
                // The server as a whole has not grown by the budget: no run can be over it.
                guard used - baseline > budget.bytes else { continue }
                let keys = await self.ownKeys(on: admin)
                let held = await LiveMemoryBudget.weigh(keys, on: admin)
                guard held > budget.bytes else { continue }
                await self.stopForMemory(budget.message(held: held), keys: keys, on: admin)
                return
            }
        }
        state.withLock { $0.memoryWatch = task }
    }

    /// The run's keys: those matching its patterns in its database, or those it created.
    private func ownKeys(on admin: LiveRedisConnection) async -> [[UInt8]] {
        switch scope {
        case .patterns(let patterns): return await LiveMemoryBudget.keys(matching: patterns, on: admin)
        case .createdKeys: return state.withLock { $0.created }
        }
    }

    /// Refuses the run's later commands, closes its connections (a blocked or subscribed one
    /// too) and deletes its keys.
    private func stopForMemory(_ message: String, keys: [[UInt8]], on admin: LiveRedisConnection) async {
        state.withLock { $0.memoryStop = message }
        _ = try? await admin.send(strings: ["CLIENT", "KILL", "USER", user])
        for start in stride(from: 0, to: keys.count, by: 500) {
            _ = try? await admin.send([Array("UNLINK".utf8)] + keys[start..<min(keys.count, start + 500)])
        }
        // Commands that were already on their way when the connections closed may have written
        // again; the run's rules no longer let it write at all.
        _ = try? await admin.send(strings: ["ACL", "SETUSER", user, "resetkeys", "resetchannels"])
        // Listed again now that nothing of the run can write: keys it created after the first
        // listing (and before its connections closed) go too.
        let remaining = await ownKeys(on: admin)
        for start in stride(from: 0, to: remaining.count, by: 500) {
            _ = try? await admin.send([Array("UNLINK".utf8)] + remaining[start..<min(remaining.count, start + 500)])
        }
    }
}
