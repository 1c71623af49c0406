#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads and writes RDB files: written to a temporary file in the same directory, flushed and
/// renamed over the old one, as Redis does, so a crash mid-save never leaves half a file.
enum RDBFileStore {
    static func path(directory: String, fileName: String) -> String {
        fileName.hasPrefix("/") ? fileName : (directory.hasSuffix("/") ? directory : directory + "/") + fileName
    }

    static func save(_ bytes: [UInt8], to path: String) throws(RDBFileError) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let temporary = (directory.isEmpty ? "" : directory + "/") + "temp-\(getpid()).rdb"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw RDBFileError(message: "Failed opening the temp RDB file \(temporary) (in server root dir \(directory)) for saving: \(errnoText())") }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { raw in write(fd, raw.baseAddress! + written, raw.count - written) }
            if n <= 0 {
                let text = errnoText()
                close(fd)
                unlink(temporary)
                throw RDBFileError(message: "Write error saving DB on disk: \(text)")
            }
            written += n
        }
        guard fsync(fd) == 0, close(fd) == 0 else {
            unlink(temporary)
            throw RDBFileError(message: "Write error saving DB on disk: \(errnoText())")
        }
        guard rename(temporary, path) == 0 else {
            let text = errnoText()
            unlink(temporary)
            throw RDBFileError(message: "Error moving temp DB file \(temporary) on the final destination \(path) (in server root dir \(directory)): \(text)")
        }
    }

    /// The file's bytes, or nil when it does not exist.
    static func load(_ path: String) throws(RDBFileError) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw RDBFileError(message: "Fatal error loading the DB \(path): \(errnoText())")
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 { throw RDBFileError(message: "Fatal error loading the DB \(path): \(errnoText())") }
            if n == 0 { break }
            bytes += chunk[..<n]
        }
        return bytes
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}

/// Why an RDB file could not be read or written: a sentence naming the file.
public struct RDBFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
