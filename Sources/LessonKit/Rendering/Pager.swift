import Basics
import Foundation
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shows long text through `$PAGER` (else `less -R`), falling back to plain printing.
public enum Pager {
    /// Writes `text` through the pager when standard output is a terminal and `enabled`;
    /// prints it directly otherwise, or when the pager cannot start.
    public static func show(_ text: String, enabled: Bool, environment: [String: String]) {
        guard enabled, Terminal.standardOutputIsTerminal, run(text, environment: environment) else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
    }

    /// Runs the pager with `text` on its input; false when it could not start.
    ///
    /// The pager must stay in the terminal's foreground process group, as a `Subprocess` does
    /// (outside it, `less` gets EIO reading the keyboard and quits after one screen). Ctrl-C is
    /// ignored here while the pager runs: the terminal sends it to the whole group, and it
    /// belongs to the pager.
    private static func run(_ text: String, environment: [String: String]) -> Bool {
        let command = environment["PAGER"].map { $0.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 } ?? "less -R"
        if command == "cat" { return false }
        var pagerEnvironment = environment
        // -F leaves short lessons on screen without paging, -X keeps them there after quitting.
        if pagerEnvironment["LESS"] == nil { pagerEnvironment["LESS"] = "FRX" }
        fflush(nil)
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return false }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        var previousInterrupt = sigaction()
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        sigemptyset(&ignore.sa_mask)
        sigaction(SIGINT, &ignore, &previousInterrupt)
        defer { sigaction(SIGINT, &previousInterrupt, nil) }
        var options = Subprocess.Options()
        options.environment = pagerEnvironment
        options.standardInput = .descriptor(readEnd)
        options.closedDescriptors = [readEnd, writeEnd]
        // The child starts with SIGINT at its default (posix_spawn resets caught signals, and
        // an ignored one is reset here), so Ctrl-C reaches the pager as it would from a shell;
        // so do a closed terminal and a kill, which `learn` ignores to record its time first.
        options.defaultSignals = [SIGINT, SIGPIPE, SIGHUP, SIGTERM]
        let pager = try? Subprocess(["/bin/sh", "-c", command], options)
        close(readEnd)
        guard let pager else {
            close(writeEnd)
            return false
        }
        signal(SIGPIPE, SIG_IGN)
        // A pager quit early closes the pipe; the rest of the text is then simply not needed.
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            written += count
        }
        close(writeEnd)
        // sh answers 127 when the pager command does not exist; nothing was shown then.
        if pager.wait().exitStatus == 127 {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        return true
    }
}
