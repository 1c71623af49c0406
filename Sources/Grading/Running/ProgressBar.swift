import Foundation
import Synchronization

/// A one-line progress bar on standard error, drawn only when it is a terminal, redrawn at
/// most ten times a second — and twice a second while nothing finishes, so its clock keeps
/// running while a slow answer holds every job.
public final class ProgressBar: Sendable {
    private struct State {
        var lastDraw: ContinuousClock.Instant?
        var drawn = false
        var done = 0
        var total = 0
        var finished = false
        var ticker: Task<Void, Never>?
    }

    private let label: String
    private let enabled: Bool
    private let width = 30
    private let started = ContinuousClock.now
    private let state = Mutex(State())

    /// A bar titled `label`; `enabled` defaults to whether standard error is a terminal.
    public init(label: String, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.enabled = enabled
    }

    /// Shows `done` of `total`.
    public func update(done: Int, total: Int) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let line: String? = state.withLock { state in
            guard !state.finished else { return nil }
            state.done = done
            state.total = total
            if state.ticker == nil { state.ticker = startTicker() }
            if done < total, let last = state.lastDraw, now - last < .milliseconds(100) { return nil }
            state.lastDraw = now
            state.drawn = true
            return Self.render(label: label, done: done, total: total, width: width, elapsed: now - started)
        }
        if let line { FileHandle.standardError.write(Data(("\r" + line).utf8)) }
    }

    /// Redraws twice a second until `finish()`, so the elapsed time moves while no answer finishes.
    private func startTicker() -> Task<Void, Never> {
        Task.detached { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(500))
                guard let self, !Task.isCancelled else { return }
                self.redraw()
            }
        }
    }

    /// Draws the last count again with the time now.
    private func redraw() {
        let now = ContinuousClock.now
        let line: String? = state.withLock { state in
            guard !state.finished, state.total > 0 else { return nil }
            state.lastDraw = now
            state.drawn = true
            return Self.render(label: label, done: state.done, total: state.total, width: width, elapsed: now - started)
        }
        if let line { FileHandle.standardError.write(Data(("\r" + line).utf8)) }
    }

    /// Stops the clock and ends the bar's line, so what is printed next starts on a fresh one.
    public func finish() {
        guard enabled else { return }
        let drawn = state.withLock { state -> Bool in
            state.finished = true
            state.ticker?.cancel()
            return state.drawn
        }
        guard drawn else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }

    /// The bar as text: `label [#####-----]  512/1000  3.1 s`.
    static func render(label: String, done: Int, total: Int, width: Int, elapsed: Duration) -> String {
        let fraction = total == 0 ? 1 : Double(done) / Double(total)
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let digits = String(total).count
        let count = String(repeating: " ", count: max(0, digits - String(done).count)) + "\(done)/\(total)"
        return "\(label) [\(bar)] \(count)  \(String(format: "%.1f", seconds)) s"
    }
}
