import Basics
import LessonKit

/// A question as the learner sees it: its options possibly shuffled and lettered A, B, C, …
/// in the order shown. Answers are stored in the lesson's own letters, so an attempt can be
/// resumed or reviewed whatever order was shown.
public struct PresentedQuestion: Sendable, Equatable {
    /// The question as written in the lesson.
    public let question: QuizQuestion
    /// `order[i]` is the index in `question.options` of the option shown with the i-th letter.
    public let order: [Int]

    /// `question` with its options in lesson order, or shuffled by `seed` (the same seed and
    /// question always give the same order).
    public init(_ question: QuizQuestion, shuffleSeed seed: UInt64?) {
        self.question = question
        var indices = Array(question.options.indices)
        if let seed {
            var generator = SeededGenerator(seed: seed ^ (UInt64(truncatingIfNeeded: question.number) &* 0x1000_0000_01B3))
            indices.shuffle(using: &generator)
        }
        order = indices
    }

    /// Whether the answer is a Redis command rather than letters.
    public var expectsCommand: Bool {
        if case .command = question.answer { return true }
        return false
    }

    /// Whether more than one option is right.
    public var hasSeveralAnswers: Bool {
        if case .choices(let letters) = question.answer { return letters.count > 1 }
        return false
    }

    /// The options in the order shown, with the letters shown.
    public var shownOptions: [(letter: Character, text: String)] {
        order.enumerated().map { shown, original in (Self.letter(shown), question.options[original].text) }
    }

    /// The lesson's letter for the shown letter `letter`, or nil when no option has it.
    public func lessonLetter(forShown letter: Character) -> Character? {
        guard let index = Self.index(of: letter), index < order.count else { return nil }
        return question.options[order[index]].letter
    }

    /// The shown letter of the lesson's option `letter`.
    public func shownLetter(forLesson letter: Character) -> Character? {
        guard let original = question.options.firstIndex(where: { $0.letter == letter }),
              let shown = order.firstIndex(of: original) else { return nil }
        return Self.letter(shown)
    }

    /// The right answer in shown letters (sorted), or the command.
    public var shownAnswer: String {
        switch question.answer {
        case .choices(let letters):
            return letters.compactMap(shownLetter(forLesson:)).sorted().map(String.init).joined(separator: ", ")
        case .command(let command):
            return command
        }
    }

    static func letter(_ index: Int) -> Character { Character(UnicodeScalar(UInt8(ascii: "A") + UInt8(index))) }

    static func index(of letter: Character) -> Int? {
        guard let ascii = letter.uppercased().first?.asciiValue, ascii >= UInt8(ascii: "A"), ascii <= UInt8(ascii: "Z") else { return nil }
        return Int(ascii - UInt8(ascii: "A"))
    }
}
