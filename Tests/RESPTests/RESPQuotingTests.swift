import RESP
import Testing

@Suite struct RESPQuotingTests {
    /// Every branch of sdscatrepr: printable ASCII kept, quotes and backslashes escaped, the five
    /// named controls by name, and other bytes (NUL, DEL, high bytes) in lowercase hex.
    @Test func quotesAsRedisSdscatreprDoes() {
        #expect(RESPQuoting.quoted(Array("a b~".utf8)) == "\"a b~\"")
        #expect(RESPQuoting.quoted(Array("say \"hi\" \\o/".utf8)) == #""say \"hi\" \\o/""#)
        #expect(RESPQuoting.quoted([0x0A, 0x0D, 0x09, 0x07, 0x08]) == #""\n\r\t\a\b""#)
        #expect(RESPQuoting.quoted([0x00, 0x1B, 0x7F, 0xC3, 0xA9, 0xFF]) == #""\x00\x1b\x7f\xc3\xa9\xff""#)
        #expect(RESPQuoting.quoted([]) == "\"\"")
    }
}
