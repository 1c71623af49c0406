/// Reads server replies (every RESP2 and RESP3 type) incrementally: it never reads past its input,
/// consumes nothing from a partial frame and limits nesting and sizes.
public struct RESPReplyParser: Sendable {
    /// The deepest nesting of arrays accepted.
    public var maxDepth: Int
    /// The longest bulk string accepted.
    public var maxBulkLength: Int64
    /// The most elements one array may announce.
    public var maxArrayLength: Int64
    /// The longest status, error or length line accepted.
    public var maxLineLength: Int

    /// A parser with generous limits, well above anything Redis sends the course.
    public init(
        maxDepth: Int = 64, maxBulkLength: Int64 = 512 * 1024 * 1024, maxArrayLength: Int64 = 1 << 32,
        maxLineLength: Int = 64 * 1024
    ) {
        self.maxDepth = maxDepth
        self.maxBulkLength = maxBulkLength
        self.maxArrayLength = maxArrayLength
        self.maxLineLength = maxLineLength
    }

    /// Parses the next reply at the start of `bytes`: the value and the bytes it took, or nil
    /// when the input ends inside it (nothing consumed).
    public func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(RESPProtocolError) -> (RESPValue, consumed: Int)? {
        var position = 0
        guard let value = try parseValue(bytes, &position, depth: 0) else { return nil }
        return (value, position)
    }

    /// Parses the next reply at the start of `bytes`.
    public func parse(_ bytes: [UInt8]) throws(RESPProtocolError) -> (RESPValue, consumed: Int)? {
        let result: Result<(RESPValue, consumed: Int)?, RESPProtocolError> = bytes.withUnsafeBufferPointer {
            buffer in
            do throws(RESPProtocolError) {
                return .success(try parse(buffer))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private func parseValue(
        _ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int, depth: Int
    ) throws(RESPProtocolError) -> RESPValue? {
        guard position < bytes.count else { return nil }
        let type = bytes[position]
        guard let lineEnd = try line(bytes, after: position) else { return nil }
        let contentStart = position + 1
        switch type {
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let text = RESPLine(bytes: UnsafeBufferPointer(rebasing: bytes[contentStart..<lineEnd]))
            position = lineEnd + 2
            return type == UInt8(ascii: "+") ? .simpleString(text) : .error(text)
        case UInt8(ascii: ":"):
            guard let value = RESPDecimal.parse(bytes, from: contentStart, to: lineEnd) else {
                throw RESPProtocolError("Protocol error: invalid integer")
            }
            position = lineEnd + 2
            return .integer(value)
        case UInt8(ascii: "$"), UInt8(ascii: "="), UInt8(ascii: "!"):
            guard let length = RESPDecimal.parse(bytes, from: contentStart, to: lineEnd), length >= -1,
                length <= maxBulkLength
            else { throw .invalidBulkLength }
            if length == -1 {
                guard type == UInt8(ascii: "$") else { throw .invalidBulkLength }
                position = lineEnd + 2
                return .nullBulkString
            }
            let start = lineEnd + 2
            guard Int64(bytes.count - start) >= length + 2 else { return nil }
            let end = start + Int(length)
            guard bytes[end] == 13, bytes[end + 1] == 10 else {
                throw RESPProtocolError("Protocol error: expected CRLF after bulk data")
            }
            position = end + 2
            let payload = Array(bytes[start..<end])
            switch type {
            case UInt8(ascii: "="):
                guard payload.count >= 4, payload[3] == UInt8(ascii: ":") else {
                    throw RESPProtocolError("Protocol error: verbatim string without a format")
                }
                return .verbatimString(
                    format: String(decoding: payload[0..<3], as: UTF8.self), text: Array(payload[4...]))
            case UInt8(ascii: "!"):
                return .error(RESPLine(bytes: payload))
            default:
                return .bulkString(payload)
            }
        case UInt8(ascii: "*"), UInt8(ascii: "%"), UInt8(ascii: "~"), UInt8(ascii: ">"), UInt8(ascii: "|"):
            guard let count = RESPDecimal.parse(bytes, from: contentStart, to: lineEnd), count >= -1,
                count <= maxArrayLength
            else { throw .invalidMultibulkLength }
            if count == -1 {
                guard type == UInt8(ascii: "*") else { throw .invalidMultibulkLength }
                position = lineEnd + 2
                return .nullArray
            }
            guard depth < maxDepth else { throw RESPProtocolError("Protocol error: nesting too deep") }
            let isPaired = type == UInt8(ascii: "%") || type == UInt8(ascii: "|")
            let (elements, overflow) = count.multipliedReportingOverflow(by: isPaired ? 2 : 1)
            guard !overflow else { throw .invalidMultibulkLength }
            var cursor = lineEnd + 2
            var items: [RESPValue] = []
            items.reserveCapacity(Int(min(elements, 1024)))
            for _ in 0..<elements {
                guard let item = try parseValue(bytes, &cursor, depth: depth + 1) else { return nil }
                items.append(item)
            }
            if type == UInt8(ascii: "|") {
                // An attribute annotates the reply that follows it; the course has no use for it.
                guard let annotated = try parseValue(bytes, &cursor, depth: depth) else { return nil }
                position = cursor
                return annotated
            }
            position = cursor
            switch type {
            case UInt8(ascii: "%"): return .map(items)
            case UInt8(ascii: "~"): return .set(items)
            case UInt8(ascii: ">"): return .push(items)
            default: return .array(items)
            }
        case UInt8(ascii: "_"):
            guard lineEnd == contentStart else { throw RESPProtocolError("Protocol error: invalid null") }
            position = lineEnd + 2
            return .null
        case UInt8(ascii: "#"):
            guard lineEnd == contentStart + 1, bytes[contentStart] == UInt8(ascii: "t") || bytes[contentStart] == UInt8(ascii: "f")
            else { throw RESPProtocolError("Protocol error: invalid boolean") }
            position = lineEnd + 2
            return .boolean(bytes[contentStart] == UInt8(ascii: "t"))
        case UInt8(ascii: ","):
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[contentStart..<lineEnd]), as: UTF8.self)
            guard let number = Self.double(text) else { throw RESPProtocolError("Protocol error: invalid double") }
            position = lineEnd + 2
            return .double(number)
        case UInt8(ascii: "("):
            let digits = UnsafeBufferPointer(rebasing: bytes[contentStart..<lineEnd])
            let body = digits.first == UInt8(ascii: "-") || digits.first == UInt8(ascii: "+") ? digits.dropFirst() : digits[...]
            guard !body.isEmpty, body.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
                throw RESPProtocolError("Protocol error: invalid big number")
            }
            position = lineEnd + 2
            return .bigNumber(String(decoding: digits, as: UTF8.self))
        default:
            throw RESPProtocolError(
                "Protocol error: invalid reply type byte '\(Character(Unicode.Scalar(type)))'")
        }
    }

    /// A RESP3 double's text: a decimal or exponent form, `inf`, `-inf` or `nan`.
    private static func double(_ text: String) -> Double? {
        switch text {
        case "inf", "+inf": return .infinity
        case "-inf": return -.infinity
        case "nan", "-nan": return .nan
        default:
            guard !text.isEmpty, text.utf8.allSatisfy({ "0123456789+-.eE".utf8.contains($0) }) else { return nil }
            return Double(text)
        }
    }

    /// The index of the CR ending the line that starts at `start`, or nil if it is incomplete.
    private func line(_ bytes: UnsafeBufferPointer<UInt8>, after start: Int) throws(RESPProtocolError) -> Int? {
        guard let cr = firstIndex(of: 13, in: bytes, from: start) else {
            if bytes.count - start > maxLineLength { throw RESPProtocolError("Protocol error: too big reply line") }
            return nil
        }
        guard cr + 1 < bytes.count else { return nil }
        guard bytes[cr + 1] == 10 else { throw RESPProtocolError("Protocol error: expected LF after CR") }
        return cr
    }
}
