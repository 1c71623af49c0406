import Foundation

/// A loopback TCP port nobody listens on right now (the kernel picks it).
public func freeLoopbackPort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    precondition(fd >= 0, "cannot create a socket to find a free port")
    defer { close(fd) }
    var address = loopbackAddress(port: 0)
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic -> Bool in
            bind(fd, generic, length) == 0 && getsockname(fd, generic, &length) == 0
        }
    }
    precondition(bound, "cannot bind a loopback socket to find a free port")
    return Int(UInt16(bigEndian: address.sin_port))
}

/// True when something accepts TCP connections on 127.0.0.1:`port`.
public func isListening(port: Int, host: String = "127.0.0.1") -> Bool {
    guard let fd = connectedLoopbackSocket(port: port, host: host) else { return false }
    close(fd)
    return true
}

/// A blocking TCP socket connected to `host`:`port`, with Nagle off; nil when nothing accepts.
func connectedLoopbackSocket(port: Int, host: String = "127.0.0.1") -> Int32? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    var address = loopbackAddress(port: port, host: host)
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else {
        close(fd)
        return nil
    }
    var one: Int32 = 1
    setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    return fd
}

/// The socket address `host`:`port` (127.0.0.1 unless another loopback address is named).
func loopbackAddress(port: Int, host: String = "127.0.0.1") -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr(host)
    return address
}
