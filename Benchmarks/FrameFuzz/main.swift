@preconcurrency import Foundation
import RedislingsTestSupport

// FrameFuzz SEED FRAMES [CONNECTIONS [REDISLINGS_BINARY]]: one seeded run of fuzzed RESP frames
// through `redislings serve` over CONNECTIONS pipelined connections (default 32); prints
// progress, then the report (FUZZ_REPLY_BOUND=SECONDS: how long a reply may take before it
// counts as a hang, default 30, for a run at low priority on a busy machine; FUZZ_SECONDS=N
// starts no episode after N seconds, and reports the frames sent by then). Exits 1 when
// serve crashed, hung or desynced, did not answer PING at the end, or kept more file
// descriptors than it had before the run.
let arguments = CommandLine.arguments
guard arguments.count >= 3, let seed = UInt64(arguments[1]), let frames = Int(arguments[2]), frames >= 0 else {
    FileHandle.standardError.write(Data("usage: FrameFuzz SEED FRAMES [CONNECTIONS [path/to/redislings]]\n".utf8))
    exit(2)
}
let connections = arguments.count > 3 ? Int(arguments[3]) ?? 0 : 32
guard connections > 0 else {
    FileHandle.standardError.write(Data("FrameFuzz: CONNECTIONS must be a positive number\n".utf8))
    exit(2)
}
let binary = arguments.count > 4
    ? arguments[4] : URL(fileURLWithPath: arguments[0]).deletingLastPathComponent().appendingPathComponent("redislings").path
guard FileManager.default.isExecutableFile(atPath: binary) else {
    FileHandle.standardError.write(Data("FrameFuzz: no redislings executable at \(binary); build it or pass its path.\n".utf8))
    exit(2)
}
var options = FrameFuzzer.Options(seed: seed, frames: frames, binary: binary)
options.connections = connections
if let text = ProcessInfo.processInfo.environment["FUZZ_REPLY_BOUND"], let bound = Double(text), bound > 0 {
    options.replyBound = bound
}
if let text = ProcessInfo.processInfo.environment["FUZZ_SECONDS"], let seconds = Double(text), seconds > 0 {
    options.deadline = Date().addingTimeInterval(seconds)
}
options.log = { line in
    print(line)
    fflush(stdout)
}
do {
    let report = try FrameFuzzer(options: options).run()
    print(report.summary())
    let clean = report.crashes.isEmpty && report.hangs.isEmpty && report.desyncs.isEmpty
    exit(clean && report.answersPingAtEnd && report.descriptorsReturned ? 0 : 1)
} catch {
    FileHandle.standardError.write(Data("FrameFuzz: \(error)\n".utf8))
    exit(2)
}
