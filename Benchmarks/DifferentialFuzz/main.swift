@preconcurrency import Foundation
import RedislingsTestSupport

// DifferentialFuzz SEED COUNT [REDISLINGS_BINARY]: one seeded differential fuzzing run of
// `redislings serve` against redis-server; prints progress, then the report (FUZZ_TRACE=1 also
// prints every command with both replies; FUZZ_REPLY_BOUND=SECONDS gives serve longer than 5 s
// to answer before it counts as hung, for a run at low priority on a busy machine;
// FUZZ_SECONDS=N stops the run after N seconds with the commands sent so far; FUZZ_RESP=3 speaks
// RESP3 on both connections). Exits 1 when serve
// crashed, hung or desynced (mismatched replies are reported, not failed on).
let arguments = CommandLine.arguments
guard arguments.count >= 3, let seed = UInt64(arguments[1]), let count = Int(arguments[2]), count >= 0 else {
    FileHandle.standardError.write(Data("usage: DifferentialFuzz SEED COUNT [path/to/redislings]\n".utf8))
    exit(2)
}
let binary = arguments.count > 3
    ? arguments[3] : URL(fileURLWithPath: arguments[0]).deletingLastPathComponent().appendingPathComponent("redislings").path
guard FileManager.default.isExecutableFile(atPath: binary) else {
    FileHandle.standardError.write(Data("DifferentialFuzz: no redislings executable at \(binary); build it or pass its path.\n".utf8))
    exit(2)
}
var options = DifferentialFuzzer.Options(seed: seed, count: count, binary: binary)
options.trace = ProcessInfo.processInfo.environment["FUZZ_TRACE"] != nil
if let text = ProcessInfo.processInfo.environment["FUZZ_REPLY_BOUND"], let bound = Double(text), bound > 0 {
    options.replyBound = bound
}
if let text = ProcessInfo.processInfo.environment["FUZZ_SECONDS"], let seconds = Double(text), seconds > 0 {
    options.deadline = Date().addingTimeInterval(seconds)
}
if ProcessInfo.processInfo.environment["FUZZ_RESP"] == "3" { options.protocolVersion = 3 }
options.log = { line in
    print(line)
    fflush(stdout)
}
do {
    let report = try DifferentialFuzzer(options: options).run()
    print(report.summary())
    exit(report.crashes.isEmpty && report.hangs.isEmpty && report.desyncs.isEmpty ? 0 : 1)
} catch {
    FileHandle.standardError.write(Data("DifferentialFuzz: \(error)\n".utf8))
    exit(2)
}
