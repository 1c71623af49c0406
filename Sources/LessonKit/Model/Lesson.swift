/// A lesson: its front matter, its parsed markdown body and its quiz.
public struct Lesson: Sendable, Equatable {
    /// The lesson's front matter fields.
    public var metadata: LessonMetadata
    /// The file the lesson was read from, as a path under the catalog's directory.
    public var file: String
    /// The body's blocks in order (the quiz section included), with file line numbers.
    public var blocks: [MarkdownBlock]
    /// The quiz under `## Quiz`, if the lesson has one.
    public var quiz: Quiz?
    /// The line of the `## Quiz` heading, so renderers can replace that part with the quiz.
    public var quizLine: Int?

    /// Creates a lesson from already parsed parts.
    public init(metadata: LessonMetadata, file: String, blocks: [MarkdownBlock], quiz: Quiz? = nil, quizLine: Int? = nil) {
        self.metadata = metadata
        self.file = file
        self.blocks = blocks
        self.quiz = quiz
        self.quizLine = quizLine
    }

    /// The lesson's number (front matter `number`).
    public var number: Int { metadata.number }
    /// The lesson's title (front matter `title`).
    public var title: String { metadata.title }
    /// The lesson's slug (front matter `slug`).
    public var slug: String { metadata.slug }
    /// The number as the course writes it: at least two digits (`03`, `14`).
    public var paddedNumber: String { number < 10 && number >= 0 ? "0\(number)" : String(number) }

    /// The body split at each `##` heading; the part before the first one is the introduction.
    public var sections: [LessonSection] { LessonSection.split(blocks) }

    /// Every fenced or indented code block of the body, in order, nested ones included.
    public var codeBlocks: [CodeBlock] {
        var found: [CodeBlock] = []
        MarkdownBlock.visit(blocks) { if case .code(let code) = $0.kind { found.append(code) } }
        return found
    }

    /// The code blocks tagged `redis`: the ones the REPL can run, one command per line.
    public var runnableBlocks: [CodeBlock] { codeBlocks.filter(\.isRunnable) }

    /// Every link and image of the body with the line it is on.
    public var links: [LessonLink] {
        var found: [LessonLink] = []
        MarkdownBlock.visit(blocks) { block in
            for (inlines, line) in block.inlineGroups { LessonLink.collect(inlines, startingAt: line, into: &found) }
        }
        return found
    }
}
