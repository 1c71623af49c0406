import Testing
@testable import LessonKit

@Suite struct LessonTests {
    @Test func keepsItsFields() { #expect(Lesson(number: 14, title: "T", slug: "s").number == 14) }
}
