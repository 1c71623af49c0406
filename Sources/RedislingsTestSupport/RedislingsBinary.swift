import Foundation

/// Runs the built `redislings` executable, for end-to-end tests.
public struct RedislingsBinary: Sendable {
    /// What one run printed and how it ended.
    public struct Output: Sendable {
        public var standardOutput: String
        public var standardError: String
        public var status: Int32
    }

    /// The executable's path.
    public let path: String

    /// Finds the binary: `$REDISLINGS_BINARY`, next to the test bundle, or in the package's
    /// `.build/debug`; nil when it has not been built.
    public static func locate(file: String = #filePath) -> RedislingsBinary? {
        var candidates: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["REDISLINGS_BINARY"] { candidates.append(explicit) }
        for bundle in Bundle.allBundles + [Bundle.main] {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("redislings").path)
        }
        if let first = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: first).deletingLastPathComponent().appendingPathComponent("redislings").path)
        }
        let packageRoot = URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/redislings").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }.map(RedislingsBinary.init(path:))
    }

    /// Runs the binary with `arguments` in `directory`, with the environment trimmed to a
    /// predictable one (no colour variables, `COLUMNS` as given) plus `environment`, and standard
    /// input from /dev/null.
    public func run(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> Output {
        try run(arguments, in: directory, environment: environment, inputFile: "/dev/null")
    }

    /// The one way the tests run the binary: through `runShell` (posix_spawn and waitpid; never
    /// Foundation's `Process`, whose wait can hang on Linux off the main thread), killed after
    /// `timeout` seconds so a hung run fails its test instead of the whole suite.
    func run(_ arguments: [String], in directory: String, environment: [String: String], inputFile: String, timeout: Int = 600) throws -> Output {
        let quoted = ([path] + arguments).map(shellQuoted).joined(separator: " ")
        var base = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "COLUMNS": "80", "HOME": NSTemporaryDirectory()]
        base.merge(environment) { $1 }
        let exports = base.map { "\($0.key)=\(shellQuoted($0.value))" }.joined(separator: " ")
        let errorPath = NSTemporaryDirectory() + "redislings-stderr-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: errorPath) }
        let result = try runShell(
            "cd \(shellQuoted(directory)) && exec env -i \(exports) \(quoted) <\(shellQuoted(inputFile)) 2>\(shellQuoted(errorPath))",
            timeout: timeout)
        let error = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        return Output(standardOutput: result.output, standardError: error, status: result.status)
    }
}
