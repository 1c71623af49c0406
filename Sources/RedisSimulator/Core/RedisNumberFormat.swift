#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RESP

/// Redis 7.0's text forms of floating-point numbers, produced by the C library's `printf` so
/// every digit matches what redis-server sends.
public enum RedisNumberFormat {
    /// A double as Redis 7.0's `addReplyDouble` and `d2string` write it: `%.17g`, with `inf`
    /// and `-inf` for infinities (ZSCORE, ZINCRBY, ZRANGE WITHSCORES: `1.1` → `1.1000000000000001`).
    public static func double(_ value: Double) -> String { RESPDouble.text(value) }

    /// A long double as Redis 7.0's `ld2string` writes it in human mode (INCRBYFLOAT,
    /// HINCRBYFLOAT): `%.17Lf`, trailing zeros and a trailing `.` removed, `-0` written `0`,
    /// and `inf`/`-inf` for infinities.
    public static func humanLongDouble(_ value: LongDouble) -> String {
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        #if arch(x86_64) || arch(i386)
        var text = Array(printf("%.17Lf", value).utf8)
        #else
        var text = Array(printf("%.17f", value).utf8)
        #endif
        if text.contains(UInt8(ascii: ".")) {
            while text.last == UInt8(ascii: "0") { text.removeLast() }
            if text.last == UInt8(ascii: ".") { text.removeLast() }
        }
        if text == Array("-0".utf8) { return "0" }
        return String(decoding: text, as: UTF8.self)
    }

    /// Formats one C variadic argument with `vsnprintf`, growing the buffer as needed.
    static func printf(_ format: String, _ argument: any CVarArg) -> String {
        var capacity = 64
        while true {
            var buffer = [CChar](repeating: 0, count: capacity)
            let written = withVaList([argument]) { list in
                buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, capacity, format, list) }
            }
            if written >= 0, Int(written) < capacity {
                return String(decoding: buffer[0..<Int(written)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
            capacity = max(capacity * 2, Int(written) + 1)
        }
    }
}

extension ByteString {
    /// The `%.17g` text of `value`, as Redis writes scores (see `RedisNumberFormat.double`).
    public init(double value: Double) { self.init(RedisNumberFormat.double(value)) }

    /// The human text of `value`, as INCRBYFLOAT stores it (see `RedisNumberFormat.humanLongDouble`).
    public init(humanLongDouble value: LongDouble) { self.init(RedisNumberFormat.humanLongDouble(value)) }
}
