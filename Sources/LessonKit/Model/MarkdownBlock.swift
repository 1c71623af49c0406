/// A block of a lesson's markdown body, with the file line it starts on.
public struct MarkdownBlock: Sendable, Equatable {
    /// What the block is.
    public enum Kind: Sendable, Equatable {
        /// `#` to `######`.
        case heading(level: Int, content: [MarkdownInline])
        /// Running text.
        case paragraph([MarkdownInline])
        /// A bullet or numbered list.
        case list(MarkdownList)
        /// `>` quoted blocks.
        case blockQuote([MarkdownBlock])
        /// A fenced or indented code block.
        case code(CodeBlock)
        /// A GitHub-flavoured table.
        case table(MarkdownTable)
        /// `---` between blocks.
        case thematicBreak
        /// Raw HTML, kept as written.
        case html(String)
    }

    /// What the block is.
    public var kind: Kind
    /// The line in the lesson file (front matter counted) where the block starts.
    public var line: Int

    /// Creates a block.
    public init(_ kind: Kind, line: Int) {
        self.kind = kind
        self.line = line
    }

    /// Calls `body` on every block of `blocks`, depth first, nested blocks included.
    public static func visit(_ blocks: [MarkdownBlock], _ body: (MarkdownBlock) -> Void) {
        for block in blocks {
            body(block)
            switch block.kind {
            case .list(let list): for item in list.items { visit(item.blocks, body) }
            case .blockQuote(let inner): visit(inner, body)
            default: break
            }
        }
    }

    /// The inline runs this block holds directly (paragraph, heading, table cells), each with its line.
    var inlineGroups: [([MarkdownInline], Int)] {
        switch kind {
        case .heading(_, let content), .paragraph(let content): return [(content, line)]
        case .table(let table):
            var groups = table.header.map { ($0, line) }
            for (index, row) in table.rows.enumerated() { groups += row.map { ($0, line + 2 + index) } }
            return groups
        default: return []
        }
    }
}

/// A bullet or numbered list.
public struct MarkdownList: Sendable, Equatable {
    /// True for `1.` lists, false for bullets.
    public var ordered: Bool
    /// The first number of an ordered list.
    public var start: Int
    /// Tight lists have no blank line between items.
    public var tight: Bool
    /// The items in order.
    public var items: [MarkdownListItem]

    /// Creates a list.
    public init(ordered: Bool, start: Int = 1, tight: Bool = true, items: [MarkdownListItem]) {
        self.ordered = ordered
        self.start = start
        self.tight = tight
        self.items = items
    }
}

/// One item of a list.
public struct MarkdownListItem: Sendable, Equatable {
    /// The item's blocks (usually one paragraph).
    public var blocks: [MarkdownBlock]
    /// For task list items (`- [x]`), whether it is checked; nil for ordinary items.
    public var task: Bool?

    /// Creates a list item.
    public init(blocks: [MarkdownBlock], task: Bool? = nil) {
        self.blocks = blocks
        self.task = task
    }
}

/// A GitHub-flavoured markdown table.
public struct MarkdownTable: Sendable, Equatable {
    /// How a column's cells line up.
    public enum Alignment: Sendable, Equatable { case none, left, center, right }
    /// One alignment per column.
    public var alignments: [Alignment]
    /// The header row's cells.
    public var header: [[MarkdownInline]]
    /// The body rows' cells.
    public var rows: [[[MarkdownInline]]]

    /// Creates a table.
    public init(alignments: [Alignment], header: [[MarkdownInline]], rows: [[[MarkdownInline]]]) {
        self.alignments = alignments
        self.header = header
        self.rows = rows
    }
}
