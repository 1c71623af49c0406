#if canImport(CMalloc)
import CMalloc
#endif
import Synchronization

/// Gives memory the simulator freed back to the system. glibc keeps the pages of freed chunks
/// mapped in its heaps and per-thread arenas, so after FLUSHALL, FLUSHDB, a DEL of large values
/// or thousands of closed connections `serve`'s resident size stayed where the peak left it,
/// while redis-server's jemalloc returns them. `malloc_trim(0)` releases those pages; it walks
/// every free chunk, so it runs from a timer, and only when at least `threshold` bytes have been
/// freed since the last trim (or since the heap was at its fullest afterwards).
public final class FreedMemoryReturn: Sendable {
    /// Freed bytes that make a trim worth its cost (Redis's own threshold for its defrag is similar).
    public static let defaultThreshold = 8 << 20
    /// How often `check()` runs in `serve`.
    public static let interval = Duration.seconds(1)

    private let threshold: Int
    private let freeBytes: @Sendable () -> Int?
    private let trim: @Sendable () -> Void
    /// Free bytes the allocator held right after the last trim, lowered as they are reused.
    private let baseline = Mutex<Int?>(nil)
    /// True for the returner over the process's own allocator: its checks are shared by every
    /// server of the process.
    private let sharesTheProcessAllocator: Bool
    /// When any returner over the process's allocator last checked. mallinfo2 and malloc_trim
    /// walk the whole heap under the arenas' locks: a process with many servers (the test
    /// suite) checking once a second each would stall every thread that allocates.
    private static let lastProcessCheck = Mutex<ContinuousClock.Instant?>(nil)

    /// A returner over glibc's allocator (a no-op where glibc is absent).
    public convenience init(threshold: Int = FreedMemoryReturn.defaultThreshold) {
        _ = Self.fixedAllocatorThresholds
        self.init(threshold: threshold, freeBytes: Self.allocatorFreeBytes, trim: Self.trimAllocator, sharesTheProcessAllocator: true)
    }

    /// The top of a heap glibc gives back as soon as a free leaves that much there.
    static let trimThreshold = 1 << 20

    /// Fixes glibc's trim and mmap thresholds, once a process. Left to itself glibc raises both
    /// each time it unmaps a large block (up to 32 MB and 64 MB), so after a large value's
    /// tables come and go every later free keeps its memory at the top of the heap; and
    /// `malloc_trim` never shrinks the top of a thread's arena (only the main heap's), where
    /// the event loops allocate: after FLUSHALL of a 200,000-member sorted set 13 MB stayed
    /// resident. With fixed thresholds a free that leaves over 1 MB at the top of any heap
    /// returns it, and blocks over 1 MB are mapped and unmapped on their own.
    private static let fixedAllocatorThresholds: Void = {
        #if canImport(CMalloc) && canImport(Glibc)
        _ = mallopt(M_MMAP_THRESHOLD, Int32(trimThreshold))
        _ = mallopt(M_TRIM_THRESHOLD, Int32(trimThreshold))
        #endif
    }()

    /// A returner over any allocator: `freeBytes` reports the bytes it holds free (nil: unknown),
    /// `trim` gives them back.
    public init(
        threshold: Int, freeBytes: @escaping @Sendable () -> Int?, trim: @escaping @Sendable () -> Void,
        sharesTheProcessAllocator: Bool = false
    ) {
        self.sharesTheProcessAllocator = sharesTheProcessAllocator
        self.threshold = threshold
        self.freeBytes = freeBytes
        self.trim = trim
    }

    /// `check()` from a server's timer: over the process's own allocator, at most once an
    /// interval for all the servers of the process together.
    @discardableResult
    public func checkOnSchedule() -> Bool {
        if sharesTheProcessAllocator {
            let now = ContinuousClock.now
            let due = Self.lastProcessCheck.withLock { last -> Bool in
                if let last, now - last < Self.interval { return false }
                last = now
                return true
            }
            guard due else { return false }
        }
        return check()
    }

    /// Trims when enough has been freed since the last trim; returns whether it trimmed.
    @discardableResult
    public func check() -> Bool {
        guard let free = freeBytes() else { return false }
        let due = baseline.withLock { baseline -> Bool in
            let floor = min(baseline ?? 0, free)
            baseline = floor
            return free - floor >= threshold
        }
        guard due else { return false }
        trim()
        // Trimmed pages stay counted as free (they are still in the heap's free chunks): measure
        // again so that only what is freed from now on counts towards the next trim.
        let after = freeBytes() ?? free
        baseline.withLock { $0 = after }
        return true
    }

    private static let allocatorFreeBytes: @Sendable () -> Int? = {
        #if canImport(CMalloc) && canImport(Glibc)
        return Int(mallinfo2().fordblks)
        #else
        return nil
        #endif
    }

    private static let trimAllocator: @Sendable () -> Void = {
        #if canImport(CMalloc) && canImport(Glibc)
        _ = malloc_trim(0)
        #endif
    }
}
