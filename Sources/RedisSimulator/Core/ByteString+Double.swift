#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if arch(x86_64) || arch(i386)
/// C's `long double` as Redis's INCRBYFLOAT and HINCRBYFLOAT compute with it (80-bit extended on x86).
public typealias LongDouble = Float80
#else
/// C's `long double`; where Swift has no wider type, `Double` stands in for it.
public typealias LongDouble = Double
#endif

extension ByteString {
    /// The value as Redis's `string2d` reads it (ZADD scores, INCRBYFLOAT's increment in hashes
    /// and sorted sets): the whole string must be a C `strtod` number — `inf`, `+inf`, `-inf`,
    /// `infinity`, hex floats included — with no leading space, no trailing bytes, no NaN, and
    /// no overflow or underflow to zero. Nil otherwise (Redis's "value is not a valid float").
    ///
    /// - Complexity: O(n).
    public var doubleValue: Double? {
        if let digits = shortDecimalValue { return digits }
        guard !isEmpty, !Self.isCSpace(firstByte) else { return nil }
        return withCString { text -> Double? in
            errno = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(text, &end)
            guard let end, end - UnsafeMutablePointer(mutating: text) == count else { return nil }
            if errno == ERANGE, value == .infinity || value == -.infinity || value == 0 { return nil }
            return value.isNaN ? nil : value
        }
    }

    /// The value as Redis's `zslParseRange` reads a score bound (after any `(`): C `strtod` over
    /// the whole string, so leading spaces and the empty string (0) are accepted and overflow
    /// gives ±inf; only NaN and trailing bytes are refused. Nil for those.
    ///
    /// - Complexity: O(n).
    public var scoreBoundValue: Double? {
        if let digits = shortDecimalValue { return digits }
        return withCString { text -> Double? in
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(text, &end)
            // strtod stops at an embedded NUL, which Redis then sees as the end of the string.
            guard let end, end.pointee == 0 else { return nil }
            return value.isNaN ? nil : value
        }
    }

    /// The value as Redis's `string2ld` reads it (INCRBYFLOAT, HINCRBYFLOAT): C `strtold`, at
    /// most 5119 bytes, no leading space, nothing after the number (an embedded NUL included:
    /// Redis checks that the number spans the whole argument), no NaN, no overflow or underflow
    /// to zero. Nil otherwise.
    ///
    /// - Complexity: O(n).
    public var longDoubleValue: LongDouble? {
        guard !isEmpty, count < 5 * 1024, !Self.isCSpace(firstByte) else { return nil }
        return withCString { text -> LongDouble? in
            errno = 0
            var end: UnsafeMutablePointer<CChar>?
            #if arch(x86_64) || arch(i386)
            let value = strtold(text, &end)
            #else
            let value = strtod(text, &end)
            #endif
            guard let end, end - UnsafeMutablePointer(mutating: text) == count else { return nil }
            if errno == ERANGE, value == .infinity || value == -.infinity || value == 0 { return nil }
            if errno == EINVAL { return nil }
            return value.isNaN ? nil : value
        }
    }

    /// What `strtod` reads in a sign and at most 15 decimal digits, leading zeros included
    /// (redis-benchmark's scores are `000000019375`, which `int64Value` refuses as Redis's
    /// string2ll does): every such number is a Double exactly, so it needs no C call. The one
    /// fast path of both readings above, integers included. Nil for anything else, which
    /// `strtod` then reads.
    private var shortDecimalValue: Double? {
        guard count <= 16 else { return nil }
        return withUnsafeBytes { bytes -> Double? in
            var index = 0
            var negative = false
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
                negative = sign == UInt8(ascii: "-")
                index = 1
            }
            let digits = bytes.count - index
            guard digits >= 1, digits <= 15 else { return nil }
            var value: Int64 = 0
            while index < bytes.count {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit <= 9 else { return nil }
                value = value * 10 + Int64(digit)
                index += 1
            }
            // strtod keeps the sign of a zero: "-0" is -0.0.
            return negative ? -Double(value) : Double(value)
        }
    }

    /// Calls `body` with the bytes as a NUL-terminated C string, copied to the stack when short.
    func withCString<R>(_ body: (UnsafePointer<CChar>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer in
            withUnsafeBytes { bytes in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: bytes)
            }
            buffer[count] = 0
            return body(UnsafePointer(buffer.baseAddress!))
        }
    }

    /// The first byte (callers check that there is one).
    var firstByte: UInt8 { withUnsafeBytes { $0[0] } }

    /// C's `isspace` in the C locale.
    static func isCSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }
}
