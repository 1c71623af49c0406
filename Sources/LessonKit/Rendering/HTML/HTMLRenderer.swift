/// Renders a parsed lesson to HTML for the web front end: the same blocks the terminal
/// renderer draws, links to other lessons rewritten to the web app's lesson pages, and every
/// `redis` block given a Run button the page's script wires to the learner's session.
public struct HTMLRenderer: Sendable {
    /// The URL path of a lesson page, from its slug (`/lessons/<slug>`).
    public var lessonPath: @Sendable (String) -> String

    /// A renderer linking lessons to `lessonPath(slug)`.
    public init(lessonPath: @escaping @Sendable (String) -> String = { "/lessons/" + $0 }) {
        self.lessonPath = lessonPath
    }

    /// The lesson's body as HTML (without the quiz section, which the page shows as a form).
    public func render(_ lesson: Lesson, catalog: LessonCatalog) -> String {
        var context = Context(lesson: lesson, catalog: catalog, renderer: self)
        var out = ""
        for block in lesson.blocks {
            if let quizLine = lesson.quizLine, lesson.quiz != nil, block.line >= quizLine { break }
            context.block(block, into: &out)
        }
        return out
    }

    /// Markdown that is not a lesson (an exercise's instructions) as HTML; its `redis` blocks
    /// get Run buttons too, numbered from 0.
    public func render(markdown: String) -> String {
        var context = Context(lesson: nil, catalog: nil, renderer: self)
        var out = ""
        for block in MarkdownParser.parse(markdown).blocks { context.block(block, into: &out) }
        return out
    }

    /// A line of markdown (a quiz option, an explanation) as inline HTML, without a paragraph around it.
    public func renderInline(markdown: String) -> String {
        let context = Context(lesson: nil, catalog: nil, renderer: self)
        return MarkdownParser.parse(markdown).blocks.map { block -> String in
            if case .paragraph(let content) = block.kind { return context.inlines(content) }
            var out = ""
            var copy = context
            copy.block(block, into: &out)
            return out
        }.joined(separator: " ")
    }

    /// A code block as highlighted HTML; a `redis` block (the `index`th of the lesson) gets a Run button.
    func codeBlock(_ code: CodeBlock, runnableIndex: Int?) -> String {
        var out = "<div class=\"code\">"
        if let runnableIndex {
            out += "<button class=\"run\" data-block=\"\(runnableIndex)\" title=\"Send these commands to your session\">Run ▶</button>"
        }
        out += "<pre><code class=\"language-\((code.language ?? "text").htmlEscaped)\">"
        let lines = SyntaxHighlighter.highlight(code.code, language: code.language)
        for (index, line) in lines.enumerated() {
            if index > 0 { out += "\n" }
            for run in line { out += Self.span(run) }
        }
        return out + "</code></pre></div>\n"
    }

    private static func span(_ run: StyledRun) -> String {
        var classes: [String] = []
        if let color = run.style.color { classes.append("hl-\(color)") }
        if run.style.bold { classes.append("hl-bold") }
        if run.style.italic { classes.append("hl-italic") }
        guard !classes.isEmpty else { return run.text.htmlEscaped }
        return "<span class=\"\(classes.joined(separator: " "))\">\(run.text.htmlEscaped)</span>"
    }
}
