import Foundation
import RESP
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A plain RESP2/RESP3 client over a loopback TCP socket with no handshake, for the clients of a
/// differential case on real redis-server: a reader thread hands each reply to the oldest waiting request
/// and everything else (pub/sub messages, extra subscribe confirmations) to `pushes`.
final class DifferentialSocketConnection: RedisConnection, @unchecked Sendable {
    let pushes: AsyncStream<RESPValue>
    private let pushContinuation: AsyncStream<RESPValue>.Continuation
    private let fd: Int32
    private let state = Mutex<State>(State())
    private let writeLock = NSLock()

    private struct State {
        var waiting: [CheckedContinuation<Result<RESPValue, RedisConnectionError>, Never>] = []
        var closed = false
    }

    init(port: Int) throws(RedisConnectionError) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RedisConnectionError("could not create a socket") }
        var address = loopbackAddress(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            Glibc.close(fd)
            throw RedisConnectionError("could not connect to 127.0.0.1:\(port)")
        }
        self.fd = fd
        (pushes, pushContinuation) = AsyncStream<RESPValue>.makeStream()
        let thread = Thread { [self] in readLoop() }
        thread.start()
    }

    func send(_ arguments: [[UInt8]]) async throws(RedisConnectionError) -> RESPValue {
        let bytes = RESPEncoder.encodeCommand(arguments)
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<RESPValue, RedisConnectionError>, Never>) in
            writeLock.lock()
            defer { writeLock.unlock() }
            let accepted = state.withLock { state -> Bool in
                guard !state.closed else { return false }
                state.waiting.append(continuation)
                return true
            }
            guard accepted else {
                continuation.resume(returning: .failure(RedisConnectionError("the connection is closed")))
                return
            }
            var offset = 0
            while offset < bytes.count {
                let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                offset += n
            }
        }
        return try result.get()
    }

    func close() async { shutdownSocket() }

    private func shutdownSocket() {
        let wasOpen = state.withLock { state -> Bool in
            defer { state.closed = true }
            return !state.closed
        }
        if wasOpen { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    deinit { shutdownSocket() }

    private func readLoop() {
        var reader = Reader(fd: fd)
        while let value = reader.value() {
            let waiter = state.withLock { state in state.waiting.isEmpty ? nil : state.waiting.removeFirst() }
            if let waiter { waiter.resume(returning: .success(value)) } else { pushContinuation.yield(value) }
        }
        let waiters = state.withLock { state in
            state.closed = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for waiter in waiters { waiter.resume(returning: .failure(RedisConnectionError("the connection was closed"))) }
        pushContinuation.finish()
        Glibc.close(fd)
    }

    /// Reads RESP2 and RESP3 values from a blocking socket with the project's reply parser.
    private struct Reader {
        let fd: Int32
        var buffer: [UInt8] = []
        let parser = RESPReplyParser()

        mutating func value() -> RESPValue? {
            while true {
                if !buffer.isEmpty {
                    let parsed: (RESPValue, consumed: Int)?
                    do { parsed = try parser.parse(buffer) } catch { return nil }
                    if let (value, consumed) = parsed {
                        buffer.removeFirst(consumed)
                        return value
                    }
                }
                var chunk = [UInt8](repeating: 0, count: 65536)
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                guard n > 0 else { return nil }
                buffer += chunk[0..<n]
            }
        }
    }
}
