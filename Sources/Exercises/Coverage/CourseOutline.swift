import Foundation
import Yams

/// The facts a course must cover, one bullet each, read from `outline.yaml` in the lessons
/// folder: a list of `{id, lesson, text}`. Lessons, quiz questions and exercises name the ids
/// they cover, and `dev check --coverage` counts them.
public struct CourseOutline: Sendable, Equatable {
    /// One fact of the outline.
    public struct Bullet: Sendable, Equatable {
        /// A kebab-case id, unique in the outline.
        public var id: String
        /// The number of the lesson it belongs to.
        public var lesson: Int
        /// What it says, shortly.
        public var text: String
        /// Its line in the outline file.
        public var line: Int
    }

    /// The outline's file name inside the lessons folder.
    public static let fileName = "outline.yaml"

    /// The bullets, in file order.
    public var bullets: [Bullet]
    /// The file they were read from.
    public var file: String

    /// Reads `outline.yaml` from `lessonsDirectory`: nil and no problem when there is none.
    public static func load(lessonsDirectory: String) -> (outline: CourseOutline?, problems: [ExerciseProblem]) {
        let path = (lessonsDirectory as NSString).appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: path) else { return (nil, []) }
        func problem(_ line: Int, _ message: String, _ fix: String) -> ExerciseProblem {
            ExerciseProblem(file: path, line: line, message: message, fix: fix)
        }
        guard let text = String(data: data, encoding: .utf8),
              let node = try? Yams.compose(yaml: text), let items = node.sequence else {
            return (nil, [problem(1, "the outline is not a YAML list", "write each bullet as `- id: …`, `lesson: N`, `text: \"…\"`")])
        }
        var bullets: [Bullet] = []
        var problems: [ExerciseProblem] = []
        var seen = Set<String>()
        for item in items {
            let line = (item.mark?.line ?? 0) + 1
            guard let id = item["id"]?.string, let lesson = item["lesson"]?.int, let text = item["text"]?.string else {
                problems.append(problem(line, "a bullet without `id`, `lesson` and `text`", "write `- id: kebab-id`, `lesson: 14`, `text: \"…\"`"))
                continue
            }
            guard seen.insert(id).inserted else {
                problems.append(problem(line, "the bullet id `\(id)` is used twice", "give each bullet its own id"))
                continue
            }
            bullets.append(Bullet(id: id, lesson: lesson, text: text, line: line))
        }
        return (CourseOutline(bullets: bullets, file: path), problems)
    }
}
