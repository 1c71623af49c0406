import Foundation
import RESP

/// A bare TCP client that writes exact bytes and reads replies with the RESP parser, for
/// pipelining and protocol-error tests.
final class RawClient {
    private let fd: Int32
    private var input: [UInt8] = []

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { throw RESPProtocolError("cannot connect to port \(port)") }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ text: String) { send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    /// The next reply, or nil when the server closed the connection.
    func read() throws -> RESPValue? {
        while true {
            if let (value, consumed) = try RESPReplyParser().parse(input) {
                input.removeFirst(consumed)
                return value
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = Foundation.read(fd, &chunk, chunk.count)
            guard count > 0 else { return nil }
            input += chunk[0..<count]
        }
    }

    /// Every byte the server sends until it closes the connection or stays quiet for
    /// `quietMilliseconds`, with `<closed>` appended when it closed.
    func readUntilQuiet(quietMilliseconds: Int = 300) -> [UInt8] {
        var timeout = timeval(tv_sec: quietMilliseconds / 1000, tv_usec: (quietMilliseconds % 1000) * 1000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var received = input
        input = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = Foundation.read(fd, &chunk, chunk.count)
            // A close the peer ends with a reset (unread data on either side) is a close too.
            if count == 0 || (count < 0 && errno == ECONNRESET) { return received + Array("<closed>".utf8) }
            guard count > 0 else { return received }
            received += chunk[0..<count]
        }
    }

    deinit { close(fd) }
}
