import Testing
@testable import REPL

@Suite struct MessageWrapperTests {
    @Test func wrapsAtWordsAndIndentsUnderTheText() {
        let text = "Hint 1/3: Nothing is kept for later on a channel, so listen before the newsroom speaks."
        let wrapped = MessageWrapper.wrap(text, width: 40, indent: 10)
        #expect(wrapped == """
            Hint 1/3: Nothing is kept for later on a
                      channel, so listen before the
                      newsroom speaks.
            """)
        #expect(wrapped.split(separator: "\n").allSatisfy { $0.count <= 40 })
    }

    @Test func shortTextAndNarrowTerminalsAreLeftAlone() {
        #expect(MessageWrapper.wrap("✓ done (2/2)", width: 80, indent: 2) == "✓ done (2/2)")
        #expect(MessageWrapper.wrap("a long line that cannot be wrapped sensibly", width: 12, indent: 10)
            == "a long line that cannot be wrapped sensibly")
    }
}
