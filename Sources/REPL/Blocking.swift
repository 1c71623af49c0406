import Dispatch

/// Runs blocking terminal reads off Swift's cooperative threads, so that message delivery and
/// the simulator's timers keep running while the learner types.
enum Blocking {
    private static let queue = DispatchQueue(label: "redislings.terminal")

    /// The result of `body`, run on the terminal queue.
    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: body()) }
        }
    }
}
