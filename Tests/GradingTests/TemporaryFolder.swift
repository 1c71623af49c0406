import Foundation

/// A folder under the system's temporary directory, removed when released.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("grading-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `contents` at `path` (folders created), optionally with a modification time.
    @discardableResult
    func write(_ path: String, _ contents: String, modified: Date? = nil) throws -> URL {
        try write(path, data: Data(contents.utf8), modified: modified)
    }

    @discardableResult
    func write(_ path: String, data: Data, modified: Date? = nil) throws -> URL {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        if let modified { try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: file.path) }
        return file
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
