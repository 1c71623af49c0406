#if canImport(Glibc)
import Glibc
#endif
import Testing
import RedisSimulator

/// Expected texts were read from redis-server 7.0.15 (ZADD/ZSCORE, INCRBYFLOAT).
@Suite struct NumberFormatTests {
    @Test(arguments: [
        (1.1, "1.1000000000000001"), (0.1, "0.10000000000000001"), (0, "0"), (-0.0, "-0"),
        (Double.leastNonzeroMagnitude, "4.9406564584124654e-324"), (0.30000000000000004, "0.30000000000000004"),
        (123456789012345680, "1.2345678901234568e+17"), (1e300, "1.0000000000000001e+300"),
        (Double.infinity, "inf"), (-Double.infinity, "-inf"), (3, "3"), (-42, "-42"), (2.5, "2.5"),
    ])
    func scoresPrintAsPercent17g(value: Double, text: String) {
        #expect(RedisNumberFormat.double(value) == text)
    }

    @Test(arguments: [
        ("1", 1.0), ("-1.5", -1.5), ("inf", Double.infinity), ("+inf", Double.infinity),
        ("-inf", -Double.infinity), ("-Infinity", -Double.infinity), ("0x1p3", 8.0), ("1e308", 1e308),
        ("5e-324", Double.leastNonzeroMagnitude), (".5", 0.5), ("+3", 3),
    ])
    func strictDoublesParse(text: String, value: Double) {
        #expect(ByteString(text).doubleValue == value)
    }

    @Test(arguments: ["", " 1", "1 ", "nan", "NaN", "1e400", "1e-400", "abc", "1.2.3", "--1", "\t1"])
    func strictDoublesRefuse(text: String) {
        #expect(ByteString(text).doubleValue == nil)
    }

    /// A sign and at most 15 digits, leading zeros included, are read without `strtod`; the
    /// value, and the sign of a zero, must be what `strtod` reads over the whole string.
    @Test(arguments: [
        "000000019375", "-000", "+0012", "-0", "0", "7", "999999999999999", "-999999999999999",
        "000000000000000", "9999999999999999", "0000000000000001", "-0000000000000000", "-", "+", "-+1", "12a",
    ])
    func shortDecimalsReadAsStrtodReadsThem(text: String) {
        let expected: Double? = text.withCString { start in
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(start, &end)
            return end.map { $0 - UnsafeMutablePointer(mutating: start) } == text.utf8.count ? value : nil
        }
        let actual = ByteString(text).doubleValue
        #expect(actual == expected)
        #expect(actual?.sign == expected?.sign)
    }

    @Test func negativeZeroKeepsItsSign() throws {
        let value = try #require(ByteString("-0").doubleValue)
        #expect(value == 0 && value.sign == .minus)
    }

    @Test func scoreBoundsAreLooserThanStrictDoubles() {
        #expect(ByteString("").scoreBoundValue == 0)
        #expect(ByteString(" 1").scoreBoundValue == 1)
        #expect(ByteString("1e400").scoreBoundValue == .infinity)
        #expect(ByteString("1 ").scoreBoundValue == nil)
        #expect(ByteString("nan").scoreBoundValue == nil)
    }

    @Test func longDoublesParseAsStrtold() {
        #expect(ByteString("0x10").longDoubleValue == 16)
        #expect(ByteString("1e-400").longDoubleValue != nil)
        #expect(ByteString("1e5000").longDoubleValue == nil)
        #expect(ByteString("").longDoubleValue == nil)
        #expect(ByteString(" 1").longDoubleValue == nil)
        #expect(ByteString("1 ").longDoubleValue == nil)
        #expect(ByteString("inf").longDoubleValue == .infinity)
        #expect(ByteString(String(repeating: "1", count: 5120)).longDoubleValue == nil)
    }

    /// INCRBYFLOAT results: (stored value, increment, reply) as redis-server 7.0.15 gave them.
    @Test(arguments: [
        ("1.1", "2.2", "3.3"), ("1.5", "0.1", "1.6"), ("10.50", "0", "10.5"), ("0", "-0.0", "0"),
        ("0", "5.0e3", "5000"), ("5000", "0.1", "5000.10000000000000009"),
        ("3", "1e17", "100000000000000003"), ("-5", "5", "0"), ("1", "-1.0000001", "-0.0000001"),
        ("5.0e3", "1.5e-7", "5000.00000014999999998"), ("1", "2e-310", "1"), ("1", "1e-400", "1"),
        ("3.3", "1e30", "1000000000000000000024696061952"),
    ])
    func incrByFloatFormatsAsRedis(stored: String, increment: String, reply: String) throws {
        let a = try #require(ByteString(stored).longDoubleValue)
        let b = try #require(ByteString(increment).longDoubleValue)
        #expect(RedisNumberFormat.humanLongDouble(a + b) == reply)
    }
}
