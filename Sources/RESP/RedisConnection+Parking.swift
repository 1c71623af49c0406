import Synchronization

extension RedisConnection {
    /// Sends a command and returns its reply, or nil as soon as the server parks it in a
    /// blocking wait (the command is left waiting: close the connection to end it). A
    /// connection that cannot tell whether it is parked waits for the reply.
    public func replyUnlessParked(_ arguments: [[UInt8]]) async throws(RedisConnectionError) -> RESPValue? {
        guard isParked != nil else { return try await send(arguments) }
        let outcome = Mutex<Result<RESPValue, RedisConnectionError>?>(nil)
        Task {
            let result: Result<RESPValue, RedisConnectionError>
            do throws(RedisConnectionError) { result = .success(try await send(arguments)) } catch { result = .failure(error) }
            outcome.withLock { $0 = result }
        }
        while true {
            if let result = outcome.withLock({ $0 }) { return try result.get() }
            if isParked == true { return nil }
            try? await Task.sleep(for: .microseconds(200))
        }
    }
}
