/// Reads the letters a learner typed for a multiple-choice question: `B`, `b`, `A,C`, `A C`,
/// `AC`, `A+C` or `A and C`.
public enum ChoiceInput {
    /// The shown letters chosen, upper-cased and sorted, or a sentence saying what is wrong.
    public static func parse(_ text: String, optionCount: Int) -> Result<[Character], ChoiceInputError> {
        var words = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "+" || $0 == "&" || $0 == "\t" })
        words.removeAll { $0.lowercased() == "and" }
        var letters: [Character] = []
        for word in words {
            for character in word {
                guard let index = PresentedQuestion.index(of: character), character.isASCII, character.isLetter else {
                    return .failure(ChoiceInputError("'\(text)' is not a list of option letters"))
                }
                guard index < optionCount else {
                    let last = PresentedQuestion.letter(optionCount - 1)
                    return .failure(ChoiceInputError("there is no option \(character.uppercased()); choose from A to \(last)"))
                }
                let letter = PresentedQuestion.letter(index)
                if !letters.contains(letter) { letters.append(letter) }
            }
        }
        guard !letters.isEmpty else { return .failure(ChoiceInputError("type the letter of an option")) }
        return .success(letters.sorted())
    }
}

/// Why typed letters cannot be read as an answer.
public struct ChoiceInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What to fix, as a sentence fragment.
    public let message: String

    init(_ message: String) { self.message = message }

    public var description: String { message }
}
