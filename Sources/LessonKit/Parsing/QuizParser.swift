/// Reads the `## Quiz` section of a lesson line by line, so problems point at exact lines.
struct QuizParser {
    private let source: LessonSource
    private var questions: [QuizQuestion] = []
    private(set) var problems: [LessonProblem] = []
    private var draft: Draft?
    private var lastNumber = 0

    /// A question being read.
    private struct Draft {
        var number: Int
        var line: Int
        var prompt: [String] = []
        var options: [QuizOption] = []
        var answer: QuizAnswer?
        var answerLine = 0
        var explanation: [String] = []
    }

    /// Parses file lines `lines` (the section after the `## Quiz` heading on `quizLine`).
    static func parse(_ source: LessonSource, quizLine: Int, lines: ClosedRange<Int>?) -> (Quiz, [LessonProblem]) {
        var parser = QuizParser(source: source)
        var fence: String?
        for line in lines.map(Array.init) ?? [] {
            let text = source.text(ofLine: line)
            if let open = fence {
                parser.append(text)
                if text.trimmingWhitespace().hasPrefix(open) { fence = nil }
                continue
            }
            let first = text.firstNonSpaceByte
            let trimmed = first == UInt8(ascii: "`") || first == UInt8(ascii: "~") ? text.trimmingWhitespace() : ""
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = String(trimmed.prefix(while: { $0 == trimmed.first }))
                parser.append(text)
                continue
            }
            parser.read(QuizLine.classify(text), text: text, line: line)
        }
        parser.finishDraft()
        if parser.questions.isEmpty && parser.problems.isEmpty {
            parser.problems.append(source.problem(
                .malformedQuiz, line: quizLine, "the `## Quiz` section has no questions",
                fix: "add questions as `### Question 1`, the question, options `**A)** …` and `**Answer: A** - why`"))
        }
        return (Quiz(line: quizLine, questions: parser.questions), parser.problems)
    }

    private init(source: LessonSource) { self.source = source }

    private mutating func read(_ kind: QuizLine, text: String, line: Int) {
        switch kind {
        case .question(let number):
            finishDraft()
            draft = Draft(number: number, line: line)
        case .otherHeading:
            finishDraft()
            problems.append(source.problem(
                .malformedQuiz, line: line, "a heading inside the quiz that is not `### Question N`",
                fix: "start each question with `### Question N`, or move this heading above `## Quiz`"))
        case .option(let letter, let optionText):
            guard draft != nil else { return noQuestion(line) }
            if draft!.answer != nil {
                problems.append(source.problem(
                    .malformedQuiz, line: line, "option **\(letter))** comes after the answer of Question \(draft!.number)",
                    fix: "put every option before the `**Answer: …**` line"))
                return
            }
            draft!.options.append(QuizOption(letter: letter, text: optionText, line: line))
        case .choices(let letters, let explanation):
            setAnswer(.choices(letters), explanation: explanation, line: line)
        case .command(let command, let explanation):
            setAnswer(.command(command), explanation: explanation, line: line)
        case .malformedAnswer:
            guard draft != nil else { return noQuestion(line) }
            problems.append(source.problem(
                .malformedQuiz, line: line, "this answer line does not follow the quiz format",
                fix: "write `**Answer: B** - why`, `**Answer: A, C** - why` or ``**Answer (command):** `CMD` - why``"))
            draft!.answerLine = line
        case .text:
            append(text)
        }
    }

    private mutating func noQuestion(_ line: Int) {
        problems.append(source.problem(
            .malformedQuiz, line: line, "an option or answer before the first `### Question N`",
            fix: "add a `### Question 1` heading and the question text above it"))
    }

    private mutating func setAnswer(_ answer: QuizAnswer, explanation: String, line: Int) {
        guard draft != nil else { return noQuestion(line) }
        if draft!.answer != nil {
            problems.append(source.problem(
                .malformedQuiz, line: line, "Question \(draft!.number) has a second answer line",
                fix: "keep one answer line; list several letters in it (`**Answer: A, C**`)"))
            return
        }
        draft!.answer = answer
        draft!.answerLine = line
        if !explanation.isEmpty { draft!.explanation.append(explanation) }
    }

    /// A line that is not an option or answer continues whatever came last.
    private mutating func append(_ text: String) {
        guard draft != nil else { return }
        if draft!.answer != nil || draft!.answerLine != 0 {
            draft!.explanation.append(text)
        } else if !draft!.options.isEmpty {
            let trimmed = text.trimmingWhitespace()
            if !trimmed.isEmpty { draft!.options[draft!.options.count - 1].text += " " + trimmed }
        } else {
            draft!.prompt.append(text)
        }
    }

    private mutating func finishDraft() {
        guard let draft else { return }
        self.draft = nil
        if let question = validate(draft) { questions.append(question) }
    }

    /// Checks a finished question; returns nil when it cannot be asked as written.
    private mutating func validate(_ draft: Draft) -> QuizQuestion? {
        let number = draft.number
        if number != lastNumber + 1 {
            problems.append(source.problem(
                .malformedQuiz, line: draft.line, "Question \(number) follows Question \(lastNumber)",
                fix: "number the questions 1, 2, 3, … in order (this one should be Question \(lastNumber + 1))"))
        }
        lastNumber = number
        let prompt = Self.joined(draft.prompt)
        if prompt.isEmpty {
            problems.append(source.problem(
                .malformedQuiz, line: draft.line, "Question \(number) has no question text",
                fix: "write the question on the lines after `### Question \(number)`"))
            return nil
        }
        guard let answer = draft.answer else {
            if draft.answerLine == 0 {
                problems.append(source.problem(
                    .malformedQuiz, line: draft.line, "Question \(number) has no answer",
                    fix: "add a line `**Answer: B** - why` after its options"))
            }
            return nil
        }
        checkLetters(draft.options, question: number)
        switch answer {
        case .choices(let letters):
            if draft.options.isEmpty {
                problems.append(source.problem(
                    .malformedQuiz, line: draft.answerLine, "Question \(number) answers \(answer.display) but has no options",
                    fix: "add options `**A)** …`, or write ``**Answer (command):** `CMD` `` for a command answer"))
                return nil
            }
            if draft.options.count == 1 {
                problems.append(source.problem(
                    .malformedQuiz, line: draft.options[0].line, "Question \(number) has only one option",
                    fix: "give at least two options"))
            }
            let available = draft.options.map(\.letter)
            if let missing = letters.first(where: { !available.contains($0) }) {
                problems.append(source.problem(
                    .answerWithoutOption, line: draft.answerLine,
                    "the answer \(missing) of Question \(number) matches no option (options: \(available.map(String.init).joined(separator: ", ")))",
                    fix: "answer with one of the option letters, or add the option `**\(missing))** …`"))
                return nil
            }
        case .command:
            if !draft.options.isEmpty {
                problems.append(source.problem(
                    .malformedQuiz, line: draft.options[0].line, "Question \(number) has a command answer and options",
                    fix: "remove the options, or answer with a letter (`**Answer: A**`)"))
                return nil
            }
        }
        return QuizQuestion(
            number: number, line: draft.line, prompt: prompt, options: draft.options, answer: answer,
            explanation: Self.joined(draft.explanation), answerLine: draft.answerLine)
    }

    /// Options must be lettered A, B, C, … with no gap or repeat.
    private mutating func checkLetters(_ options: [QuizOption], question: Int) {
        for (index, option) in options.enumerated() {
            let expected = Character(UnicodeScalar(UInt8(ascii: "A") + UInt8(min(index, 25))))
            guard option.letter != expected else { continue }
            let after = index == 0 ? "the options start at **\(option.letter))**" : "option **\(option.letter))** follows **\(options[index - 1].letter))**"
            problems.append(source.problem(
                .optionGap, line: option.line, "\(after) in Question \(question); expected **\(expected))**",
                fix: "letter the options A, B, C, … in order, with no gaps or repeats"))
            return
        }
    }

    /// Lines joined as markdown, without leading and trailing blank lines.
    private static func joined(_ lines: [String]) -> String {
        var lines = lines
        while let first = lines.first, first.trimmingWhitespace().isEmpty { lines.removeFirst() }
        while let last = lines.last, last.trimmingWhitespace().isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
