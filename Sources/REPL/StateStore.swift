#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads and writes the learner's state file; a write replaces the file atomically (a temporary
/// file in the same directory, flushed, then renamed), so a crash never leaves half a file.
public struct StateStore: Sendable {
    /// The directory holding the state and history files.
    public let directory: StateDirectory

    /// A store in `directory`.
    public init(directory: StateDirectory) { self.directory = directory }

    /// The saved state, or an empty one when there is no file yet.
    public func load() throws(StateFileError) -> LearnerState {
        let path = directory.stateFile
        guard let bytes = try FileBytes.read(path) else { return LearnerState() }
        return try LearnerState.parse(String(decoding: bytes, as: UTF8.self), path: path)
    }

    /// Saves `state`, replacing the file atomically.
    public func save(_ state: LearnerState) throws(StateFileError) {
        try directory.create()
        try FileBytes.writeAtomically(Array(state.serialized().utf8), to: directory.stateFile)
    }
}

/// Whole-file reads and atomic writes with POSIX calls.
enum FileBytes {
    /// The file's bytes, or nil when it does not exist.
    static func read(_ path: String) throws(StateFileError) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw failure(path, "cannot read it")
        }
        defer { close(fd) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(path, "cannot read it")
            }
            if n == 0 { return result }
            result += buffer[0..<n]
        }
    }

    /// Deletes the temporary files of writes that were killed before their rename
    /// (`<path>.tmp-<pid>` of a process that no longer runs), so kills do not pile them up.
    static func removeStaleTemporaries(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let prefix = (path as NSString).lastPathComponent + ".tmp-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = pid_t(name.dropFirst(prefix.count)), pid > 0, pid != getpid() else { continue }
            // Signal 0 only asks whether the process exists; ESRCH means it is gone.
            if kill(pid, 0) != 0, errno == ESRCH { unlink((directory as NSString).appendingPathComponent(name)) }
        }
    }

    /// Writes `bytes` to a temporary file next to `path`, flushes it, and renames it over `path`.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(StateFileError) {
        removeStaleTemporaries(of: path)
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw failure(temporary, "cannot create it") }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                let error = failure(temporary, "cannot write it")
                close(fd)
                unlink(temporary)
                throw error
            }
            written += n
        }
        let synced = fsync(fd) == 0
        close(fd)
        guard synced, rename(temporary, path) == 0 else {
            let error = failure(path, "cannot replace it")
            unlink(temporary)
            throw error
        }
    }

    private static func failure(_ path: String, _ what: String) -> StateFileError {
        StateFileError(path: path, line: nil, problem: "\(what) (\(String(cString: strerror(errno))))",
                       remedy: "Check the permissions of the directory, or set REDISLINGS_HOME to one you can write")
    }
}
