@preconcurrency import Glibc
import Synchronization

/// Where the REPL writes: standard output, or a buffer in tests.
public protocol ReplOutput: AnyObject, Sendable {
    /// Writes `text` as is.
    func write(_ text: String)
}

extension ReplOutput {
    /// Writes `text` and a newline.
    public func line(_ text: String) { write(text + "\n") }
}

/// Standard output, flushed after every write so replies appear before the next prompt.
public final class StandardOutput: ReplOutput {
    /// Standard output.
    public init() {}

    public func write(_ text: String) {
        fputs(text, stdout)
        fflush(stdout)
    }
}

/// Collects everything written, for tests.
public final class BufferOutput: ReplOutput {
    private let buffer = Mutex<String>("")

    /// An empty buffer.
    public init() {}

    public func write(_ text: String) { buffer.withLock { $0 += text } }

    /// Everything written so far.
    public var text: String { buffer.withLock { $0 } }
}
