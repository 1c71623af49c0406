import Foundation
import Testing
@testable import LessonKit

/// Damaged lessons give problems on real lines, never a crash.
@Suite struct RobustnessTests {
    static let lesson = try! String(contentsOfFile: Fixtures.thirdPartyCourse + "/07. Redis Sorted Sets in Practice.md", encoding: .utf8)

    @Test func everyTruncationParses() {
        let lines = Self.lesson.split(separator: "\n", omittingEmptySubsequences: false)
        for count in 0...lines.count {
            let text = lines.prefix(count).joined(separator: "\n")
            let result = LessonParser.parse(text, file: "cut.md")
            for problem in result.problems { #expect((1...max(1, count + 1)).contains(problem.line), "\(count): \(problem)") }
            #expect(result.lesson != nil || !result.problems.isEmpty)
        }
    }

    @Test func everyMissingLineParses() {
        let lines = Self.lesson.split(separator: "\n", omittingEmptySubsequences: false)
        for skipped in lines.indices {
            var damaged = lines
            damaged.remove(at: skipped)
            let result = LessonParser.parse(damaged.joined(separator: "\n"), file: "gap.md")
            for problem in result.problems { #expect((1...lines.count).contains(problem.line)) }
            if let lesson = result.lesson { _ = TerminalRenderer(width: 30, colors: true).render(lesson, showAnswers: true) }
        }
    }

    @Test func windowsLineEndingsAndABOMLoadTheSame() throws {
        let crlf = "\u{FEFF}" + Self.lesson.replacingOccurrences(of: "\n", with: "\r\n")
        let plain = try #require(LessonParser.parse(Self.lesson, file: "a.md").lesson)
        let result = LessonParser.parse(crlf, file: "a.md")
        #expect(result.problems.isEmpty)
        #expect(result.lesson?.quiz == plain.quiz)
        #expect(result.lesson?.metadata == plain.metadata)
    }
}
