import Testing
@testable import RedislingsTestSupport

/// The frame fuzzer's model of what a server owes (issue 13). A server reads in pieces, so an
/// inline request longer than 64 KB is refused before its newline arrives, whole line or not:
/// redis-server 7.0.15 answers `ECHO <1 MB>\r\n`, sent at once, with "-ERR Protocol error: too
/// big inline request" and closes (the client, still writing, sees a reset). The model once
/// expected the echo, and counted serve's identical close as a desync (seed 4, 5 of 800,000 frames).
@Suite struct FrameEpisodeTests {
    @Test func anInlineRequestLongerThanTheLimitIsAProtocolErrorAtTheLimit() {
        var inMulti = false
        let long = Array("PING\r\nECHO ".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20) + Array("\r\n".utf8)
        guard case .protocolError(let prefix, let commands) = FrameEpisode.read(long, inMulti: &inMulti) else {
            Issue.record("a 1 MB inline line was read as a whole request")
            return
        }
        #expect(commands == 1)
        #expect(prefix == 6 + 64 * 1024 + 1)
    }

    @Test func inlineRequestsUpToTheLimitAndLongMultibulkArgumentsAreRead() {
        var inMulti = false
        let line = Array("ECHO ".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 64 * 1024 - 6) + Array("\r\n".utf8)
        let multibulk = Array("*2\r\n$4\r\nECHO\r\n$1048576\r\n".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20) + Array("\r\n".utf8)
        guard case .clean(commands: 2) = FrameEpisode.read(line + multibulk, inMulti: &inMulti) else {
            Issue.record("a 64 KB inline line or a 1 MB bulk argument was refused")
            return
        }
    }
}
