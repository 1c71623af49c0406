import Basics
import Foundation

extension RedislingsBinary {
    /// `run` on a thread of its own (`onOwnThread`). A test that waits for the binary on one of
    /// the few threads (one per core) that every task of the test process shares stalls them
    /// all, and timing-sensitive tests elsewhere fail. Async tests should call this.
    public func runOffThePool(_ arguments: [String], in directory: String, environment: [String: String] = [:]) async throws -> Output {
        try await onOwnThread(named: "redislings-run") { try self.run(arguments, in: directory, environment: environment) }
    }

    /// `run` with `input` on its standard input, on a thread of its own.
    public func runOffThePool(
        _ arguments: [String], in directory: String, environment: [String: String] = [:], input: String
    ) async throws -> Output {
        try await onOwnThread(named: "redislings-run") {
            try self.run(arguments, in: directory, environment: environment, input: input)
        }
    }
}
