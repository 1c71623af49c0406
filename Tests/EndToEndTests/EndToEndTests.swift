import Testing

@Suite struct EndToEndTests {
    @Test func placeholderUntilTheBinaryHasCommands() { #expect(1 + 1 == 2) }
}
