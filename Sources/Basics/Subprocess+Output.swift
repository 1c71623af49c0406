#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Subprocess {
    /// What a program that ran to its end printed, and how it ended.
    public struct Output: Sendable {
        public var termination: Termination
        public var standardOutput: [UInt8]
        public var standardError: [UInt8]
    }

    /// Runs `arguments[0]` (a full path) to its end with standard input from /dev/null,
    /// collecting its standard output and error. Both are read as they come, so a program
    /// that fills one pipe while the other is read never waits for ever. Blocks the caller.
    public static func run(_ arguments: [String], environment: [String: String]? = nil) throws(SubprocessError) -> Output {
        var outputPipe: [Int32] = [0, 0], errorPipe: [Int32] = [0, 0]
        guard pipe(&outputPipe) == 0 else { throw SubprocessError("cannot create a pipe for \(arguments.first ?? "a program")") }
        guard pipe(&errorPipe) == 0 else {
            outputPipe.forEach { close($0) }
            throw SubprocessError("cannot create a pipe for \(arguments.first ?? "a program")")
        }
        // No other child started meanwhile may inherit these (it would hold the pipes open).
        for descriptor in outputPipe + errorPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var options = Options()
        options.environment = environment
        options.standardInput = .nullDevice
        options.standardOutput = .descriptor(outputPipe[1])
        options.standardError = .descriptor(errorPipe[1])
        let child: Subprocess
        do {
            child = try Subprocess(arguments, options)
        } catch {
            (outputPipe + errorPipe).forEach { close($0) }
            throw error
        }
        close(outputPipe[1])
        close(errorPipe[1])
        var collected: [[UInt8]] = [[], []]
        var open = [outputPipe[0], errorPipe[0]]
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while open.contains(where: { $0 >= 0 }) {
            var polled = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = waitForInput(&polled)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            for index in polled.indices where open[index] >= 0 && polled[index].revents != 0 {
                let count = read(open[index], &chunk, chunk.count)
                if count < 0, errno == EINTR { continue }
                if count <= 0 {
                    close(open[index])
                    open[index] = -1
                } else {
                    collected[index] += chunk[0..<count]
                }
            }
        }
        for descriptor in open where descriptor >= 0 { close(descriptor) }
        return Output(termination: child.wait(), standardOutput: collected[0], standardError: collected[1])
    }
}

/// `poll` without a timeout (a descriptor of -1 is skipped), out of reach of `Subprocess.poll`.
private func waitForInput(_ descriptors: inout [pollfd]) -> Int32 {
    poll(&descriptors, nfds_t(descriptors.count), -1)
}
