import RESP

/// The queue's Redis as the queue code uses it: a command either gets a reply or throws a
/// `GradingError` that names the command and what to check (a Redis error reply included).
struct QueueConnection: Sendable {
    let connection: any RedisConnection
    /// The server as people may see it (no password).
    let label: String

    /// Sends `arguments`; a connection failure or an error reply throws.
    @discardableResult
    func call(_ arguments: [String]) async throws(GradingError) -> RESPValue {
        let reply: RESPValue
        do {
            reply = try await connection.send(strings: arguments)
        } catch {
            throw GradingError("lost the grading queue at \(label) during \(arguments[0]): \(error.message)", help: "Check that the queue's Redis is running and reachable.")
        }
        if case .error(let text) = reply {
            throw GradingError("the grading queue at \(label) refused \(arguments[0]): \(text)", help: "The queue needs Redis 7.0 or later, with its stream, hash, set and scripting (EVAL) commands allowed for this user.")
        }
        return reply
    }

    /// Runs `commands` as one MULTI/EXEC transaction and returns EXEC's replies.
    @discardableResult
    func transaction(_ commands: [[String]]) async throws(GradingError) -> [RESPValue] {
        try await call(["MULTI"])
        for command in commands { try await call(command) }
        let replies = try await call(["EXEC"])
        guard let list = replies.arrayValue else {
            throw GradingError("the grading queue at \(label) aborted a transaction", help: "Check the queue's Redis log.")
        }
        if let failed = list.first(where: \.isError) {
            throw GradingError("the grading queue at \(label) refused a command of a transaction: \(failed.stringValue ?? "")", help: "The queue needs Redis 7.0 or later.")
        }
        return list
    }

    /// A hash's fields and values (HGETALL).
    func hash(_ key: String) async throws(GradingError) -> [String: String] {
        let items = try await call(["HGETALL", key]).arrayValue ?? []
        var fields: [String: String] = [:]
        var index = 0
        while index + 1 < items.count {
            if let field = items[index].stringValue, let value = items[index + 1].stringValue { fields[field] = value }
            index += 2
        }
        return fields
    }
}
