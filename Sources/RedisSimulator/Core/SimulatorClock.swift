#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The simulator's clock: a time source plus an offset that only `advance` moves.
///
/// Served over RESP it keeps real time, so stream ids are Unix milliseconds; the exercise runner
/// advances it to make expiry, locks and rate windows instant and deterministic.
public final class SimulatorClock: Sendable {
    private let source: @Sendable () -> Int64
    /// Atomic rather than locked: every command reads it, and only `advance` writes it.
    private let offset = Atomic<Int64>(0)
    /// True on real time: one reading then gives both the clock and real microseconds.
    private let isWall: Bool

    /// A clock on real (wall) time.
    public init() {
        self.source = SimulatorClock.wallMilliseconds
        self.isWall = true
    }

    /// A clock on a custom source of Unix milliseconds, for tests.
    public init(source: @escaping @Sendable () -> Int64) {
        self.source = source
        self.isWall = false
    }

    /// The clock in milliseconds and real time in microseconds (what command durations are
    /// measured against, as Redis measures them with ustime), from one reading where it can.
    func reading() -> (milliseconds: Int64, wallMicroseconds: Int64) {
        guard isWall else { return (nowMilliseconds(), Self.wallMicroseconds()) }
        let micros = Self.wallMicroseconds()
        return (micros / 1000 + offset.load(ordering: .acquiring), micros)
    }

    /// The current Unix time in milliseconds, offset included.
    public func nowMilliseconds() -> Int64 { source() + offset.load(ordering: .acquiring) }

    /// The furthest `advance` may move the clock ahead of its source: a century, so every
    /// time computed from the clock (expiry deadlines, stream ids, idle times) stays far from
    /// Int64's limits however often a learner advances it.
    public static let maximumOffsetMilliseconds: Int64 = 100 * 365 * 86_400_000

    /// Moves the clock forward by `milliseconds`, never past `maximumOffsetMilliseconds`.
    public func advance(milliseconds: Int64) {
        var current = offset.load(ordering: .acquiring)
        while true {
            let (sum, overflow) = current.addingReportingOverflow(milliseconds)
            let moved = overflow ? Self.maximumOffsetMilliseconds : min(max(sum, 0), Self.maximumOffsetMilliseconds)
            let (exchanged, found) = offset.compareExchange(expected: current, desired: moved, ordering: .acquiringAndReleasing)
            if exchanged { return }
            current = found
        }
    }

    /// How far `advance` has moved the clock, in milliseconds.
    public var offsetMilliseconds: Int64 { offset.load(ordering: .acquiring) }

    /// Real Unix time in milliseconds.
    @Sendable public static func wallMilliseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    /// Real Unix time in microseconds.
    public static func wallMicroseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1000
    }

    /// The current Unix time in microseconds, offset included (for TIME and idle times).
    public func nowMicroseconds() -> Int64 {
        SimulatorClock.wallMicroseconds() - SimulatorClock.wallMilliseconds() * 1000
            + nowMilliseconds() * 1000
    }
}
