import Foundation
import RESP
#if canImport(Glibc)
import Glibc
#endif

/// A blocking RESP connection for the fuzzer: writes one request, reads one reply within a
/// time bound, and tells a reply from silence, a closed socket and bytes that are not RESP.
final class FuzzConnection {
    /// What one request got back.
    enum Outcome {
        case reply(RESPValue)
        /// No reply within the bound.
        case silent
        /// The server closed the connection (or the process died).
        case closed
        /// Bytes that are not a RESP reply, or more bytes than one reply.
        case garbled(String)
    }

    private let fd: Int32
    private var buffer: [UInt8] = []
    private let parser = RESPReplyParser()

    /// Connects to `host`:`port`; nil when nothing accepts there.
    init?(port: Int, host: String = "127.0.0.1") {
        guard let fd = connectedLoopbackSocket(port: port, host: host) else { return nil }
        self.fd = fd
    }

    deinit { Glibc.close(fd) }

    /// True when the server sent bytes nobody asked for (an extra reply: the stream desynced).
    func hasUnsolicitedBytes() -> Bool {
        if !buffer.isEmpty { return true }
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) > 0
    }

    /// Sends `arguments` as one request and waits up to `seconds` for its reply.
    func request(_ arguments: [[UInt8]], within seconds: Double) -> Outcome {
        guard send(arguments) else { return .closed }
        return awaitReply(within: seconds)
    }

    /// Writes `arguments` as one request; false when the connection is closed.
    func send(_ arguments: [[UInt8]]) -> Bool {
        let bytes = RESPEncoder.encodeCommand(arguments)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    /// This connection once its server counts no other client (`INFO clients`), or after
    /// `seconds`. When INFO goes unanswered (the server busy), a new connection to `port` is
    /// returned in its place, so that INFO's late reply cannot be read as the next request's.
    func onceAlone(port: Int, within seconds: Double = 1) -> FuzzConnection {
        let request = ["INFO", "clients"].map { Array($0.utf8) }
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            guard case .reply(let info) = self.request(request, within: seconds) else {
                return FuzzConnection(port: port) ?? self
            }
            if Self.field("connected_clients", of: info) == "1" { break }
            usleep(1_000)
        } while Date() < deadline
        return self
    }

    /// The value of `name` in an INFO reply (`name:value` lines), if it has that field.
    static func field(_ name: String, of info: RESPValue) -> String? {
        let prefix = name + ":"
        // RESP3 sends INFO as a verbatim string, which a RESP2 client reads as a bulk string.
        return info.adapted(toProtocol: 2).stringValue?.split(whereSeparator: \.isNewline).first { $0.hasPrefix(prefix) }
            .map { String($0.dropFirst(prefix.count)) }
    }

    /// Waits up to `seconds` for the next reply.
    func awaitReply(within seconds: Double) -> Outcome {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            do {
                if let (value, consumed) = try parser.parse(buffer) {
                    buffer.removeFirst(consumed)
                    return .reply(value)
                }
            } catch {
                return .garbled("\(error)")
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return .silent }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(left * 1000, 60_000)) + 1)
            if ready == 0 { continue }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return .closed }
            buffer += chunk[0..<n]
        }
    }
}
