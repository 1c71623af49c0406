@preconcurrency import Glibc

/// Lines from the terminal through the libedit line editor, with history, completion and hints.
public final class TerminalInput: LineInput, @unchecked Sendable {
    /// The line editor.
    public let editor: LineEditor

    /// Terminal input through `editor`.
    public init(editor: LineEditor) { self.editor = editor }

    public var isInteractive: Bool { true }

    public func readLine(prompt: String) -> String? { editor.readLine(prompt: prompt) }

    public func remember(_ line: String) throws(StateFileError) { try editor.remember(line) }

    // Keys are read one by one with echo off; Ctrl-C arrives as a byte (ISIG off) so the
    // wait ends cleanly, and any other key is handed to the editor to start the next line.
    public func waitForMessagesOrKey(_ inbox: PushInbox) -> ListenEvent {
        var saved = termios()
        let isTerminal = tcgetattr(STDIN_FILENO, &saved) == 0
        if isTerminal {
            var raw = saved
            raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
            withUnsafeMutableBytes(of: &raw.c_cc) { cc in
                cc[Int(VMIN)] = 1
                cc[Int(VTIME)] = 0
            }
            tcsetattr(STDIN_FILENO, TCSANOW, &raw)
        }
        defer { if isTerminal { tcsetattr(STDIN_FILENO, TCSANOW, &saved) } }
        while true {
            var fds = [
                pollfd(fd: inbox.wakeDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, 2, 100)
            if Interrupts.take() { return .stop }
            if ready == 0 { continue }
            if ready < 0 {
                if errno == EINTR {
                    if Interrupts.take() { return .stop }
                    continue
                }
                return .stop
            }
            if fds[0].revents & Int16(POLLIN) != 0 { return .messages }
            if fds[1].revents != 0 {
                var byte: UInt8 = 0
                let n = read(STDIN_FILENO, &byte, 1)
                if n == 1, byte >= 0x20, byte < 0x7F {
                    editor.push(String(decoding: [byte], as: UTF8.self))
                }
                return .stop
            }
        }
    }
}
