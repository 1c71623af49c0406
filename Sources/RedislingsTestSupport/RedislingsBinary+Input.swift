import Foundation

extension RedislingsBinary {
    /// Runs the binary like `run(_:in:environment:)`, with `input` as its standard input (not a
    /// terminal, as in a script).
    public func run(_ arguments: [String], in directory: String, environment: [String: String] = [:], input: String) throws -> Output {
        let inputPath = NSTemporaryDirectory() + "redislings-input-\(UUID().uuidString)"
        try Data(input.utf8).write(to: URL(fileURLWithPath: inputPath))
        defer { try? FileManager.default.removeItem(atPath: inputPath) }
        return try run(arguments, in: directory, environment: environment, inputFile: inputPath)
    }
}
