/// The text of a simple-string (`+`) or error (`-`) reply: bytes, as Redis sends them.
///
/// Nearly always UTF-8 text, and then held as a `String` at no extra cost; but a reply line
/// need not be UTF-8 (a script's `redis.error_reply("\xff\xfe…")`, an error code that INFO
/// errorstats then lists), and Redis passes such bytes through unchanged, so they are kept
/// exactly rather than repaired. Two lines are equal when their bytes are.
public struct RESPLine: Sendable {
    private enum Storage: Sendable {
        /// Valid UTF-8: every line a command builds from its own text.
        case text(String)
        /// Bytes that are not valid UTF-8 (only these, so each line has one representation).
        case bytes([UInt8])
    }

    private let storage: Storage

    /// A line holding the UTF-8 bytes of `text`.
    public init(_ text: String) { storage = .text(text) }

    /// A line holding `bytes` exactly, UTF-8 or not.
    public init<Bytes: Collection<UInt8>>(bytes: Bytes) {
        if let text = String(validating: bytes, as: UTF8.self) {
            storage = .text(text)
        } else {
            storage = .bytes(Array(bytes))
        }
    }

    /// The line as text; bytes that are not UTF-8 read as U+FFFD, as any UTF-8 decoder shows them.
    public var text: String {
        switch storage {
        case .text(let text): return text
        case .bytes(let bytes): return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The line's bytes, exactly as sent.
    public var bytes: [UInt8] {
        switch storage {
        case .text(let text): return Array(text.utf8)
        case .bytes(let bytes): return bytes
        }
    }

    /// How many bytes the line holds.
    public var byteCount: Int {
        switch storage {
        case .text(let text): return text.utf8.count
        case .bytes(let bytes): return bytes.count
        }
    }

    /// Calls `body` with the line's bytes, without copying them.
    public func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        switch storage {
        case .text(var text): return try text.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
        case .bytes(let bytes): return try bytes.withUnsafeBytes(body)
        }
    }

    /// True when the line's bytes begin with the UTF-8 bytes of `prefix`.
    public func hasPrefix(_ prefix: String) -> Bool {
        switch storage {
        case .text(let text): return text.utf8.starts(with: prefix.utf8)
        case .bytes(let bytes): return bytes.starts(with: prefix.utf8)
        }
    }
}

extension RESPLine: Hashable {
    public static func == (lhs: RESPLine, rhs: RESPLine) -> Bool {
        switch (lhs.storage, rhs.storage) {
        // Bytes, not Swift's canonical equivalence: "é" composed and decomposed are different replies.
        case (.text(let left), .text(let right)): return left.utf8.elementsEqual(right.utf8)
        case (.bytes(let left), .bytes(let right)): return left == right
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        withBytes { hasher.combine(bytes: $0) }
        hasher.combine(byteCount)
    }
}

extension RESPLine: ExpressibleByStringInterpolation {
    public init(stringLiteral text: String) { self.init(text) }

    public init(stringInterpolation: DefaultStringInterpolation) {
        self.init(String(stringInterpolation: stringInterpolation))
    }
}

extension RESPLine: CustomStringConvertible, CustomDebugStringConvertible {
    /// The line as text (see `text`), so `"(error) \(line)"` reads as redis-cli prints it.
    public var description: String { text }

    public var debugDescription: String { String(reflecting: text) }
}
