/// Where the REPL's lines come from: the terminal (libedit) or a pipe.
public protocol LineInput: AnyObject, Sendable {
    /// True on a terminal: prompts are shown and subscribed mode listens for messages.
    var isInteractive: Bool { get }
    /// The next line (without its newline), showing `prompt` on a terminal; nil at end of input.
    func readLine(prompt: String) -> String?
    /// Records a line the learner entered (history); errors say why the history was not saved.
    func remember(_ line: String) throws(StateFileError)
    /// Waits for pushed messages or a key, on a terminal: `.messages` when the inbox has some,
    /// `.stop` when the learner pressed a key (which then starts the next line) or Ctrl-C.
    func waitForMessagesOrKey(_ inbox: PushInbox) -> ListenEvent
}

/// What interrupted a wait in subscribed mode.
public enum ListenEvent: Sendable, Equatable {
    /// Messages are waiting in the inbox.
    case messages
    /// The learner wants the prompt back.
    case stop
}

/// Lines from a pipe or file: no prompt, no editing, no history.
public final class PipedInput: LineInput, @unchecked Sendable {
    private let next: () -> String?

    /// Lines read from standard input.
    public init() { next = { Swift.readLine(strippingNewline: true) } }

    /// Lines from a list, for tests.
    public init(lines: [String]) {
        var remaining = lines[...]
        next = { remaining.popFirst() }
    }

    public var isInteractive: Bool { false }

    public func readLine(prompt: String) -> String? {
        guard var line = next() else { return nil }
        if line.hasSuffix("\r") { line.removeLast() }
        return line
    }

    public func remember(_ line: String) throws(StateFileError) {}

    public func waitForMessagesOrKey(_ inbox: PushInbox) -> ListenEvent { .stop }
}
