/// Renders lessons, markdown blocks and code to terminal text, wrapped to a width, with or
/// without colour (without colour the output has no escape sequences at all).
public struct TerminalRenderer: Sendable {
    /// The width to wrap to, in columns.
    public var width: Int
    /// Whether to emit ANSI colours and attributes.
    public var colors: Bool
    /// A note shown after a link's text (e.g. the lesson a relative link leads to); nil for none.
    public var linkNote: (@Sendable (String) -> String?)?

    /// A renderer for `width` columns (at least 20), in colour or plain.
    public init(width: Int = 80, colors: Bool = false, linkNote: (@Sendable (String) -> String?)? = nil) {
        self.width = max(20, width)
        self.colors = colors
        self.linkNote = linkNote
    }

    /// Markdown blocks as terminal text, one blank line between blocks, ending with a newline.
    public func render(_ blocks: [MarkdownBlock]) -> String {
        serialize(lines(for: blocks, width: width))
    }

    /// Markdown text (a quiz prompt or explanation) as terminal text.
    public func render(markdown: String) -> String {
        return render(MarkdownParser.parse(markdown).blocks)
    }

    /// A code block, highlighted by its language, in a frame labelled with the language.
    public func render(_ code: CodeBlock) -> String {
        serialize(codeLines(code, width: width))
    }

    func serialize(_ lines: [StyledLine]) -> String {
        var output = ""
        for line in lines {
            var text = line.serialized(colors: colors)
            while text.hasSuffix(" ") { text.removeLast() }
            output += text + "\n"
        }
        return output
    }

    /// Styles used across the renderer.
    enum Look {
        static let title = TextStyle(color: .magenta, bold: true)
        static let section = TextStyle(color: .cyan, bold: true)
        static let subsection = TextStyle(bold: true)
        static let code = TextStyle(color: .yellow)
        static let link = TextStyle(color: .blue, underline: true)
        static let frame = TextStyle(color: .gray)
        static let note = TextStyle(color: .gray)
        static let good = TextStyle(color: .green)
        static let bad = TextStyle(color: .red)
        static let quote = TextStyle(italic: true)
    }
}
