import Foundation

extension RedislingsBinary {
    /// Runs the binary like `run(_:in:environment:)`, with `input` as its standard input (not a
    /// terminal, as in a script).
    public func run(_ arguments: [String], in directory: String, environment: [String: String] = [:], input: String) throws -> Output {
        let inputPath = NSTemporaryDirectory() + "redislings-input-\(UUID().uuidString)"
        try Data(input.utf8).write(to: URL(fileURLWithPath: inputPath))
        defer { try? FileManager.default.removeItem(atPath: inputPath) }
        let quoted = ([path] + arguments).map(shellQuoted).joined(separator: " ")
        var base = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "COLUMNS": "80", "HOME": NSTemporaryDirectory()]
        base.merge(environment) { $1 }
        let exports = base.map { "\($0.key)=\(shellQuoted($0.value))" }.joined(separator: " ")
        let errorPath = inputPath + ".err"
        defer { try? FileManager.default.removeItem(atPath: errorPath) }
        let result = try runShell(
            "cd \(shellQuoted(directory)) && env -i \(exports) \(quoted) <\(shellQuoted(inputPath)) 2>\(shellQuoted(errorPath))")
        let error = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        return Output(standardOutput: result.output, standardError: error, status: result.status)
    }
}
