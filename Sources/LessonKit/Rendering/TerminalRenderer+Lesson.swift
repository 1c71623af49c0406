extension TerminalRenderer {
    /// A whole lesson: a header line (number, level, minutes, prerequisites), the body, and the
    /// quiz rebuilt from its parsed questions, answers shown only when `showAnswers` is true.
    public func render(_ lesson: Lesson, catalog: LessonCatalog? = nil, showAnswers: Bool = false) -> String {
        var output: [StyledLine] = []
        var facts = ["Lesson \(lesson.paddedNumber)"]
        if !lesson.metadata.level.isEmpty { facts.append(lesson.metadata.level) }
        if lesson.metadata.estimatedMinutes > 0 { facts.append("about \(lesson.metadata.estimatedMinutes) min") }
        output.append([StyledRun(facts.joined(separator: " · "), Look.note)])
        if !lesson.metadata.prerequisites.isEmpty {
            let names = lesson.metadata.prerequisites.map { name -> String in
                guard let catalog else { return name }
                if let target = catalog.prerequisite(named: name) { return "\(target.paddedNumber) \(target.title)" }
                return "\(name) (missing)"
            }
            output += TextWrapper.wrap([StyledRun("Before this: " + names.joined(separator: ", "), Look.note)], width: width)
        }
        output.append([])

        let body = lesson.quizLine.map { line in lesson.blocks.filter { $0.line < line || !isInQuiz($0, lesson: lesson) } } ?? lesson.blocks
        output += lines(for: body, width: width)
        if let quiz = lesson.quiz {
            output.append([])
            output += headingLinesForQuiz()
            for question in quiz.questions {
                output.append([])
                output += questionLines(question, showAnswer: showAnswers)
            }
            if !showAnswers && !quiz.questions.isEmpty {
                output.append([])
                output += TextWrapper.wrap([StyledRun("Answers are hidden; add --answers to see them with their explanations.", Look.note)], width: width)
            }
        }
        return serialize(output)
    }

    /// One quiz question: its prompt, options, and (when asked) the answer and explanation.
    public func render(_ question: QuizQuestion, showAnswer: Bool) -> String {
        serialize(questionLines(question, showAnswer: showAnswer))
    }

    private func isInQuiz(_ block: MarkdownBlock, lesson: Lesson) -> Bool {
        guard let start = lesson.quizLine, block.line >= start else { return false }
        let end = lesson.blocks.first { candidate in
            guard candidate.line > start, case .heading(let level, _) = candidate.kind else { return false }
            return level <= 2
        }?.line ?? Int.max
        return block.line < end
    }

    private func headingLinesForQuiz() -> [StyledLine] {
        [[StyledRun("Quiz", Look.section)], [StyledRun("────", Look.section)]]
    }

    func questionLines(_ question: QuizQuestion, showAnswer: Bool) -> [StyledLine] {
        var output: [StyledLine] = [[StyledRun("Question \(question.number)", Look.subsection)]]
        output += markdownLines(question.prompt, width: width)
        for option in question.options {
            let label = StyledRun("\(option.letter)) ", TextStyle(bold: true))
            let body = TextWrapper.wrap(inlineRunsOfMarkdown(option.text), width: width - 5)
            for (index, line) in body.enumerated() {
                output.append([StyledRun("  "), index == 0 ? label : StyledRun("   ")] + line)
            }
        }
        if question.options.isEmpty {
            output += TextWrapper.wrap([StyledRun("Answer with a Redis command.", Look.note)], width: width)
        }
        if showAnswer {
            let answer = question.answer.display
            let label = question.options.isEmpty ? "Answer (command): " : "Answer: "
            var runs = [StyledRun(label, TextStyle(color: .green, bold: true)), StyledRun(answer, Look.good)]
            if !question.explanation.isEmpty { runs.append(StyledRun(" — ")) }
            let explanation = markdownLines(question.explanation, width: width)
            if !explanation.isEmpty {
                // The first paragraph follows the label: its lines, already wrapped on their own,
                // are joined again and wrapped once with it, so no line breaks short.
                let end = explanation.firstIndex { $0.isEmpty } ?? explanation.endIndex
                var paragraph: [StyledRun] = []
                for (index, line) in explanation[..<end].enumerated() {
                    if index > 0 { paragraph.append(StyledRun(" ")) }
                    paragraph += line
                }
                output += TextWrapper.wrap(runs + paragraph, width: width)
                output += explanation[end...]
            } else {
                output += TextWrapper.wrap(runs, width: width)
            }
        }
        return output
    }

    private func markdownLines(_ markdown: String, width: Int) -> [StyledLine] {
        guard !markdown.isEmpty else { return [] }
        return lines(for: MarkdownParser.parse(markdown).blocks, width: width)
    }

    private func inlineRunsOfMarkdown(_ markdown: String) -> [StyledRun] {
        let blocks = MarkdownParser.parse(markdown).blocks
        guard case .paragraph(let content)? = blocks.first?.kind, blocks.count == 1 else { return [StyledRun(markdown)] }
        return inlineRuns(content)
    }
}
