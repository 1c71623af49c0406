#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `work` on a thread of its own and suspends until it returns: for work that blocks
/// (waiting for a process, a pipe or a sleep).
///
/// Not `DispatchQueue.global()`: on Linux, Swift's tasks and Dispatch's global queues share one
/// pool of about one thread per core, and Dispatch adds a thread for a blocked one at most once
/// a second, and only while no other thread of the pool is running. A few blocking waits there
/// stall every task of the process, timers included, for as long as they wait.
public func onOwnThread<T: Sendable>(named name: String, _ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        startThread(named: name) { continuation.resume(returning: work()) }
    }
}

/// `onOwnThread` for work that throws.
public func onOwnThread<T: Sendable, Failure: Error>(
    named name: String, _ work: @escaping @Sendable () throws(Failure) -> T
) async throws(Failure) -> T {
    let result: Result<T, Failure> = await onOwnThread(named: name) {
        do throws(Failure) { return .success(try work()) } catch { return .failure(error) }
    }
    return try result.get()
}

/// Starts a detached thread named `name` that runs `body`. When the system refuses a thread,
/// `body` runs on the caller's: slower for everyone, never lost.
public func startThread(named name: String, _ body: @escaping @Sendable () -> Void) {
    let start = Unmanaged.passRetained(ThreadStart(name: name, body: body)).toOpaque()
    #if canImport(Glibc)
    var thread = pthread_t()
    #else
    var thread: pthread_t?
    #endif
    let status = pthread_create(&thread, nil, { raw in
        guard let raw else { return nil }
        let start = Unmanaged<ThreadStart>.fromOpaque(raw).takeRetainedValue()
        start.run()
        return nil
    }, start)
    guard status == 0 else {
        Unmanaged<ThreadStart>.fromOpaque(start).takeRetainedValue().body()
        return
    }
    #if canImport(Glibc)
    pthread_detach(thread)
    #else
    if let thread { pthread_detach(thread) }
    #endif
}

/// What a new thread runs, handed over through `pthread_create`'s one pointer.
private final class ThreadStart: Sendable {
    let name: String
    let body: @Sendable () -> Void

    init(name: String, body: @escaping @Sendable () -> Void) {
        self.name = name
        self.body = body
    }

    func run() {
        // A thread inherits its creator's name (a Dispatch worker's, misleading in a debugger);
        // Linux keeps at most 15 bytes of it.
        let short = String(decoding: name.utf8.prefix(15), as: UTF8.self)
        #if canImport(Glibc)
        _ = Self.setName?(pthread_self(), short)
        #else
        _ = pthread_setname_np(short)
        #endif
        body()
    }

    #if canImport(Glibc)
    /// glibc's `pthread_setname_np`, which Swift's Glibc module does not import (it needs
    /// `_GNU_SOURCE`); nil where the C library lacks it.
    private static let setName: (@convention(c) (pthread_t, UnsafePointer<CChar>) -> Int32)? = {
        guard let library = dlopen(nil, RTLD_NOW), let symbol = dlsym(library, "pthread_setname_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (pthread_t, UnsafePointer<CChar>) -> Int32).self)
    }()
    #endif
}
