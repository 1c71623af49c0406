/// A link (or image) in a lesson's body.
public struct LessonLink: Sendable, Equatable {
    /// The destination as written (`./03.%20Redis%20Caching%20Strategies.md#ttl`).
    public var destination: String
    /// The link's text.
    public var text: String
    /// The file line the link is on.
    public var line: Int
    /// True for `![…](…)` images.
    public var isImage: Bool

    /// Creates a link.
    public init(destination: String, text: String, line: Int, isImage: Bool = false) {
        self.destination = destination
        self.text = text
        self.line = line
        self.isImage = isImage
    }

    /// Appends the links of `inlines` to `links`, counting lines at each break from `line`.
    static func collect(_ inlines: [MarkdownInline], startingAt line: Int, into links: inout [LessonLink]) {
        var current = line
        collect(inlines, line: &current, into: &links)
    }

    private static func collect(_ inlines: [MarkdownInline], line: inout Int, into links: inout [LessonLink]) {
        for inline in inlines {
            switch inline {
            case .softBreak, .lineBreak: line += 1
            case .link(let destination, _, let content):
                links.append(LessonLink(destination: destination, text: MarkdownInline.plainText(content), line: line))
                collect(content, line: &line, into: &links)
            case .image(let source, _, let alt):
                links.append(LessonLink(destination: source, text: MarkdownInline.plainText(alt), line: line, isImage: true))
            case .emphasis(let inner), .strong(let inner), .strikethrough(let inner):
                collect(inner, line: &line, into: &links)
            case .text, .code, .html: break
            }
        }
    }
}
