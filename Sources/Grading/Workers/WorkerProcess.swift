import Basics
import Foundation

/// A grading worker: a child process spoken to by lines on its standard input and output.
final class WorkerProcess: @unchecked Sendable {
    /// How one request ended.
    enum Answer {
        case line(Data)
        case timedOut
        case exited(String)
    }

    private let process: Subprocess
    /// The worker's process id.
    var pid: pid_t { process.pid }
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
        var options = Subprocess.Options()
        options.standardInput = .descriptor(toChild[0])
        options.standardOutput = .descriptor(fromChild[1])
        // What a dying worker prints (a crash report) is not for the instructor's terminal.
        options.standardError = .nullDevice
        options.closedDescriptors = toChild + fromChild
        // Nothing else of the parent's (sockets, databases, other workers' pipes) may live on in a
        // worker: a client's socket kept open by a child would never look closed to its server.
        options.closesOtherDescriptors = true
        let child: Subprocess
        do {
            child = try Subprocess(arguments, options)
        } catch {
            for descriptor in toChild + fromChild { close(descriptor) }
            throw GradingError("cannot start the grading worker \(arguments[0]): \(error.reason)")
        }
        close(toChild[0])
        close(fromChild[1])
        process = child
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

    /// Kills the worker (if it still runs), reaps it, and says how it ended.
    @discardableResult
    func stop() -> String {
        guard !ended else { return "the worker had already stopped" }
        ended = true
        close(input)
        close(output)
        // Give a worker that is exiting on its own a moment, then kill it.
        for _ in 0..<20 {
            if let ending = process.poll() { return "the worker " + ending.description }
            usleep(5_000)
        }
        process.signal(SIGKILL)
        return "the worker " + process.wait().description
    }

    deinit { if !ended { stop() } }
}
