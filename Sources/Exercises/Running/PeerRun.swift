import Synchronization

/// A peer's steps running in the background, so a peer parked in BLPOP does not hold up the run.
final class PeerRun: Sendable {
    /// The peer's client.
    let client: ExerciseClient
    private let state = Mutex<(finished: Bool, failure: ExerciseRunError?)>((false, nil))

    init(client: ExerciseClient) { self.client = client }

    /// Marks the steps done, with the error that stopped them if any.
    func finish(_ failure: ExerciseRunError?) {
        state.withLock { $0 = (true, failure) }
    }

    /// True once every step has run.
    var isFinished: Bool { state.withLock { $0.finished } }

    /// The error that stopped the steps, if any.
    var failure: ExerciseRunError? { state.withLock { $0.failure } }

    /// True when the run need not wait for this peer: done, or parked in a blocking command.
    func isSettled(liveGrace: Duration) -> Bool { isFinished || client.isParked(liveGrace: liveGrace) }
}
