#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// Small terminal helpers shared by the line editor and the subscribed-mode listener.
enum TerminalIO {
    /// Writes `text` to standard output at once (libedit writes through the same `stdout`).
    static func write(_ text: String) {
        fputs(text, stdout)
        fflush(stdout)
    }

    /// The terminal's width in columns (80 when unknown).
    static func columns() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    /// True when a byte can be read from `fd` without waiting.
    static func hasInput(_ fd: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) > 0
    }

    /// Reads one UTF-8 character from standard input: its scalar, nil at end of input, or
    /// U+0003 when Ctrl-C interrupted the read.
    static func readScalar() -> Unicode.Scalar?? {
        guard let first = readByte() else { return nil }
        guard let lead = first else { return .some(Unicode.Scalar(3)) }
        if lead < 0x80 { return .some(Unicode.Scalar(lead)) }
        let extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0
        var bytes = [lead]
        for _ in 0..<extra {
            guard let next = readByte(), let byte = next else { break }
            bytes.append(byte)
        }
        let scalar = String(decoding: bytes, as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
        return .some(scalar)
    }

    /// One byte: `nil` at end of input, `.some(nil)` when interrupted by Ctrl-C.
    ///
    /// SIGINT may be delivered to any thread, so it does not reliably interrupt this read:
    /// the wait polls with a short timeout and looks at the flag the handler sets.
    private static func readByte() -> UInt8?? {
        var byte: UInt8 = 0
        while true {
            if Interrupts.take() { return .some(nil) }
            var entry = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, 100)
            if ready == 0 || (ready < 0 && errno == EINTR) { continue }
            // Ctrl-C may have landed on another thread while a key arrived: it comes first.
            if Interrupts.take() { return .some(nil) }
            let n = read(STDIN_FILENO, &byte, 1)
            if n == 1 { return .some(byte) }
            if n == 0 { return nil }
            if errno == EINTR || errno == EAGAIN { continue }
            return nil
        }
    }
}
