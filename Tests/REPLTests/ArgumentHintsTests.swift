import Testing
@testable import REPL

@Suite struct ArgumentHintsTests {
    let hints = ArgumentHints(metaUsages: [":run": "N", ":quit": ""])

    @Test func showsTheSyntaxAfterTheCommandName() {
        #expect(hints.hint(for: "set") ==
            " key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]")
        #expect(hints.hint(for: "SET ")?.hasPrefix("key value [NX|XX]") == true)
    }

    @Test func dropsOneWordPerTypedArgumentUntilTheOptionalPart() {
        #expect(hints.hint(for: "set k")?.hasPrefix(" value [NX|XX]") == true)
        #expect(hints.hint(for: "set k v ")?.hasPrefix("[NX|XX] [GET]") == true)
        #expect(hints.hint(for: "publish news") == " message")
        #expect(hints.hint(for: "publish news hello") == nil)
    }

    @Test func subcommandsUseTheLongestMatch() {
        #expect(hints.hint(for: "xgroup create") == " key groupname id|$ [MKSTREAM] [ENTRIESREAD entries_read]")
        #expect(hints.hint(for: "XGROUP CREATE s g ") == "id|$ [MKSTREAM] [ENTRIESREAD entries_read]")
    }

    @Test func metaCommandsAndHelpHaveHints() {
        #expect(hints.hint(for: ":run") == " N")
        #expect(hints.hint(for: ":quit") == nil)
        #expect(hints.hint(for: "help") == " command|@group")
    }

    @Test func unknownOrPartialWordsHaveNoHint() {
        #expect(hints.hint(for: "se") == nil)
        #expect(hints.hint(for: "") == nil)
        #expect(hints.hint(for: #"set "unterminated"#) == nil)
    }
}
