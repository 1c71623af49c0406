#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The text Redis 7.0 writes for a double (`addReplyDouble`, `d2string`): C's `%.17g`, with
/// `inf` and `-inf` for infinities; RESP3 sends it after `,`, RESP2 as a bulk string.
public enum RESPDouble {
    /// The `%.17g` text of `value` (`1.1` → `1.1000000000000001`).
    public static func text(_ value: Double) -> String {
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value.isNaN { return "nan" }
        if value == value.rounded(), abs(value) < 1e15 {
            // Integral values print as integers under %.17g; this skips printf on the common case.
            return value == 0 ? (value.sign == .minus ? "-0" : "0") : String(Int64(value))
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            _ = withVaList([value]) { vsnprintf(buffer.baseAddress, 64, "%.17g", $0) }
            return String(cString: buffer.baseAddress!)
        }
    }

    /// `text(value)` as bytes: the bulk string a RESP2 client reads. An integral score, the
    /// common case (0 included; only -0 keeps its sign through `text`), is written straight
    /// into its array, with no String between.
    public static func bytes(_ value: Double) -> [UInt8] {
        if value == value.rounded(), abs(value) < 1e15, value != 0 || value.sign == .plus {
            return RESPEncoder.decimalBytes(Int64(value))
        }
        return Array(text(value).utf8)
    }
}
