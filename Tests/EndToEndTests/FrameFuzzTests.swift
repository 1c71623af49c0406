import Foundation
import RedislingsTestSupport
import Testing

/// The CI slice of the frame fuzzer (issue 13): seed 13, 4,000 fuzzed RESP frames (well-formed,
/// inline, mutated, bad and huge lengths, nested, junk; written in pieces of random sizes) over
/// 8 pipelined connections to `redislings serve`. Every connection must get exactly the replies
/// its frames owe, serve must neither die nor stop answering, and at the end it must answer
/// PING on a fresh connection and hold no more file descriptors than before.
/// Long runs: `Benchmarks/frame-fuzz.sh SEED FRAMES [CONNECTIONS]`.
@Suite(.serialized) struct FrameFuzzTests {
    @Test func fixedSeedSliceKeepsServeAnsweringInStep() async throws {
        let binary = try RedislingsBinary.built()
        var options = FrameFuzzer.Options(seed: 13, frames: 4_000, binary: binary.path)
        options.connections = 8
        let report = try await FrameFuzzer(options: options).runOffThePool()
        print(report.summary())
        #expect(report.frames >= 4_000)
        #expect(report.repliesChecked > 2_000, "the replies of the well-formed frames and the closing ECHOs are checked")
        #expect(report.protocolErrors > 0 && report.partialEndings > 0, "the slice reaches the parser's error and partial paths")
        #expect(report.crashes.isEmpty, "\(report.crashes)")
        #expect(report.hangs.isEmpty, "\(report.hangs)")
        #expect(report.desyncs.isEmpty, "\(report.desyncs)")
        #expect(report.answersPingAtEnd)
        #expect(report.descriptorsReturned, "serve at start: \(String(describing: report.baseline)), at the end: \(String(describing: report.end))")
    }
}
