import Foundation
#if canImport(Glibc)
@preconcurrency import Glibc
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
    private static func run(_ text: String, environment: [String: String]) -> Bool {
        let command = environment["PAGER"].map { $0.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 } ?? "less -R"
        if command == "cat" { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        var pagerEnvironment = environment
        // -F leaves short lessons on screen without paging, -X keeps them there after quitting.
        if pagerEnvironment["LESS"] == nil { pagerEnvironment["LESS"] = "FRX" }
        process.environment = pagerEnvironment
        let input = Pipe()
        process.standardInput = input
        do { try process.run() } catch { return false }
        signal(SIGPIPE, SIG_IGN)
        // A pager quit early closes the pipe; the rest of the text is then simply not needed.
        try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        // sh answers 127 when the pager command does not exist; nothing was shown then.
        if process.terminationStatus == 127 {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        return true
    }
}
