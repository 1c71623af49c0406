import CHiredis
import Foundation
import RESP

/// One open hiredis connection: connect, authenticate and select through hiredis, write
/// commands with `redisAppendCommandArgv` (binary safe), and read replies with our RESP parser,
/// which keeps a null array and a null bulk string apart (hiredis 0.14 folds both into NIL).
final class LiveRedisSocket {
    private let context: UnsafeMutablePointer<redisContext>
    private var input: [UInt8] = []
    private var inputStart = 0
    private let parser = RESPReplyParser()

    var fd: Int32 { context.pointee.fd }

    private init(context: UnsafeMutablePointer<redisContext>) { self.context = context }

    /// Connects, then AUTHs and SELECTs as the URL says, within the connect timeout.
    static func open(_ url: RedisURL, _ options: LiveRedisOptions) -> Result<LiveRedisSocket, RedisConnectionError> {
        let timeout = timeval(options.connectTimeout)
        let made: UnsafeMutablePointer<redisContext>? =
            if let path = url.socketPath { redisConnectUnixWithTimeout(path, timeout) } else { redisConnectWithTimeout(url.host, Int32(url.port), timeout) }
        guard let context = made else {
            return .failure(RedisConnectionError("cannot connect to Redis at \(url): out of memory"))
        }
        if context.pointee.err != 0 {
            let reason = errorText(context)
            redisFree(context)
            return .failure(RedisConnectionError(
                "cannot connect to Redis at \(url) (\(reason)). Is redis-server running there? Start one with `redis-server --port \(url.port)`, or give another URL with --live or REDISLINGS_REDIS_URL"))
        }
        _ = redisSetTimeout(context, timeval(options.commandTimeout))
        let socket = LiveRedisSocket(context: context)
        if let failure = socket.handshake(url, options) {
            socket.close()
            return .failure(failure)
        }
        return .success(socket)
    }

    private func handshake(_ url: RedisURL, _ options: LiveRedisOptions) -> RedisConnectionError? {
        if let password = url.password {
            let auth = [Array("AUTH".utf8)] + (url.user.map { [Array($0.utf8)] } ?? []) + [Array(password.utf8)]
            switch exchange(auth, timeout: options.connectTimeout) {
            case .failure(let error): return error
            case .success(.error(let message)):
                return RedisConnectionError(
                    "Redis at \(url) refused the login (\(message)). Check the user and password in the URL: redis://user:password@host:port")
            case .success: break
            }
        } else {
            switch exchange([Array("PING".utf8)], timeout: options.connectTimeout) {
            case .failure(let error): return error
            case .success(.error(let message)) where message.hasPrefix("NOAUTH"):
                return RedisConnectionError(
                    "Redis at \(url) requires a password (\(message)). Put it in the URL: redis://:password@host:port")
            case .success: break
            }
        }
        if url.database != 0 {
            switch exchange([Array("SELECT".utf8), Array(String(url.database).utf8)], timeout: options.connectTimeout) {
            case .failure(let error): return error
            case .success(.error(let message)):
                // A server busy with a script turns SELECT away too: then the index is not at fault.
                let hint = "\(message)".hasPrefix("BUSY") ? "" : ". Use an index below the server's `databases` setting (16 by default)"
                return RedisConnectionError("Redis at \(url) cannot select database \(url.database) (\(message))\(hint)")
            case .success: break
            }
        }
        if let login = options.confinedLogin {
            switch exchange(["AUTH", login.user, login.password].map { Array($0.utf8) }, timeout: options.connectTimeout) {
            case .failure(let error): return error
            case .success(.error(let message)):
                return RedisConnectionError("Redis at \(url) refused the confined user \(login.user) (\(message))")
            case .success: break
            }
        }
        return nil
    }

    /// Sends one command and waits for its reply (used only while connecting).
    private func exchange(_ arguments: [[UInt8]], timeout: Duration) -> Result<RESPValue, RedisConnectionError> {
        if let error = write(arguments) { return .failure(RedisConnectionError("cannot talk to Redis: \(error)")) }
        let deadline = ContinuousClock.now + timeout
        while true {
            do {
                if let reply = try nextReply() { return .success(reply) }
            } catch {
                return .failure(RedisConnectionError("the server does not speak RESP (\(error.message))"))
            }
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return .failure(RedisConnectionError("the server did not answer within \(timeout)")) }
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1)
            if poll(&descriptor, 1, milliseconds) > 0, let reason = readAvailable() {
                return .failure(RedisConnectionError("the server closed the connection (\(reason))"))
            }
        }
    }

    /// Writes one command; returns the reason on failure.
    func write(_ arguments: [[UInt8]]) -> String? {
        var joined: [UInt8] = []
        joined.reserveCapacity(arguments.reduce(0) { $0 + $1.count + 1 })
        var offsets: [Int] = []
        for argument in arguments {
            offsets.append(joined.count)
            joined.append(contentsOf: argument)
        }
        joined.append(0)
        let lengths = arguments.map(\.count)
        let status: Int32 = joined.withUnsafeBufferPointer { bytes in
            let base = UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self)
            var pointers: [UnsafePointer<CChar>?] = offsets.map { base + $0 }
            return pointers.withUnsafeMutableBufferPointer { argv in
                lengths.withUnsafeBufferPointer { argvlen in
                    redisAppendCommandArgv(context, Int32(arguments.count), argv.baseAddress, argvlen.baseAddress)
                }
            }
        }
        guard status == REDIS_OK else { return Self.errorText(context) }
        var done: Int32 = 0
        while done == 0 {
            guard redisBufferWrite(context, &done) == REDIS_OK else { return Self.errorText(context) }
        }
        return nil
    }

    /// Reads what the socket has (call when poll says it is readable); the reason on failure.
    func readAvailable() -> String? {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let count = read(fd, &chunk, chunk.count)
        if count > 0 {
            if inputStart > 0, inputStart == input.count {
                input.removeAll(keepingCapacity: true)
                inputStart = 0
            }
            input.append(contentsOf: chunk[0..<count])
            return nil
        }
        if count == 0 { return "the server closed it" }
        if errno == EINTR || errno == EAGAIN { return nil }
        return String(cString: strerror(errno))
    }

    /// The next complete reply already read, if any.
    func nextReply() throws(RESPProtocolError) -> RESPValue? {
        guard inputStart < input.count else { return nil }
        let parsed: Result<(RESPValue, consumed: Int)?, RESPProtocolError> = input.withUnsafeBufferPointer { all in
            do throws(RESPProtocolError) {
                return .success(try parser.parse(UnsafeBufferPointer(rebasing: all[inputStart...])))
            } catch {
                return .failure(error)
            }
        }
        guard let (value, consumed) = try parsed.get() else {
            if inputStart > 64 * 1024 {
                input.removeFirst(inputStart)
                inputStart = 0
            }
            return nil
        }
        inputStart += consumed
        return value
    }

    func close() { redisFree(context) }

    private static func errorText(_ context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}

extension timeval {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.init(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}
