#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RESP
import Synchronization

/// Messages Redis pushed to the learner's connection, waiting to be printed.
///
/// Each arrival also writes a byte to a pipe, so a terminal waiting in `poll` for a key can
/// wake up for a message too.
public final class PushInbox: Sendable {
    private let queue = Mutex<[RESPValue]>([])
    /// The pipe's read end, readable whenever messages are waiting.
    public let wakeDescriptor: Int32
    private let writeDescriptor: Int32

    /// An empty inbox.
    public init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        }
        wakeDescriptor = fds[0]
        writeDescriptor = fds[1]
    }

    deinit {
        close(wakeDescriptor)
        close(writeDescriptor)
    }

    private let observer = Mutex<(@Sendable (RESPValue) -> Void)?>(nil)

    /// Sets (or, with nil, removes) a function told of every message as it arrives, before it
    /// is printed: an exercise in progress files the learner's messages this way.
    public func setObserver(_ handler: (@Sendable (RESPValue) -> Void)?) {
        observer.withLock { $0 = handler }
    }

    private let arrival = Mutex<(@Sendable () -> Void)?>(nil)

    /// Sets (or removes) a function told after each message is queued: a front end that cannot
    /// wait on `wakeDescriptor` (the web console) schedules its printing this way.
    public func setArrivalHandler(_ handler: (@Sendable () -> Void)?) {
        arrival.withLock { $0 = handler }
    }

    /// Queues a pushed message.
    public func append(_ message: RESPValue) {
        observer.withLock { $0 }?(message)
        queue.withLock { $0.append(message) }
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
        arrival.withLock { $0 }?()
    }

    /// Takes every waiting message, oldest first.
    public func drain() -> [RESPValue] {
        var buffer = [UInt8](repeating: 0, count: 256)
        while buffer.withUnsafeMutableBytes({ read(wakeDescriptor, $0.baseAddress, $0.count) }) > 0 {}
        return queue.withLock { messages in
            defer { messages.removeAll() }
            return messages
        }
    }
}
