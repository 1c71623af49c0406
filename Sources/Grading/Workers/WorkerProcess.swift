import Foundation

/// A grading worker: a child process spoken to by lines on its standard input and output.
final class WorkerProcess: @unchecked Sendable {
    /// How one request ended.
    enum Answer {
        case line(Data)
        case timedOut
        case exited(String)
    }

    let pid: pid_t
    private let input: Int32
    private let output: Int32
    private var buffer = Data()
    private var ended = false
    /// Whether the worker has said it is ready for requests (only its grader asks, one at a time).
    var isReady = false

    /// Starts `arguments[0]` with the rest as its arguments.
    init(_ arguments: [String]) throws {
        var toChild: [Int32] = [0, 0], fromChild: [Int32] = [0, 0]
        // Close-on-exec: no other worker may inherit the write end of this one's input, or the
        // worker would not see it close when the grader dies (its parent-death watch).
        // (Workers are started one at a time, under the grader's lock, so none starts in between.)
        guard pipe(&toChild) == 0, pipe(&fromChild) == 0 else { throw GradingError("cannot create pipes for a grading worker") }
        for descriptor in toChild + fromChild { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        // What a dying worker prints (a crash report) is not for the instructor's terminal.
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        for descriptor in toChild + fromChild { posix_spawn_file_actions_addclose(&actions, descriptor) }
        // Nothing else of the parent's (sockets, databases, other workers' pipes) may live on in a
        // worker: a client's socket kept open by a child would never look closed to its server.
        _ = Self.closeFrom?(&actions, 3)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, arguments[0], &actions, nil, argv, environ)
        close(toChild[0])
        close(fromChild[1])
        guard status == 0 else {
            close(toChild[1])
            close(fromChild[0])
            throw GradingError("cannot start the grading worker \(arguments[0]): \(String(cString: strerror(status)))")
        }
        pid = child
        input = toChild[1]
        output = fromChild[0]
        // A worker that dies must not kill the grader with SIGPIPE when it is written to next.
        signal(SIGPIPE, SIG_IGN)
    }

    /// Sends `request` (one line) and waits up to `timeout` for the answer line.
    func ask(_ request: Data, timeout: Duration) -> Answer {
        guard !ended else { return .exited("the worker had already stopped") }
        var line = request
        line.append(0x0A)
        let written = line.withUnsafeBytes { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let count = write(input, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
        guard written else { return .exited(stop()) }
        return nextLine(within: timeout)
    }

    /// Waits up to `timeout` for the worker's next line, without sending anything: the line a
    /// worker prints once it has started, so its start-up is not charged to a submission.
    func nextLine(within timeout: Duration) -> Answer {
        guard !ended else { return .exited("the worker had already stopped") }
        let deadline = ContinuousClock.now + timeout
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let answer = buffer[buffer.startIndex..<newline]
                buffer = Data(buffer[(newline + 1)...])
                return .line(Data(answer))
            }
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return .timedOut }
            var poller = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1)
            let ready = poll(&poller, 1, milliseconds)
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = read(output, &chunk, chunk.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return .exited(stop()) }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc
    /// module does not import; nil where the C library lacks it.
    private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let library = dlopen(nil, RTLD_NOW), let symbol = dlsym(library, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// Kills the worker (if it still runs), reaps it, and says how it ended.
    @discardableResult
    func stop() -> String {
        guard !ended else { return "the worker had already stopped" }
        ended = true
        close(input)
        close(output)
        var status: Int32 = 0
        // Give a worker that is exiting on its own a moment, then kill it.
        for _ in 0..<20 {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { return Self.describe(status) }
            usleep(5_000)
        }
        kill(pid, SIGKILL)
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return Self.describe(status)
    }

    private static func describe(_ status: Int32) -> String {
        let signal = status & 0x7f
        if signal == 0 { return "the worker exited with status \((status >> 8) & 0xff)" }
        return "the worker was ended by signal \(signal)"
    }

    deinit { if !ended { stop() } }
}
