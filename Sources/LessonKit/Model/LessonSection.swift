/// A part of a lesson: a `##` heading and the blocks up to the next one.
public struct LessonSection: Sendable, Equatable {
    /// The heading's text, or the lesson title's heading for the introduction.
    public var title: String
    /// The heading level (1 for the introduction under the `#` title, 2 otherwise).
    public var level: Int
    /// The heading's line in the file.
    public var line: Int
    /// The section's blocks, its heading included.
    public var blocks: [MarkdownBlock]

    /// Creates a section.
    public init(title: String, level: Int, line: Int, blocks: [MarkdownBlock]) {
        self.title = title
        self.level = level
        self.line = line
        self.blocks = blocks
    }

    static func split(_ blocks: [MarkdownBlock]) -> [LessonSection] {
        var sections: [LessonSection] = []
        var current: LessonSection?
        for block in blocks {
            if case .heading(let level, let content) = block.kind, level <= 2 {
                if let current { sections.append(current) }
                current = LessonSection(title: MarkdownInline.plainText(content), level: level, line: block.line, blocks: [block])
            } else if current == nil {
                current = LessonSection(title: "", level: 1, line: block.line, blocks: [block])
            } else {
                current?.blocks.append(block)
            }
        }
        if let current { sections.append(current) }
        return sections
    }
}
