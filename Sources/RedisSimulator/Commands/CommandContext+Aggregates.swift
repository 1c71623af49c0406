#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RESP

/// Typed key access for the aggregate families (lists, hashes, sets, sorted sets).
extension CommandContext {
    /// The list at `key`; WRONGTYPE for another type; nil when absent.
    func lookupList(_ key: ByteString) throws(RedisError) -> ListValue? {
        switch lookup(key) {
        case nil: return nil
        case .list(let value)?: return value
        default: throw .wrongType
        }
    }

    /// The hash at `key`; WRONGTYPE for another type; nil when absent.
    func lookupHash(_ key: ByteString) throws(RedisError) -> HashValue? {
        switch lookup(key) {
        case nil: return nil
        case .hash(let value)?: return value
        default: throw .wrongType
        }
    }

    /// The set at `key`; WRONGTYPE for another type; nil when absent.
    func lookupSet(_ key: ByteString) throws(RedisError) -> SetValue? {
        switch lookup(key) {
        case nil: return nil
        case .set(let value)?: return value
        default: throw .wrongType
        }
    }

    /// The sorted set at `key`; WRONGTYPE for another type; nil when absent.
    func lookupSortedSet(_ key: ByteString) throws(RedisError) -> SortedSetValue? {
        switch lookup(key) {
        case nil: return nil
        case .zset(let value)?: return value
        default: throw .wrongType
        }
    }

    /// Deletes `key` when its collection became empty, with the `del` event Redis fires then.
    func deleteIfEmpty(_ key: ByteString, _ isEmpty: Bool) {
        guard isEmpty else { return }
        deleteKey(key)
        notify(.generic, "del", key)
    }

    /// Argument `index` as a non-negative integer (Redis's getPositiveLongFromObjectOrReply:
    /// the message answers both a non-integer and a negative value).
    func positiveInteger(at index: Int, message: String = "ERR value is out of range, must be positive") throws(RedisError) -> Int64 {
        guard let value = args[index].int64Value, value >= 0 else { throw RedisError(message) }
        return value
    }

    /// Argument `index` as an integer in `range` (Redis's getRangeLongFromObjectOrReply with a message).
    func integer(at index: Int, in range: ClosedRange<Int64>, message: String) throws(RedisError) -> Int64 {
        guard let value = args[index].int64Value, range.contains(value) else { throw RedisError(message) }
        return value
    }

    /// Argument `index` as a double, as Redis's getDoubleFromObjectOrReply reads it.
    func double(at index: Int, message: String = "ERR value is not a valid float") throws(RedisError) -> Double {
        guard let value = AggregateNumbers.parseDouble(args[index]) else { throw RedisError(message) }
        return value
    }

    /// True when argument `index` equals `word`, ignoring ASCII case.
    func argument(_ index: Int, is word: String) -> Bool {
        AggregateNumbers.equalsIgnoringCase(args[index], word)
    }
}

/// Number reading and writing exactly as Redis 7.0's aggregate commands do it.
enum AggregateNumbers {
    /// Redis's string2d: strtod over the whole argument, no leading space, no NaN.
    static func parseDouble(_ text: ByteString) -> Double? {
        let bytes = text.bytes
        guard !bytes.isEmpty, bytes.count < 5 * 1024, !isSpace(bytes[0]), !bytes.contains(0) else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Double? in
            var terminated = Array(buffer) + [0]
            return terminated.withUnsafeMutableBufferPointer { pointer -> Double? in
                let start = UnsafeMutableRawPointer(pointer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var end: UnsafeMutablePointer<CChar>? = nil
                let value = strtod(start, &end)
                guard let end, end - start == bytes.count, !value.isNaN else { return nil }
                return value
            }
        }
    }

    /// Redis's string2ld (HINCRBYFLOAT): strtold over the whole argument, no leading space, no NaN.
    static func parseLongDouble(_ text: ByteString) -> Float80? {
        let bytes = text.bytes
        guard !bytes.isEmpty, bytes.count < 5 * 1024, !isSpace(bytes[0]), !bytes.contains(0) else { return nil }
        var terminated = bytes.map { CChar(bitPattern: $0) } + [0]
        return terminated.withUnsafeMutableBufferPointer { pointer -> Float80? in
            let start = pointer.baseAddress!
            var end: UnsafeMutablePointer<CChar>? = nil
            let value = strtold(start, &end)
            guard let end, end - start == bytes.count, !value.isNaN else { return nil }
            return value
        }
    }

    /// A score as Redis 7.0's addReplyDouble writes it: `inf`, `-inf`, or `%.17g`.
    static func formatScore(_ value: Double) -> ByteString {
        if value.isInfinite { return ByteString(value > 0 ? "inf" : "-inf") }
        return ByteString(printf("%.17g", value))
    }

    /// A long double as Redis's ld2string writes it in human mode (HINCRBYFLOAT): `%.17Lf`
    /// with trailing zeros and a trailing dot removed.
    static func formatLongDouble(_ value: Float80) -> ByteString {
        var text = Array(printf("%.17Lf", value).utf8)
        if text.contains(UInt8(ascii: ".")) {
            while text.last == UInt8(ascii: "0") { text.removeLast() }
            if text.last == UInt8(ascii: ".") { text.removeLast() }
        }
        if text == Array("-0".utf8) { text = Array("0".utf8) }
        return ByteString(text)
    }

    /// A score as a bulk reply.
    static func scoreReply(_ value: Double) -> RESPValue { .bulk(formatScore(value)) }

    private static func printf(_ format: String, _ value: any CVarArg) -> String {
        var buffer = [CChar](repeating: 0, count: 6000)
        let written = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
        return String(decoding: buffer.prefix(Int(max(0, written))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// ASCII case-insensitive comparison of an argument with an option word.
    static func equalsIgnoringCase(_ text: ByteString, _ word: String) -> Bool {
        let w = Array(word.utf8)
        guard text.count == w.count else { return false }
        for (a, b) in zip(text.bytes, w) {
            let la = a >= 65 && a <= 90 ? a + 32 : a
            let lb = b >= 65 && b <= 90 ? b + 32 : b
            if la != lb { return false }
        }
        return true
    }
}
