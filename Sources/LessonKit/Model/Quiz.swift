/// The quiz at the end of a lesson.
public struct Quiz: Sendable, Equatable {
    /// The line of the `## Quiz` heading.
    public var line: Int
    /// The well-formed questions, in order (malformed ones are reported as problems instead).
    public var questions: [QuizQuestion]

    /// Creates a quiz.
    public init(line: Int, questions: [QuizQuestion]) {
        self.line = line
        self.questions = questions
    }
}

/// One question of a quiz.
public struct QuizQuestion: Sendable, Equatable {
    /// The `N` of `### Question N`.
    public var number: Int
    /// The line of the `### Question N` heading.
    public var line: Int
    /// The question, as markdown.
    public var prompt: String
    /// The options `**A)** …` in order; empty for a command question.
    public var options: [QuizOption]
    /// What is right.
    public var answer: QuizAnswer
    /// The text after the answer, as markdown.
    public var explanation: String
    /// The line of the answer.
    public var answerLine: Int

    /// Creates a question.
    public init(number: Int, line: Int, prompt: String, options: [QuizOption], answer: QuizAnswer, explanation: String, answerLine: Int) {
        self.number = number
        self.line = line
        self.prompt = prompt
        self.options = options
        self.answer = answer
        self.explanation = explanation
        self.answerLine = answerLine
    }

    /// Whether the chosen letters are exactly the right ones (order and case do not matter).
    /// Always false for a command question, which is judged by running the command.
    public func isCorrect(choosing letters: some Sequence<Character>) -> Bool {
        guard case .choices(let right) = answer else { return false }
        return Set(letters.map { Character($0.uppercased()) }) == Set(right)
    }
}

/// One option of a multiple-choice question.
public struct QuizOption: Sendable, Equatable {
    /// `A`, `B`, …
    public var letter: Character
    /// The option's text, as markdown.
    public var text: String
    /// The option's line.
    public var line: Int

    /// Creates an option.
    public init(letter: Character, text: String, line: Int) {
        self.letter = letter
        self.text = text
        self.line = line
    }
}

/// The right answer to a question.
public enum QuizAnswer: Sendable, Equatable {
    /// One or more option letters (`**Answer: B**`, `**Answer: A, C**`).
    case choices([Character])
    /// A Redis command (``**Answer (command):** `ZADD board 10 alice` ``): any command that
    /// leaves the same state and reply is right.
    case command(String)

    /// How the answer reads to a learner: `B`, `A, C`, or the command.
    public var display: String {
        switch self {
        case .choices(let letters): return letters.map(String.init).joined(separator: ", ")
        case .command(let command): return command
        }
    }
}
