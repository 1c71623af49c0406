import Testing
@testable import Quizzes

@Suite struct ChoiceInputTests {
    @Test(arguments: ["a,c", "A C", "AC", "A+C", "c and a", " C, A "])
    func severalLettersAreReadInAnyForm(_ typed: String) throws {
        #expect(try ChoiceInput.parse(typed, optionCount: 4).get() == ["A", "C"])
    }

    @Test func aLetterBeyondTheOptionsNamesTheRange() {
        guard case .failure(let error) = ChoiceInput.parse("E", optionCount: 4) else {
            Issue.record("E was accepted among four options")
            return
        }
        #expect(error.message == "there is no option E; choose from A to D")
    }

    @Test func wordsAndEmptyInputAreRefused() {
        #expect((try? ChoiceInput.parse("maybe?", optionCount: 4).get()) == nil)
        #expect((try? ChoiceInput.parse("", optionCount: 4).get()) == nil)
        #expect((try? ChoiceInput.parse("1", optionCount: 4).get()) == nil)
    }
}
