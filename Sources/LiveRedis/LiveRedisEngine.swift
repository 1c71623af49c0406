import Foundation
import RESP
import Synchronization

/// The I/O thread behind a `LiveRedisConnection`: it owns the hiredis context, writes queued
/// commands, reads replies and routes them to their waiting tasks or to `pushes`.
///
/// Only the thread touches the context and the in-flight list; other threads reach it through
/// the locked queue and a wake-up pipe.
final class LiveRedisEngine: @unchecked Sendable {
    typealias Reply = CheckedContinuation<Result<RESPValue, RedisConnectionError>, Never>

    struct Request {
        /// The command, or nil for "make sure the connection is open".
        var arguments: [[UInt8]]?
        var reply: Reply
        /// A (P|S)(UN)SUBSCRIBE whose first confirmation answers it.
        var awaitsConfirmation = false
        /// Blocking commands are exempt from the command timeout.
        var timed = true
        var sentAt = ContinuousClock.now
    }

    private struct Shared {
        var queue: [Request] = []
        var closed = false
    }

    let url: RedisURL
    let options: LiveRedisOptions
    private let pushes: AsyncStream<RESPValue>.Continuation
    private let shared = Mutex(Shared())
    private let wakeRead: Int32
    private let wakeWrite: Int32

    // Owned by the I/O thread.
    var socket: LiveRedisSocket?
    private var inflight: [Request] = []
    private var router = ReplyRouter()
    private var hasConnected = false

    init(url: RedisURL, options: LiveRedisOptions, pushes: AsyncStream<RESPValue>.Continuation) throws(RedisConnectionError) {
        self.url = url
        self.options = options
        self.pushes = pushes
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw RedisConnectionError("cannot create a pipe for the Redis connection thread") }
        wakeRead = fds[0]
        wakeWrite = fds[1]
        _ = fcntl(wakeWrite, F_SETFL, fcntl(wakeWrite, F_GETFL) | O_NONBLOCK)
        _ = fcntl(wakeRead, F_SETFL, fcntl(wakeRead, F_GETFL) | O_NONBLOCK)
        let thread = Thread { [self] in run() }
        thread.name = "redislings-live \(url)"
        thread.start()
    }

    /// Opens the connection now, so a bad URL or password fails at once.
    func connectNow() async throws(RedisConnectionError) {
        let result = await withCheckedContinuation { (continuation: Reply) in
            submit(Request(arguments: nil, reply: continuation))
        }
        _ = try result.get()
    }

    func enqueue(_ arguments: [[UInt8]], _ reply: Reply) {
        let name = arguments.first.map { String(decoding: $0, as: UTF8.self).lowercased() } ?? ""
        var request = Request(arguments: arguments, reply: reply)
        request.awaitsConfirmation = ReplyRouter.subscriptionCommands.contains(name)
        request.timed = !Self.isBlocking(name, arguments)
        submit(request)
    }

    func close() {
        let wasOpen = shared.withLock { state in
            defer { state.closed = true }
            return !state.closed
        }
        if wasOpen { wake() }
    }

    private func submit(_ request: Request) {
        let accepted = shared.withLock { state in
            guard !state.closed else { return false }
            state.queue.append(request)
            return true
        }
        if accepted {
            wake()
        } else {
            request.reply.resume(returning: .failure(RedisConnectionError("the connection to Redis at \(url) is closed")))
        }
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    /// Commands that wait for data as long as they were told to.
    static func isBlocking(_ name: String, _ arguments: [[UInt8]]) -> Bool {
        switch name {
        case "blpop", "brpop", "blmove", "brpoplpush", "blmpop", "bzpopmin", "bzpopmax", "bzmpop", "wait":
            return true
        case "xread", "xreadgroup":
            return arguments.contains { String(decoding: $0, as: UTF8.self).lowercased() == "block" }
        default:
            return false
        }
    }

    // MARK: The I/O thread

    private func run() {
        while true {
            let (requests, closed) = shared.withLock { state in
                defer { state.queue.removeAll() }
                return (state.queue, state.closed)
            }
            if closed {
                shutDown(pending: requests)
                return
            }
            for request in requests { start(request) }
            waitForInput()
            failTimedOutRequests()
        }
    }

    private func start(_ request: Request) {
        if socket == nil {
            if hasConnected, !options.reconnects {
                request.reply.resume(returning: .failure(RedisConnectionError(
                    "the connection to Redis at \(url) was lost; reconnect to go on")))
                return
            }
            switch LiveRedisSocket.open(url, options) {
            case .success(let opened):
                socket = opened
                hasConnected = true
                router = ReplyRouter()
            case .failure(let error):
                request.reply.resume(returning: .failure(error))
                return
            }
        }
        guard let arguments = request.arguments else {
            request.reply.resume(returning: .success(.ok))
            return
        }
        var sent = request
        sent.sentAt = .now
        inflight.append(sent)
        if let error = socket?.write(arguments) {
            drop(RedisConnectionError("the connection to Redis at \(url) was lost while sending (\(error)); the next command reconnects"))
        }
    }

    private func waitForInput() {
        var fds = [pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
        if let socket { fds.append(pollfd(fd: socket.fd, events: Int16(POLLIN), revents: 0)) }
        let timeout: Int32 = inflight.contains(where: \.timed) ? 100 : -1
        let ready = poll(&fds, nfds_t(fds.count), timeout)
        guard ready > 0 else { return }
        if fds[0].revents != 0 {
            var drain = [UInt8](repeating: 0, count: 64)
            while read(wakeRead, &drain, drain.count) > 0 {}
        }
        if fds.count > 1, fds[1].revents != 0 { readReplies() }
    }

    private func readReplies() {
        guard let socket else { return }
        if let reason = socket.readAvailable() {
            drop(RedisConnectionError("the connection to Redis at \(url) was lost (\(reason)); the next command reconnects"))
            return
        }
        while true {
            let next: RESPValue?
            do {
                next = try socket.nextReply()
            } catch {
                drop(RedisConnectionError("Redis at \(url) sent something that is not RESP (\(error.message)); the connection was reset"))
                return
            }
            guard let value = next else { return }
            deliver(value)
        }
    }

    private func deliver(_ value: RESPValue) {
        let headAwaits = inflight.first?.awaitsConfirmation ?? false
        switch router.route(value, headAwaitsConfirmation: headAwaits) {
        case .push:
            pushes.yield(value)
        case .reply:
            guard !inflight.isEmpty else {
                // A reply nobody asked for (e.g. after a timeout) is shown as a push rather than lost.
                pushes.yield(value)
                return
            }
            inflight.removeFirst().reply.resume(returning: .success(value))
        }
    }

    private func failTimedOutRequests() {
        guard let oldest = inflight.first(where: \.timed) else { return }
        let waited = ContinuousClock.now - oldest.sentAt
        guard waited > options.commandTimeout else { return }
        let name = oldest.arguments?.first.map { String(decoding: $0, as: UTF8.self).uppercased() } ?? "the command"
        drop(RedisConnectionError(
            "Redis at \(url) did not answer \(name) within \(options.commandTimeout); the connection was reset. Check that the server is not busy or paused, or raise the timeout"))
    }

    /// Closes the socket and fails every command waiting on it.
    private func drop(_ error: RedisConnectionError) {
        socket?.close()
        socket = nil
        let waiting = inflight
        inflight.removeAll()
        for request in waiting { request.reply.resume(returning: .failure(error)) }
    }

    private func shutDown(pending: [Request]) {
        let error = RedisConnectionError("the connection to Redis at \(url) is closed")
        drop(error)
        for request in pending { request.reply.resume(returning: .failure(error)) }
        pushes.finish()
        Glibc.close(wakeRead)
        Glibc.close(wakeWrite)
    }
}
