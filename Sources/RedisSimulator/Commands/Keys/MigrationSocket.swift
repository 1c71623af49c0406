#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The blocking connection MIGRATE talks to its target over, as Redis's connBlockingConnect,
/// connSyncWrite and connSyncReadLine: every step waits at most `timeout` milliseconds.
final class MigrationSocket {
    /// Why a step failed; a timeout is not retried (Redis checks errno for ETIMEDOUT).
    enum Failure: Error { case timedOut, failed }

    private let descriptor: Int32
    private var buffered: [UInt8] = []

    /// Connects to `host:port`, or fails within `timeout` milliseconds.
    init(host: String, port: Int64, timeout: Int64) throws(Failure) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let first = found else { throw .failed }
        defer { freeaddrinfo(found) }
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        var lastFailure = Failure.failed
        while let info = candidate {
            candidate = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard fd >= 0 else { continue }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            if connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 || errno == EINPROGRESS {
                do throws(Failure) {
                    // As Redis's connBlockingConnect: writable is connected; a refusal shows
                    // on the first write (MIGRATE then reports an error writing).
                    try Self.wait(fd, for: Int16(POLLOUT), timeout: timeout)
                    descriptor = fd
                    return
                } catch {
                    lastFailure = error
                }
            }
            close(fd)
        }
        throw lastFailure
    }

    deinit { close(descriptor) }

    /// Writes all of `bytes`, each chunk within `timeout` milliseconds.
    func write(_ bytes: [UInt8], timeout: Int64) throws(Failure) {
        var sent = 0
        while sent < bytes.count {
            try Self.wait(descriptor, for: Int16(POLLOUT), timeout: timeout)
            let count = bytes[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                throw .failed
            }
            sent += count
        }
    }

    /// The next CRLF-ended line, without its end, read within `timeout` milliseconds.
    func readLine(timeout: Int64) throws(Failure) -> String {
        while true {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffered[..<newline].filter { $0 != UInt8(ascii: "\r") }
                buffered.removeSubrange(...newline)
                return String(decoding: line, as: UTF8.self)
            }
            try Self.wait(descriptor, for: Int16(POLLIN), timeout: timeout)
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EAGAIN || errno == EINTR { continue }
            guard count > 0 else { throw .failed }
            buffered += chunk[..<count]
        }
    }

    private static func wait(_ fd: Int32, for events: Int16, timeout: Int64) throws(Failure) {
        var request = pollfd(fd: fd, events: events, revents: 0)
        let ready = poll(&request, 1, Int32(clamping: timeout))
        if ready == 0 { throw .timedOut }
        guard ready > 0 else { throw .failed }
    }
}
