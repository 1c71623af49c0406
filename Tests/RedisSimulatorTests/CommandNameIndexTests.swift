import Testing
@testable import RedisSimulator

/// The command table's lookup by wire name: any letter case finds the spec, and nothing else
/// does (the byte-wise lowercasing must not fold punctuation the way `| 0x20` would).
@Suite struct CommandNameIndexTests {
    let table = CommandTable.standard

    @Test func everyCommandIsFoundInLowerUpperAndMixedCase() {
        for (name, spec) in table.commands {
            let mixed = String(name.enumerated().map { $0.offset % 2 == 0 ? Character($0.element.uppercased()) : $0.element })
            for variant in [name, name.uppercased(), mixed] {
                #expect(table.lookup(ByteString(variant)) === spec, "\(variant)")
            }
        }
    }

    @Test func onlyLettersAreFolded() {
        #expect(table.lookup("EVAL_RO") === table.commands["eval_ro"])
        // `_` is 0x5F: OR-ing 0x20 would make it 0x7F, and `[` would become `{`.
        #expect(table.lookup(ByteString([0x65, 0x76, 0x61, 0x6C, 0x7F, 0x72, 0x6F])) == nil)
        #expect(table.lookup("GE[") == nil)
        #expect(table.lookup("get\u{0}") == nil)
        #expect(table.lookup("ge") == nil)
        #expect(table.lookup("") == nil)
        // Bytes past ASCII are never folded: 0xC7 is not 0xE7.
        #expect(table.lookup(ByteString([0x67, 0x65, 0xC7])) == nil)
    }

    @Test func aNameLongerThanAnyCommandIsUnknown() {
        #expect(table.lookup(ByteString(String(repeating: "GET", count: 20))) == nil)
        #expect(table.lookup(ByteString(String(repeating: "x", count: 23))) == nil)
    }
}
