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
    /// predictable one (no colour variables, `COLUMNS` as given) plus `environment`.
    public func run(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var base = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "COLUMNS": "80", "HOME": NSTemporaryDirectory()]
        base.merge(environment) { $1 }
        process.environment = base
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read standard error on another thread so that neither pipe can fill up and block the child.
        let errorData = DataBox()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errorData.data = error.fileHandleForReading.readDataToEndOfFile() }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData.data, as: UTF8.self),
            status: process.terminationStatus)
    }
}

/// Data written by one thread and read by another after a `DispatchGroup.wait()`.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
