import Testing

extension RedislingsBinary {
    /// The built binary, or a failed requirement saying how to build it: an end-to-end test
    /// fails, never skips, when the binary is missing.
    public static func built(sourceLocation: SourceLocation = #_sourceLocation) throws -> RedislingsBinary {
        try #require(locate(), "build the redislings product first (swift build --build-tests builds it)", sourceLocation: sourceLocation)
    }
}

extension RedislingsBinary.Output {
    /// Expects the run to have ended with `status`, printing each of `output` on standard output
    /// and each of `errors` on standard error; a failure shows both streams whole, so the test
    /// says what the binary did instead. Returns whether everything matched.
    @discardableResult
    public func expect(
        status expected: Int32 = 0, printed output: [String] = [], errors: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> Bool {
        let streams = "exit status \(status)\n--- standard output:\n\(standardOutput)\n--- standard error:\n\(standardError)"
        var matched = status == expected
        #expect(status == expected, Comment(rawValue: streams), sourceLocation: sourceLocation)
        for part in output where !standardOutput.contains(part) {
            matched = false
            Issue.record(Comment(rawValue: "standard output lacks \(part.debugDescription)\n\(streams)"), sourceLocation: sourceLocation)
        }
        for part in errors where !standardError.contains(part) {
            matched = false
            Issue.record(Comment(rawValue: "standard error lacks \(part.debugDescription)\n\(streams)"), sourceLocation: sourceLocation)
        }
        return matched
    }
}
