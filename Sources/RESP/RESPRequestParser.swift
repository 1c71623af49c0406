#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads client requests as Redis does: the multibulk form (`*2\r\n$4\r\nPING\r\n…`) when the
/// first byte is `*`, else the inline form (a line split like redis-cli input).
///
/// It never reads past its input; errors found in the part already received are reported at
/// once, as Redis reports them. Incremental use keeps a `Progress` between calls, so a request
/// arriving in many pieces is read once, not again from its first byte for every piece.
public struct RESPRequestParser: Sendable {
    /// Redis's `proto-max-bulk-len` (512 MB by default).
    public var maxBulkLength: Int64
    /// The longest inline request or length line accepted (Redis's 64 KB).
    public var maxInlineLength: Int

    /// A parser with Redis's default limits.
    public init(maxBulkLength: Int64 = 512 * 1024 * 1024, maxInlineLength: Int = 64 * 1024) {
        self.maxBulkLength = maxBulkLength
        self.maxInlineLength = maxInlineLength
    }

    /// One step of parsing.
    public enum Outcome: Equatable, Sendable {
        /// A command's arguments, and how many bytes it took.
        case command([[UInt8]], consumed: Int)
        /// A frame with no command (an empty line, `*0`, `*-1`), and how many bytes it took.
        case empty(consumed: Int)
        /// The input ends inside a frame: nothing was consumed.
        case needMore
    }

    /// Parses the next request at the start of `bytes`. `authenticated` is false while the
    /// server requires AUTH, which limits request sizes as Redis does.
    public func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, authenticated: Bool = true
    ) throws(RESPProtocolError) -> Outcome {
        var arguments: [[UInt8]] = []
        switch try parse(bytes, authenticated: authenticated, argument: { arguments.append(Array($0)) }) {
        case .command(let consumed): return .command(arguments, consumed: consumed)
        case .empty(let consumed): return .empty(consumed: consumed)
        case .needMore: return .needMore
        }
    }

    /// What one step of `parse(_:authenticated:argument:)` found.
    public enum Step: Equatable, Sendable {
        /// A command, whose arguments went to the callback in order, and how many bytes it took.
        case command(consumed: Int)
        /// A frame with no command, and how many bytes it took.
        case empty(consumed: Int)
        /// The input ends inside a frame: nothing was consumed, and whatever the callback was
        /// given for this frame must be thrown away.
        case needMore
    }

    /// Parses the next request, handing each argument's bytes to `argument` where they lie,
    /// so a server builds its own argument values without an intermediate array per argument.
    /// Consumes nothing from a partial frame.
    public func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, authenticated: Bool = true,
        argument: (UnsafeBufferPointer<UInt8>) -> Void
    ) throws(RESPProtocolError) -> Step {
        var progress = Progress()
        switch try parse(bytes, progress: &progress, authenticated: authenticated, argument: argument) {
        case .command(let consumed): return .command(consumed: consumed)
        case .empty(let consumed): return .empty(consumed: consumed)
        case .partial: return .needMore
        }
    }

    /// How far a multibulk request that has not fully arrived was read: what
    /// `parse(_:progress:authenticated:argument:)` needs to go on from where it stopped.
    public struct Progress: Sendable, Equatable {
        /// Arguments still to read of the request begun; 0 when none is begun.
        public var argumentsLeft: Int64 = 0
        /// The length announced by the `$` line already read, or -1 when the next thing to
        /// read is a `$` line.
        public var bulkLength: Int64 = -1

        /// No request begun.
        @inlinable public init() {}

        /// True while a request is begun.
        @inlinable public var isInsideRequest: Bool { argumentsLeft > 0 }
    }

    /// What one step of incremental parsing found.
    public enum IncrementalStep: Equatable, Sendable {
        /// The request is complete: its last arguments went to the callback.
        case command(consumed: Int)
        /// A frame with no command.
        case empty(consumed: Int)
        /// The request is not complete: `consumed` bytes (headers and whole arguments, which
        /// went to the callback) were read and must not be given again; `progress` holds the rest.
        case partial(consumed: Int)
    }

    /// Parses from where `progress` says the previous call stopped: a request that arrives in
    /// pieces is read once, whatever the number of pieces, and each argument is handed over
    /// as soon as it is whole.
    ///
    /// Inlinable so that a server's reading loop is compiled with it, its `argument` closure
    /// inlined: a pipelined request's arguments are then read and stored in one pass.
    @inlinable
    public func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, progress: inout Progress, authenticated: Bool = true,
        argument: (UnsafeBufferPointer<UInt8>) -> Void
    ) throws(RESPProtocolError) -> IncrementalStep {
        var position = 0
        if !progress.isInsideRequest {
            guard !bytes.isEmpty else { return .partial(consumed: 0) }
            guard bytes[0] == UInt8(ascii: "*") else {
                switch try parseInline(bytes, argument: argument) {
                case .command(let consumed): return .command(consumed: consumed)
                case .empty(let consumed): return .empty(consumed: consumed)
                case .needMore: return .partial(consumed: 0)
                }
            }
            let count: Int64, headerEnd: Int
            if let short = Self.shortCount(bytes, from: 1) {
                (count, headerEnd) = short
            } else {
                // Redis finds the first CR, then requires one more byte, which it skips unseen.
                guard let end = firstIndex(of: 13, in: bytes, from: 0) else {
                    if bytes.count > maxInlineLength { throw .tooBigMultibulkCount }
                    return .partial(consumed: 0)
                }
                guard end + 2 <= bytes.count else { return .partial(consumed: 0) }
                guard let parsed = RESPDecimal.parse(bytes, from: 1, to: end), parsed <= Int64(Int32.max) else {
                    throw .invalidMultibulkLength
                }
                (count, headerEnd) = (parsed, end)
            }
            if count > 10, !authenticated { throw .unauthenticatedMultibulkLength }
            position = headerEnd + 2
            if count <= 0 { return .empty(consumed: position) }
            progress = Progress()
            progress.argumentsLeft = count
        }
        while progress.argumentsLeft > 0 {
            if progress.bulkLength < 0 {
                let length: Int64, lineEnd: Int
                if position < bytes.count, bytes[position] == UInt8(ascii: "$"),
                   let short = Self.shortCount(bytes, from: position + 1) {
                    (length, lineEnd) = short
                } else {
                    guard let end = firstIndex(of: 13, in: bytes, from: position) else {
                        if bytes.count - position > maxInlineLength { throw .tooBigBulkCount }
                        return .partial(consumed: position)
                    }
                    guard end + 2 <= bytes.count else { return .partial(consumed: position) }
                    guard bytes[position] == UInt8(ascii: "$") else { throw .expectedDollar(got: bytes[position]) }
                    guard let parsed = RESPDecimal.parse(bytes, from: position + 1, to: end), parsed >= 0 else {
                        throw .invalidBulkLength
                    }
                    (length, lineEnd) = (parsed, end)
                }
                guard length <= maxBulkLength else { throw .invalidBulkLength }
                if length > 16384, !authenticated { throw .unauthenticatedBulkLength }
                progress.bulkLength = length
                position = lineEnd + 2
            }
            // Redis skips the two bytes after the data without looking at them.
            guard Int64(bytes.count - position) >= progress.bulkLength + 2 else { return .partial(consumed: position) }
            let end = position + Int(progress.bulkLength)
            argument(UnsafeBufferPointer(rebasing: bytes[position..<end]))
            position = end + 2
            progress.argumentsLeft -= 1
            progress.bulkLength = -1
        }
        return .command(consumed: position)
    }

    /// Parses the next request at the start of `bytes`.
    public func parse(_ bytes: [UInt8], authenticated: Bool = true) throws(RESPProtocolError) -> Outcome {
        let result: Result<Outcome, RESPProtocolError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(RESPProtocolError) {
                return .success(try parse(buffer, authenticated: authenticated))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The count of a `*` or `$` line whose digits start at `start`, and the index of the CR
    /// ending them, when the line is the common kind: 1 to 9 digits, no leading zero, a CR, and
    /// the byte after it present. Read in one pass; any other line (a sign, a long number, a
    /// line not yet whole, an error) is nil and goes the general way, which judges it as Redis
    /// does.
    @inlinable @inline(__always)
    static func shortCount(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (Int64, Int)? {
        let limit = min(bytes.count, start + 10)
        var index = start
        var value: Int64 = 0
        while index < limit {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit <= 9 else {
                guard bytes[index] == 13, index > start, index + 2 <= bytes.count,
                    bytes[start] != UInt8(ascii: "0") || index == start + 1
                else { return nil }
                return (value, index)
            }
            value = value &* 10 &+ Int64(digit)
            index += 1
        }
        return nil
    }

    @usableFromInline
    func parseInline(
        _ bytes: UnsafeBufferPointer<UInt8>, argument: (UnsafeBufferPointer<UInt8>) -> Void
    ) throws(RESPProtocolError) -> Step {
        guard let newline = firstIndex(of: 10, in: bytes, from: 0) else {
            if bytes.count > maxInlineLength { throw .tooBigInlineRequest }
            return .needMore
        }
        var lineEnd = newline
        if lineEnd > 0, bytes[lineEnd - 1] == 13 { lineEnd -= 1 }
        guard let arguments = RESPArgumentSplitter.split(UnsafeBufferPointer(rebasing: bytes[0..<lineEnd]))
        else { throw .unbalancedQuotes }
        if arguments.isEmpty { return .empty(consumed: newline + 1) }
        for word in arguments { word.withUnsafeBufferPointer(argument) }
        return .command(consumed: newline + 1)
    }
}

/// The index of the first `byte` in `bytes` at or after `start`.
@inlinable @inline(__always)
func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    guard start < bytes.count, let base = bytes.baseAddress else { return nil }
    guard let found = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
    return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
}
