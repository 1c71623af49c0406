#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process, started with `posix_spawn` and reaped with `waitpid`: the one way the
/// program (the pager, grading workers, git) and its tests start a process.
///
/// Not Foundation's `Process`: on Linux it puts the child in a process group of its own,
/// outside the terminal's foreground group (a pager then gets EIO reading the keyboard), and
/// its wait can hang off the main thread. A child started here stays in its parent's process
/// group and session.
public struct Subprocess: Sendable {
    /// Where one of the child's standard streams goes.
    public enum Stream: Sendable {
        /// The parent's own.
        case inherited
        /// /dev/null.
        case nullDevice
        /// A descriptor of the parent's (a pipe's end), duplicated onto the stream.
        case descriptor(Int32)
    }

    /// How the child starts.
    public struct Options: Sendable {
        /// The child's whole environment; nil gives it the parent's.
        public var environment: [String: String]?
        public var standardInput: Stream = .inherited
        public var standardOutput: Stream = .inherited
        public var standardError: Stream = .inherited
        /// Descriptors of the parent's the child must not keep (the other ends of its pipes).
        public var closedDescriptors: [Int32] = []
        /// True (the default) to close every descriptor above 2 in the child (where the C
        /// library can), so no socket, database or other child's pipe of the parent's lives on
        /// in it: a connection the parent closes must reach its peer as closed, which it does
        /// not while a child still holds a copy (a test runner's in-process server dropping a
        /// subscriber, with a `serve` child started beside it, showed it).
        public var closesOtherDescriptors = true
        /// Signals the child starts with at their default action, whatever the parent ignores
        /// or catches.
        public var defaultSignals: [Int32] = []
        /// True to start the child with no signal blocked, whatever the parent's thread blocks.
        public var unblocksSignals = false

        /// Options that give the child everything of the parent's.
        public init() {}
    }

    /// The process id.
    public let pid: pid_t

    /// Starts `arguments[0]` (a full path) with `arguments` as its argv.
    public init(_ arguments: [String], _ options: Options = Options()) throws(SubprocessError) {
        guard let program = arguments.first else { throw SubprocessError("no program to start") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (descriptor, stream) in [(Int32(0), options.standardInput), (1, options.standardOutput), (2, options.standardError)] {
            switch stream {
            case .inherited: break
            case .nullDevice: posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
            case .descriptor(let source): posix_spawn_file_actions_adddup2(&actions, source, descriptor)
            }
        }
        for descriptor in options.closedDescriptors { posix_spawn_file_actions_addclose(&actions, descriptor) }
        if options.closesOtherDescriptors { _ = Self.closeFrom?(&actions, 3) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var flags: Int32 = 0
        if options.unblocksSignals {
            var none = sigset_t()
            sigemptyset(&none)
            posix_spawnattr_setsigmask(&attributes, &none)
            flags |= Int32(POSIX_SPAWN_SETSIGMASK)
        }
        if !options.defaultSignals.isEmpty {
            var defaults = sigset_t()
            sigemptyset(&defaults)
            for number in options.defaultSignals { sigaddset(&defaults, number) }
            posix_spawnattr_setsigdefault(&attributes, &defaults)
            flags |= Int32(POSIX_SPAWN_SETSIGDEF)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let variables = options.environment.map { $0.map { "\($0.key)=\($0.value)" } }
        let envp: [UnsafeMutablePointer<CChar>?]? = variables.map { $0.map { strdup($0) } + [nil] }
        defer { for pointer in argv + (envp ?? []) { free(pointer) } }
        var child: pid_t = 0
        let status = envp.map { posix_spawn(&child, program, &actions, &attributes, argv, $0) }
            ?? posix_spawn(&child, program, &actions, &attributes, argv, environ)
        guard status == 0 else {
            let reason = String(cString: strerror(status))
            throw SubprocessError("cannot start \(program): \(reason)", reason: reason)
        }
        pid = child
    }

    /// Blocks until the child ends, and reaps it.
    public func wait() -> Termination {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            // Not our child (any more): nothing left to reap.
            guard errno == EINTR else { return Termination(waitStatus: 0) }
        }
        return Termination(waitStatus: status)
    }

    /// Reaps the child if it has ended; nil while it runs.
    public func poll() -> Termination? {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return Termination(waitStatus: status) }
            if result < 0, errno == EINTR { continue }
            return nil
        }
    }

    /// Sends `number` to the child.
    public func signal(_ number: Int32) { kill(pid, number) }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc
    /// module does not import; nil where the C library lacks it.
    private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let library = dlopen(nil, RTLD_NOW), let symbol = dlsym(library, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()
}

/// How a child process ended.
public struct Termination: Sendable, Equatable {
    /// `waitpid`'s status.
    public let waitStatus: Int32

    /// Wraps a status `waitpid` gave.
    public init(waitStatus: Int32) { self.waitStatus = waitStatus }

    /// The signal that ended the process, or nil when it exited.
    public var signal: Int32? { waitStatus & 0x7f == 0 ? nil : waitStatus & 0x7f }
    /// The exit status, or nil when a signal ended the process.
    public var exitStatus: Int32? { signal == nil ? (waitStatus >> 8) & 0xff : nil }
    /// The exit status, or the signal's number for a process a signal ended (as `Process` reports it).
    public var status: Int32 { exitStatus ?? signal ?? 0 }
    /// The status a shell reports: the exit status, or 128 + the signal's number.
    public var shellStatus: Int32 { exitStatus ?? 128 + (signal ?? 0) }
    /// "exited with status N" or "was ended by signal N".
    public var description: String {
        if let signal { return "was ended by signal \(signal)" }
        return "exited with status \(exitStatus ?? 0)"
    }
}

/// A process that could not be started, with the reason.
public struct SubprocessError: Error, CustomStringConvertible, Sendable {
    /// Why, without the program's name ("No such file or directory").
    public let reason: String
    public let description: String

    init(_ description: String, reason: String? = nil) {
        self.description = description
        self.reason = reason ?? description
    }
}
