import Foundation
import LessonKit
import Yams

/// How many lessons teach, quiz questions ask about and exercises practise each outline bullet,
/// from what the files declare: a lesson's front matter `covers: [ids]` and
/// `quiz_covers: {N: [ids]}` (by question number), an exercise's `covers: [ids]`.
public struct CourseCoverage: Sendable {
    /// The counts of one bullet.
    public struct Row: Sendable, Equatable {
        public var bullet: CourseOutline.Bullet
        public var taught: Int
        public var quizzed: Int
        public var exercised: Int
    }

    /// One row per bullet, in the outline's order.
    public var rows: [Row]
    /// Declarations that name no bullet, and lessons, questions or exercises that declare none.
    public var problems: [ExerciseProblem]

    /// Counts what `lessons` and `exercises` declare against `outline`.
    public init(outline: CourseOutline, lessons: LessonCatalog, exercises: [Exercise]) {
        var taught: [String: Int] = [:], quizzed: [String: Int] = [:], exercised: [String: Int] = [:]
        var problems: [ExerciseProblem] = []
        let known = Set(outline.bullets.map(\.id))
        func count(_ ids: [String], into counts: inout [String: Int], file: String, line: Int, what: String) {
            if ids.isEmpty {
                problems.append(ExerciseProblem(file: file, line: line, message: "\(what) declares no outline bullet",
                                                fix: "name the bullets it covers, by their ids in \(CourseOutline.fileName)"))
            }
            for id in Set(ids) {
                guard known.contains(id) else {
                    problems.append(ExerciseProblem(file: file, line: line, message: "\(what) names `\(id)`, which is not a bullet of the outline",
                                                    fix: "use an id from \(CourseOutline.fileName), or add the bullet there"))
                    continue
                }
                counts[id, default: 0] += 1
            }
        }
        for lesson in lessons.lessons {
            let file = lesson.file
            let declared = Self.declarations(inLessonFile: file)
            count(declared.covers, into: &taught, file: file, line: lesson.metadata.fieldLines["covers"] ?? 2, what: "lesson \(lesson.paddedNumber)")
            for question in lesson.quiz?.questions ?? [] {
                count(declared.quiz[question.number] ?? [], into: &quizzed, file: file, line: question.line,
                      what: "question \(question.number) of lesson \(lesson.paddedNumber)")
            }
        }
        for exercise in exercises {
            count(exercise.covers, into: &exercised, file: exercise.file, line: 2, what: "exercise \(exercise.shortName)")
        }
        for bullet in outline.bullets where taught[bullet.id] == nil {
            problems.append(ExerciseProblem(file: outline.file, line: bullet.line, message: "no lesson teaches `\(bullet.id)` (\(bullet.text))",
                                            fix: "add it to the `covers` of the lesson that teaches it"))
        }
        rows = outline.bullets.map {
            Row(bullet: $0, taught: taught[$0.id] ?? 0, quizzed: quizzed[$0.id] ?? 0, exercised: exercised[$0.id] ?? 0)
        }
        self.problems = problems
    }

    /// The `covers` and `quiz_covers` of a lesson file's front matter (empty when absent).
    static func declarations(inLessonFile path: String) -> (covers: [String], quiz: [Int: [String]]) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return ([], [:]) }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
              let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }),
              let node = try? Yams.compose(yaml: lines[1..<end].joined(separator: "\n")) else { return ([], [:]) }
        let covers = node["covers"]?.sequence?.compactMap(\.string) ?? []
        var quiz: [Int: [String]] = [:]
        for (key, value) in node["quiz_covers"]?.mapping ?? [:] {
            guard let number = key.int else { continue }
            quiz[number] = value.sequence?.compactMap(\.string) ?? value.string.map { [$0] } ?? []
        }
        return (covers, quiz)
    }

    /// The counts as a markdown table, with a line of totals.
    public var table: String {
        var text = "| Lesson | Outline bullet | Taught | Quizzed | Exercised |\n|---|---|---|---|---|\n"
        for row in rows {
            let number = row.bullet.lesson < 10 ? "0\(row.bullet.lesson)" : "\(row.bullet.lesson)"
            text += "| \(number) | \(row.bullet.text) | \(row.taught) | \(row.quizzed) | \(row.exercised) |\n"
        }
        let untested = rows.filter { $0.quizzed == 0 && $0.exercised == 0 }.count
        text += "\n\(rows.count) bullets: \(rows.filter { $0.taught > 0 }.count) taught, \(rows.filter { $0.quizzed > 0 }.count) quizzed, \(rows.filter { $0.exercised > 0 }.count) exercised, \(untested) neither quizzed nor exercised.\n"
        return text
    }
}
