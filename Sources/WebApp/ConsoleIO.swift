import REPL
import Synchronization

/// The console's output: what the session writes, collected until the socket sends it.
final class ConsoleOutput: ReplOutput {
    private let buffer = Mutex<String>("")

    func write(_ text: String) { buffer.withLock { $0 += text } }

    /// Takes everything written so far.
    func take() -> String {
        buffer.withLock { text in
            defer { text = "" }
            return text
        }
    }
}

/// The console's input: lines arrive as socket messages, never read by the session itself, so
/// it is not interactive (no pager, no waiting in subscribed mode: pushes are sent as they come).
/// History lives in the page, which recalls lines with the arrow keys.
final class ConsoleInput: LineInput {
    var isInteractive: Bool { false }
    func readLine(prompt: String) -> String? { nil }
    func remember(_ line: String) throws(StateFileError) {}
    func waitForMessagesOrKey(_ inbox: PushInbox) -> ListenEvent { .stop }
}
