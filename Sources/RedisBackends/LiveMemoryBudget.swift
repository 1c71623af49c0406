import Foundation
import LiveRedis
import RESP

/// A confined run's memory budget on a shared live Redis. `maxmemory` is the server's, not a
/// run's, so the run's own keys are weighed instead: while the server's `used_memory` has grown
/// by less than the budget since the run began, no run can be over it (a cheap INFO a poll);
/// past that, the run's keys (its patterns in its database, or the keys it created) are summed
/// with MEMORY USAGE, and a run over its budget is stopped: its connections are closed, every
/// later command is refused with the reason, and its keys are deleted at once.
struct LiveMemoryBudget: Sendable {
    /// How often the server is looked at.
    static let interval: Duration = .milliseconds(200)
    /// Keys weighed per script call.
    static let batch = 500

    let bytes: Int

    /// `used_memory` from INFO memory.
    static func usedMemory(_ admin: LiveRedisConnection) async -> Int? {
        guard let text = (try? await admin.send(strings: ["INFO", "memory"]))?.stringValue else { return nil }
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("used_memory:") {
            return Int(line.dropFirst("used_memory:".count).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// The bytes `keys` hold (MEMORY USAGE, summed on the server in batches).
    static func weigh(_ keys: [[UInt8]], on admin: LiveRedisConnection) async -> Int {
        var total = 0
        for start in stride(from: 0, to: keys.count, by: batch) {
            let chunk = keys[start..<min(keys.count, start + batch)]
            let reply = try? await admin.send(
                [Array("EVAL".utf8), Array("local t = 0 for i = 1, #KEYS do t = t + (redis.call('MEMORY', 'USAGE', KEYS[i]) or 0) end return t".utf8),
                 Array(String(chunk.count).utf8)] + chunk)
            total += Int(reply?.integerValue ?? 0)
        }
        return total
    }

    /// The keys matching `patterns` in the admin connection's database.
    static func keys(matching patterns: [String], on admin: LiveRedisConnection) async -> [[UInt8]] {
        var found: [[UInt8]] = []
        for pattern in patterns {
            var cursor = "0"
            repeat {
                guard let parts = (try? await admin.send(strings: ["SCAN", cursor, "MATCH", pattern, "COUNT", "1000"]))?.arrayValue,
                      parts.count == 2, let next = parts[0].stringValue, let names = parts[1].arrayValue else { return found }
                found += names.compactMap { name -> [UInt8]? in
                    if case .bulkString(let bytes) = name { return bytes }
                    return nil
                }
                cursor = next
            } while cursor != "0"
        }
        return found
    }

    /// Why a run was stopped, for its result and every later command.
    func message(held: Int) -> String {
        "the run was stopped: its keys held \(Self.megabytes(held)) on the live Redis, more than its memory budget of \(Self.megabytes(bytes)); "
            + "they were deleted. Store less (trim lists, cap streams with MAXLEN, give keys a TTL)"
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / 1_048_576) : "\(bytes) bytes"
    }
}
