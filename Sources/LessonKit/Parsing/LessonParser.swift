/// Turns a lesson file's text into a `Lesson` and the problems found in it.
public enum LessonParser {
    /// What parsing one file gives: the lesson (nil when it cannot be loaded) and its problems.
    public struct Result: Sendable {
        /// The lesson, unless a fatal problem (broken front matter, missing title or slug) stopped it.
        public var lesson: Lesson?
        /// Every problem found, fatal or not, in line order.
        public var problems: [LessonProblem]
    }

    /// Parses `text`, naming `file` in problems.
    public static func parse(_ text: String, file: String) -> Result {
        let source = LessonSource(file: file, text: text)
        let frontMatter = FrontMatterParser.parse(source)
        var problems = frontMatter.problems
        guard let metadata = frontMatter.metadata else { return Result(lesson: nil, problems: problems) }

        let markdown = MarkdownParser.parse(source, firstLine: frontMatter.bodyLine)
        for fence in markdown.unterminatedFences {
            problems.append(source.problem(
                .unterminatedCodeFence, line: fence.line, "the code block opened here with \(fence.fence) is never closed",
                fix: "add a line \(fence.fence) where the code ends"))
        }

        var quiz: Quiz?
        var quizLine: Int?
        if let index = markdown.blocks.firstIndex(where: isQuizHeading) {
            let line = markdown.blocks[index].line
            let end = markdown.blocks[(index + 1)...].first(where: { block in
                if case .heading(let level, _) = block.kind { return level <= 2 }
                return false
            })?.line ?? source.lineCount + 1
            let parsed = QuizParser.parse(source, quizLine: line, lines: line + 1 < end ? (line + 1)...(end - 1) : nil)
            quiz = parsed.0
            quizLine = line
            problems += parsed.1
        }
        problems.sort { $0.line < $1.line }
        let lesson = Lesson(metadata: metadata, file: file, blocks: markdown.blocks, quiz: quiz, quizLine: quizLine)
        return Result(lesson: lesson, problems: problems)
    }

    private static func isQuizHeading(_ block: MarkdownBlock) -> Bool {
        guard case .heading(2, let content) = block.kind else { return false }
        return MarkdownInline.plainText(content).trimmingWhitespace().lowercased() == "quiz"
    }
}
