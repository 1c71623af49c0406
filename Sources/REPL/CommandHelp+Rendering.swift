extension CommandHelp {
    /// The entry as redis-cli's `help` shows it: name and syntax, summary, since, and (unless
    /// listing a group) the group; `colored` adds redis-cli's bold/grey/yellow.
    public func rendered(showGroup: Bool = true, colored: Bool = false) -> String {
        let bold = colored ? "\u{1B}[1m" : "", grey = colored ? "\u{1B}[90m" : ""
        let yellow = colored ? "\u{1B}[33m" : "", reset = colored ? "\u{1B}[0m" : ""
        var lines = [
            "  \(bold)\(name)\(reset)" + (syntax.isEmpty ? "" : " \(grey)\(syntax)\(reset)"),
            "  \(yellow)summary:\(reset) \(summary)",
            "  \(yellow)since:\(reset) \(since)",
        ]
        if showGroup { lines.append("  \(yellow)group:\(reset) \(group)") }
        return lines.joined(separator: "\n")
    }

    /// What `help` prints for `words` (after the word `help`): the matching entries, the
    /// introduction when `words` is empty, or a sentence saying nothing matched.
    public static func helpText(for words: [String], colored: Bool = false) -> String {
        if words.isEmpty { return introduction }
        let found = matching(words)
        if found.isEmpty {
            return "No help for '\(words.joined(separator: " "))'. Try help @<group>, where group is one of: "
                + groups.joined(separator: ", ") + "."
        }
        let isGroup = words[0].hasPrefix("@")
        return found.map { "\n" + $0.rendered(showGroup: !isGroup, colored: colored) }.joined(separator: "\n") + "\n"
    }

    /// The text of `help` with no argument.
    public static let introduction = """
        Type Redis commands as in redis-cli; the built-in simulator answers like Redis 7.0.
        Tab completes command names, and the grey hint after a command shows its arguments.
          help <command>    explains a command, e.g. help SET, help XGROUP
          help @<group>     lists a group: \(groups.map { "@" + $0 }.joined(separator: " "))
          :help             lists the meta-commands (:lesson, :run, :next, :reset, :advance, :quit, …)
        """
}
