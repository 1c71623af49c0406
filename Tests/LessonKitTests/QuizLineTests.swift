import Testing
@testable import LessonKit

@Suite struct QuizLineTests {
    @Test(arguments: [
        ("### Question 12", QuizLine.question(number: 12)),
        ("### question 3: Streams", .question(number: 3)),
        ("#### Question 4", .question(number: 4)),
        ("### Questions about streams", .otherHeading),
        ("### Notes", .otherHeading),
        ("**A)** The id", .option(letter: "A", text: "The id")),
        ("- **b)** lower case letter", .option(letter: "B", text: "lower case letter")),
        ("**Answer: B** - because", .choices(letters: ["B"], explanation: "because")),
        ("**Answer: A, C** — both", .choices(letters: ["A", "C"], explanation: "both")),
        ("**Answer:** D - other style", .choices(letters: ["D"], explanation: "other style")),
        ("**Answer: B**", .choices(letters: ["B"], explanation: "")),
        ("**Answer (command):** `ZADD board 10 alice` - any", .command("ZADD board 10 alice", explanation: "any")),
        ("**Answer (command):** ``SET k \"a`b\"`` - ticks", .command("SET k \"a`b\"", explanation: "ticks")),
        ("**Answer B**", .malformedAnswer),
        ("**Answer: maybe** - x", .malformedAnswer),
        ("**Answer (command):** no code span", .malformedAnswer),
        ("**Bold** prose", .text),
        ("Plain prose", .text),
    ])
    func classifies(line: String, expected: QuizLine) {
        #expect(QuizLine.classify(line) == expected)
    }
}

@Suite struct CourseLocatorTests {
    private func locator(_ environment: [String: String] = [:], executable: String? = nil, sourceTree: String? = nil, in directory: String) -> CourseLocator {
        CourseLocator(environment: environment, workingDirectory: directory, executablePath: executable, sourceTreeCourse: sourceTree)
    }

    @Test func anExplicitFolderMustExist() throws {
        let course = try TemporaryCourse(["Lessons/01. A.md": lessonText(number: 1, slug: "a")])
        #expect(try locator(in: course.directory).locate(explicit: course.path("Lessons")).origin == .option)
        #expect(throws: CatalogError.self) { try locator(in: course.directory).locate(explicit: course.path("Nope")) }
    }

    @Test func theEnvironmentComesBeforeTheWorkingDirectory() throws {
        let course = try TemporaryCourse(["Lessons/01. A.md": "", "Other/01. B.md": ""])
        let found = try locator(["REDISLINGS_COURSE": course.path("Other")], in: course.directory).locate(explicit: nil)
        #expect(found == CourseLocator.Location(directory: course.path("Other"), origin: .environment))
        #expect(throws: CatalogError.self) {
            try locator(["REDISLINGS_COURSE": course.path("Missing")], in: course.directory).locate(explicit: nil)
        }
    }

    @Test func thenLessonsInTheWorkingDirectory() throws {
        let course = try TemporaryCourse(["Lessons/01. A.md": ""])
        #expect(try locator(in: course.directory).locate(explicit: nil) == CourseLocator.Location(directory: "Lessons", origin: .workingDirectory))
    }

    @Test func thenTheInstalledCourseNextToTheBinary() throws {
        let course = try TemporaryCourse(["prefix/share/redislings/Lessons/01. A.md": "", "prefix/bin/redislings": "", "empty/x": ""])
        let found = try locator(executable: course.path("prefix/bin/redislings"), sourceTree: "/nonexistent", in: course.path("empty")).locate(explicit: nil)
        #expect(found.origin == .installed)
        #expect(found.directory.hasSuffix("prefix/share/redislings/Lessons"))
    }

    @Test func thenTheSourceTree() throws {
        let course = try TemporaryCourse(["src/Lessons/01. A.md": "", "empty/x": ""])
        let found = try locator(executable: "/nonexistent/bin/redislings", sourceTree: course.path("src/Lessons"), in: course.path("empty")).locate(explicit: nil)
        #expect(found == CourseLocator.Location(directory: course.path("src/Lessons"), origin: .sourceTree))
    }

    @Test func nothingFoundSaysWhereItLooked() throws {
        let course = try TemporaryCourse(["empty/x": ""])
        #expect(throws: CatalogError.self) {
            try locator(executable: nil, sourceTree: nil, in: course.path("empty")).locate(explicit: nil)
        }
    }
}
