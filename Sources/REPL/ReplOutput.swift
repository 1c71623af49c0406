@preconcurrency import Glibc
import Synchronization

/// Where the REPL writes: standard output, or a buffer in tests.
public protocol ReplOutput: AnyObject, Sendable {
    /// Writes `text` as is.
    func write(_ text: String)
    /// Writes bytes as they are.
    func write(bytes: [UInt8])
}

extension ReplOutput {
    /// Writes `text` and a newline.
    public func line(_ text: String) { write(text + "\n") }

    /// Writes bytes as they are (a raw reply need not be UTF-8); as text where only text is kept.
    public func write(bytes: [UInt8]) { write(String(decoding: bytes, as: UTF8.self)) }
}

/// Standard output (or standard error, for notices when output is piped), flushed after every
/// write so replies appear before the next prompt.
public final class StandardOutput: ReplOutput {
    private let toStandardError: Bool

    /// Standard output, or standard error with `standardError`.
    public init(standardError: Bool = false) { toStandardError = standardError }

    public func write(_ text: String) {
        write(bytes: Array(text.utf8))
    }

    public func write(bytes: [UInt8]) {
        guard !toStandardError else {
            // C's stderr is unbuffered, so writing to descriptor 2 is the same thing; naming the
            // shared C global `stderr` here fails a release build under strict concurrency.
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = Glibc.write(2, raw.baseAddress! + offset, raw.count - offset)
                    if written < 0 && errno == EINTR { continue }
                    guard written > 0 else { return }
                    offset += written
                }
            }
            return
        }
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, stdout) }
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
