/// redis-cli's argument hints: after a known command name, the arguments still to type.
///
/// The hint is the command's syntax with one leading word dropped for every argument already
/// typed, stopping at the first optional `[…]` part; it starts with a space unless the line
/// already ends with one.
public struct ArgumentHints: Sendable {
    /// Meta-command usages by name (`:run` → `N`), hinted the same way as Redis commands.
    public let metaUsages: [String: String]

    /// Hints for the course's Redis commands and the given meta-command usages.
    public init(metaUsages: [String: String] = [:]) {
        self.metaUsages = metaUsages
    }

    /// The hint to show after `line`, or nil when there is none.
    public func hint(for line: String) -> String? {
        guard let words = try? CommandLineSplitter.splitText(line), let first = words.first else { return nil }
        let nameLength: Int
        let syntax: String
        if first.hasPrefix(":") {
            guard let usage = metaUsages[first.lowercased()], !usage.isEmpty else { return nil }
            nameLength = 1
            syntax = usage
        } else if first.lowercased() == "help" {
            nameLength = 1
            syntax = "command|@group"
        } else if let entry = CommandHelp.longestMatch(words) {
            nameLength = entry.nameWords.count
            syntax = entry.syntax
        } else {
            return nil
        }
        var hint = Substring(syntax)
        var toRemove = words.count - nameLength
        while toRemove > 0, let c = hint.first, c != "[" {
            if c == " " { toRemove -= 1 }
            hint = hint.dropFirst()
        }
        let endsWithSpace = line.last.map { $0 == " " || $0 == "\t" } ?? false
        let result = endsWithSpace ? String(hint) : " " + hint
        return result.trimmingSpaces.isEmpty ? nil : result
    }
}

extension String {
    var trimmingSpaces: Substring {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
