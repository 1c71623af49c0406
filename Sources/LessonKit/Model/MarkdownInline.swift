/// Inline markdown: text and the emphasis, code and links inside a block.
public enum MarkdownInline: Sendable, Equatable {
    /// Plain text.
    case text(String)
    /// `` `code` ``.
    case code(String)
    /// `*emphasis*`.
    case emphasis([MarkdownInline])
    /// `**strong**`.
    case strong([MarkdownInline])
    /// `~~struck~~`.
    case strikethrough([MarkdownInline])
    /// `[text](destination "title")`.
    case link(destination: String, title: String, content: [MarkdownInline])
    /// `![alt](source)`.
    case image(source: String, title: String, alt: [MarkdownInline])
    /// A line break in the source that is not a hard break.
    case softBreak
    /// A hard line break (two spaces or a backslash at the end of a line).
    case lineBreak
    /// Raw inline HTML.
    case html(String)

    /// The text of `inlines` without any markup (breaks become spaces).
    public static func plainText(_ inlines: [MarkdownInline]) -> String {
        var text = ""
        for inline in inlines {
            switch inline {
            case .text(let value), .code(let value), .html(let value): text += value
            case .emphasis(let inner), .strong(let inner), .strikethrough(let inner): text += plainText(inner)
            case .link(_, _, let inner): text += plainText(inner)
            case .image(_, _, let alt): text += plainText(alt)
            case .softBreak, .lineBreak: text += " "
            }
        }
        return text
    }
}
