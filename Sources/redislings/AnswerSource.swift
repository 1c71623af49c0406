import Foundation
@preconcurrency import Glibc
import RedisBackends
import REPL

/// Where quiz and review answers come from: a list given on the command line, or lines typed
/// (a terminal gets a prompt; piped input is read line by line). Nil means "stop here".
final class AnswerSource {
    private var listed: [String]?
    /// Whether a person is typing at a terminal.
    let isTerminal: Bool
    private let showPrompt: Bool
    /// The REPL's line editor on a terminal: arrows, history of this run, completion and hints
    /// for answers that are commands.
    private let editor: LineEditor?

    /// Answers from `--answers` when given, else standard input.
    init(answers: String?, showPrompt: Bool) {
        listed = answers.map(Self.split)
        isTerminal = answers == nil && isatty(STDIN_FILENO) != 0
        self.showPrompt = showPrompt && answers == nil && isatty(STDIN_FILENO) != 0
        if self.showPrompt {
            let editor = LineEditor(
                completer: .standard(commands: SimulatorBackend.commandNames, metaCommands: []), hints: ArgumentHints(), historyPath: nil)
            editor.interruptEndsInput = true
            // Ctrl-C reaches the editor as a key and ends the quiz cleanly (answers kept,
            // the terminal's modes restored) rather than killing it mid-edit.
            Interrupts.install()
            self.editor = editor
        } else {
            editor = nil
        }
    }

    /// Whether the answers come from `--answers`.
    var isListed: Bool { listed != nil }

    /// The next answer, or nil at the end of the list or input, or when the learner types `q`.
    func next(prompt: String) -> String? {
        if listed != nil {
            guard !listed!.isEmpty else { return nil }
            return listed!.removeFirst()
        }
        let read: String?
        if let editor {
            fflush(nil)
            read = editor.readLine(prompt: prompt)
            if let read { try? editor.remember(read) }
        } else {
            if showPrompt { FileHandle.standardOutput.write(Data(prompt.utf8)) }
            read = readLine(strippingNewline: true)
        }
        guard let line = read else {
            if showPrompt { FileHandle.standardOutput.write(Data("\n".utf8)) }
            return nil
        }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if ["q", ":q", "quit", ":quit"].contains(trimmed.lowercased()) { return nil }
        return trimmed
    }

    /// Splits `B,A,AC,SET k v` at commas outside quotes (a command may quote a comma).
    static func split(_ text: String) -> [String] {
        var items: [String] = []
        var current = ""
        var quote: Character?
        var escaped = false
        for character in text {
            if escaped {
                escaped = false
            } else if character == "\\" && quote != nil {
                escaped = true
            } else if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "," {
                // Several letters for one question are written together (`AC`) or joined with `+`.
                items.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
                continue
            }
            current.append(character)
        }
        let last = current.trimmingCharacters(in: .whitespaces)
        if !last.isEmpty || !items.isEmpty { items.append(last) }
        return items
    }
}
