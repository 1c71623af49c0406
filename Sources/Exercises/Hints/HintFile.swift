import Foundation

/// A `HintLog` kept as a small JSON file (`{"exercise-id": 2}`), written atomically.
public struct HintFile: HintLog {
    /// The file's path.
    public let path: String

    /// A log stored at `path` (created on the first write, with its folder).
    public init(path: String) { self.path = path }

    public func hintsShown(for exercise: String) throws -> Int {
        try load()[exercise] ?? 0
    }

    public func recordHintsShown(_ count: Int, for exercise: String) throws {
        var counts = try load()
        counts[exercise] = count
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            try encoder.encode(counts).write(to: url, options: .atomic)
        } catch {
            throw HintFileError(message: "cannot write \(path): \(error.localizedDescription); check that its folder is writable")
        }
    }

    private func load() throws -> [String: Int] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        guard let counts = try? JSONDecoder().decode([String: Int].self, from: data) else {
            throw HintFileError(message: "\(path):1: not a JSON object of hint counts; delete the file to start the hints over")
        }
        return counts
    }
}

/// A hint file that cannot be read or written.
public struct HintFileError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, naming the file.
    public let message: String
    public var description: String { message }
}
