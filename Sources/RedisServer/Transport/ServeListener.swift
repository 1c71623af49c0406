import CEpoll
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// Why serve could not listen: the call that failed and the system's reason.
struct ServeSocketError: Error, CustomStringConvertible {
    let operation: String
    let reason: String
    /// The system's error number, when the system gave one.
    let code: Int32?

    init(_ operation: String, code: Int32 = errno) {
        self.operation = operation
        self.code = code
        reason = String(cString: strerror(code))
    }

    init(_ operation: String, reason: String) {
        self.operation = operation
        self.reason = reason
        code = nil
    }

    var description: String { "\(operation): \(reason)" }

    /// What a person can do about it.
    var help: String {
        switch code {
        case EMFILE, ENFILE:
            "The system is short of file descriptors: close some programs, or raise `ulimit -n`, and try again."
        case EACCES:
            "Ports below 1024 need root: pick another with --port, e.g. --port 6380."
        case EADDRNOTAVAIL:
            "That address is not one of this machine's: try --bind 127.0.0.1."
        default:
            "Is another Redis running there? Pick another port with --port, e.g. --port 6380."
        }
    }
}

/// serve's listening socket, watched by one loop: accepts every waiting connection when it is
/// readable and hands each (non-blocking, TCP_NODELAY) to `onAccept`.
final class ServeListener: ServeLoopSource, @unchecked Sendable {
    let fd: Int32
    /// The port bound (the one chosen when 0 was asked for).
    let port: Int
    let loop: ServeEventLoop
    private let onAccept: (Int32) -> Void
    private var isOpen = true

    /// How long accepting pauses when the process is out of descriptors: accepting again at
    /// once would fail at once, again and again.
    static let backoff = TimeAmount.milliseconds(100)

    /// Binds `host:port` (resolved as getaddrinfo resolves it; the first address that binds).
    init(host: String, port: Int, loop: ServeEventLoop, onAccept: @escaping (Int32) -> Void) throws {
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &found)
        guard status == 0, let first = found else {
            throw ServeSocketError("resolve \(host)", reason: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(first) }
        var lastError = ServeSocketError("bind", reason: "no address")
        var bound: Int32 = -1
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let address = candidate?.pointee, bound < 0 {
            candidate = address.ai_next
            let socket = Glibc.socket(address.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard socket >= 0 else {
                lastError = ServeSocketError("socket")
                continue
            }
            var one: Int32 = 1
            setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            if Glibc.bind(socket, address.ai_addr, address.ai_addrlen) == 0, Glibc.listen(socket, 511) == 0 {
                bound = socket
            } else {
                lastError = ServeSocketError("bind")
                Glibc.close(socket)
            }
        }
        guard bound >= 0 else { throw lastError }
        fd = bound
        self.loop = loop
        self.onAccept = onAccept
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(bound, $0, &length) }
        }
        self.port = SocketName.port(storage) ?? port
    }

    /// Starts accepting; on the loop.
    func start() { loop.register(fd, self) }

    func ready(events: UInt32) {
        // As Redis's acceptTcpHandler, at most 1,000 a turn: the loop's other sockets wait.
        for _ in 0..<1000 where isOpen {
            let client = redislings_accept_nonblocking(fd)
            if client >= 0 {
                var one: Int32 = 1
                setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                onAccept(client)
                continue
            }
            switch errno {
            case EINTR, ECONNABORTED: continue
            case EMFILE, ENFILE, ENOBUFS, ENOMEM: pauseAccepting()
            default: break
            }
            return
        }
    }

    private func pauseAccepting() {
        loop.deregister(fd)
        loop.scheduleTask(in: Self.backoff) { [self] in
            if isOpen { loop.register(fd, self) }
        }
    }

    /// Stops listening; on the loop.
    func close() {
        guard isOpen else { return }
        isOpen = false
        loop.deregister(fd)
        Glibc.close(fd)
    }
}

/// Socket addresses as serve shows them (`CLIENT LIST`'s addr and laddr).
enum SocketName {
    /// `"ip:port"`, or nil for an address that is neither IPv4 nor IPv6.
    static func describe(_ storage: sockaddr_storage) -> String? {
        guard let ip = ip(storage), let port = port(storage) else { return nil }
        return "\(ip):\(port)"
    }

    static func port(_ storage: sockaddr_storage) -> Int? {
        var storage = storage
        return withUnsafePointer(to: &storage) { pointer in
            switch Int32(pointer.pointee.ss_family) {
            case AF_INET:
                return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            case AF_INET6:
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            default:
                return nil
            }
        }
    }

    private static func ip(_ storage: sockaddr_storage) -> String? {
        var storage = storage
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let converted: UnsafePointer<CChar>? = withUnsafePointer(to: &storage) { pointer in
            switch Int32(pointer.pointee.ss_family) {
            case AF_INET:
                return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                    var ip = address.pointee.sin_addr
                    return inet_ntop(AF_INET, &ip, &text, socklen_t(text.count))
                }
            case AF_INET6:
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    var ip = address.pointee.sin6_addr
                    return inet_ntop(AF_INET6, &ip, &text, socklen_t(text.count))
                }
            default:
                return nil
            }
        }
        guard converted != nil else { return nil }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension ServeListener {
    /// What a connection over `maxclients` is told before it is closed (Redis's words).
    static let refusal = Array("-ERR max number of clients reached\r\n".utf8)
}
