import Foundation

extension RedislingsBinary {
    /// `run` on a Dispatch thread. A synchronous test that runs the binary holds one of the few
    /// threads (one per core) that every async test of the process shares; two at once stall
    /// them all, and timing-sensitive tests elsewhere fail. Async tests should call this.
    public func runOffThePool(_ arguments: [String], in directory: String, environment: [String: String] = [:]) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try self.run(arguments, in: directory, environment: environment) })
            }
        }
    }

    /// `run` with `input` on its standard input, on a Dispatch thread.
    public func runOffThePool(
        _ arguments: [String], in directory: String, environment: [String: String] = [:], input: String
    ) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try self.run(arguments, in: directory, environment: environment, input: input) })
            }
        }
    }
}
