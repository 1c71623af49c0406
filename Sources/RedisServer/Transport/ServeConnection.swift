import CEpoll
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// What a `ServeConnection` tells the code that speaks on it, always on the connection's loop.
protocol ServeConnectionHandler: AnyObject {
    /// Bytes (or the end of the stream) wait to be read: `read(into:)` takes them.
    func connectionReadable()
    /// Everything written earlier has reached the socket, or some of it has.
    func connectionWroteQueued()
    /// The connection closed, by either side; called once, after the close.
    func connectionClosed()
}

/// A client's TCP connection on one `ServeEventLoop`: reads into the caller's buffer, writes
/// straight from it, and queues only what the socket does not take at once, watching for
/// writability until the queue empties, as Redis's networking.c does.
final class ServeConnection: ServeLoopSource, @unchecked Sendable {
    /// How a read ended.
    enum ReadOutcome {
        /// This many bytes were appended.
        case read(Int)
        /// Nothing to read now.
        case wouldBlock
        /// The peer closed, or the connection failed.
        case ended
    }

    let fd: Int32
    let loop: ServeEventLoop
    // Read and written on `loop` only.
    private var handler: ServeConnectionHandler?
    /// What the socket has not taken yet, oldest first.
    private var queued = CircularBuffer<ByteBuffer>()
    /// The bytes in `queued`.
    private(set) var queuedBytes = 0
    private(set) var isOpen = true
    private var closeWhenWritten = false
    private let onClose: @Sendable (ServeConnection) -> Void

    /// Redis's PROTO_IOBUF_LEN: room made for each read.
    static let readSize = 16 * 1024

    init(fd: Int32, loop: ServeEventLoop, onClose: @escaping @Sendable (ServeConnection) -> Void) {
        self.fd = fd
        self.loop = loop
        self.onClose = onClose
    }

    /// Starts watching the socket for `handler`; on the loop.
    func open(_ handler: ServeConnectionHandler) {
        self.handler = handler
        loop.register(fd, self)
    }

    /// Queued writes, as Redis counts its reply list's blocks.
    var queuedWrites: Int { queued.count }

    func ready(events: UInt32) {
        if events & EPOLLOUT.rawValue != 0 { writeQueued() }
        if isOpen, events & (EPOLLIN.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 {
            handler?.connectionReadable()
        }
    }

    /// Reads what the socket holds, once, into `buffer`'s free space (making room for
    /// `readSize` bytes first).
    func read(into buffer: inout ByteBuffer) -> ReadOutcome {
        let fd = fd
        while true {
            var result = 0
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: Self.readSize) { space in
                result = Glibc.read(fd, space.baseAddress, space.count)
                return max(0, result)
            }
            if result > 0 { return .read(result) }
            if result == 0 { return .ended }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .ended
            }
        }
    }

    /// Writes `buffer`'s bytes: what the socket does not take waits in the queue. `buffer` is
    /// left empty, its storage kept when the socket took everything.
    func send(_ buffer: inout ByteBuffer) {
        guard isOpen, buffer.readableBytes > 0 else {
            buffer.clear()
            return
        }
        if queued.isEmpty, writeSome(of: &buffer) {
            buffer.clear()
            return
        }
        queuedBytes += buffer.readableBytes
        if queued.isEmpty { loop.watch(fd, writable: true) }
        if let last = queued.indices.last, queued[last].readableBytes + buffer.readableBytes <= Self.blockSize {
            // Small replies behind a slow reader join a block rather than one each, as Redis
            // fills its reply list's 16 kB blocks (CLIENT LIST's oll counts them).
            queued[last].writeBuffer(&buffer)
            buffer.clear()
        } else {
            queued.append(buffer)
            buffer = ByteBuffer()
        }
    }

    /// Redis's PROTO_REPLY_CHUNK_BYTES: the size of the blocks queued replies are gathered in.
    static let blockSize = 16 * 1024

    /// Writes `buffer` and closes once everything queued has gone, as Redis's
    /// CLIENT_CLOSE_AFTER_REPLY does.
    func sendThenClose(_ buffer: inout ByteBuffer) {
        send(&buffer)
        guard isOpen else { return }
        if queued.isEmpty { close() } else { closeWhenWritten = true }
    }

    /// Writes from `buffer` until the socket would block; true when all of it went. A failed
    /// write closes the connection (and counts as all written: nothing will go).
    private func writeSome(of buffer: inout ByteBuffer) -> Bool {
        let fd = fd
        while buffer.readableBytes > 0 {
            let written = buffer.withUnsafeReadableBytes { bytes in
                Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
            }
            if written > 0 {
                buffer.moveReaderIndex(forwardBy: written)
                continue
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return false
            default:
                close()
                return true
            }
        }
        return true
    }

    private func writeQueued() {
        while isOpen, !queued.isEmpty {
            let before = queued[queued.startIndex].readableBytes
            let done = writeSome(of: &queued[queued.startIndex])
            guard isOpen else { return }
            queuedBytes -= before - queued[queued.startIndex].readableBytes
            guard done else { break }
            queued.removeFirst()
        }
        guard isOpen else { return }
        if queued.isEmpty {
            loop.watch(fd, writable: false)
            if closeWhenWritten {
                close()
                return
            }
        }
        handler?.connectionWroteQueued()
    }

    /// Closes the socket now, dropping what was not written; the handler hears of it after
    /// the code running now returns. On the loop; safe to call more than once.
    func close() {
        guard isOpen else { return }
        isOpen = false
        loop.deregister(fd)
        Glibc.close(fd)
        queued.removeAll()
        queuedBytes = 0
        let handler = handler
        self.handler = nil
        let onClose = onClose
        let loop = loop
        // The handler may be in the middle of its own code (a failed write inside a flush).
        let closed = NIOLoopBound(handler, eventLoop: loop)
        loop.execute {
            closed.value?.connectionClosed()
            onClose(self)
        }
    }

    /// `"ip:port"` of the peer (`remote`) or of this end.
    func address(remote: Bool) -> String? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                remote ? getpeername(fd, address, &length) : getsockname(fd, address, &length)
            }
        }
        guard result == 0 else { return nil }
        return SocketName.describe(storage)
    }
}
