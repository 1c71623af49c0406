import Foundation
import LessonKit

extension ExerciseCatalog {
    /// Loads every `<lesson-slug>/NN-name.md` under `directory`; files elsewhere (FORMAT.md) are
    /// not exercises. A folder that names no lesson, a bad file name, a bad file or a repeated id
    /// becomes a problem; nothing throws.
    public static func load(directory: String, lessons: LessonCatalog) -> ExerciseCatalog {
        let manager = FileManager.default
        let root = URL(fileURLWithPath: directory)
        var problems: [ExerciseProblem] = []
        var exercises: [Exercise] = []
        let resolve: (String) -> ExerciseParser.LessonReference? = { name in
            lessons.lesson(matching: name).map { ExerciseParser.LessonReference(slug: $0.slug, number: $0.number) }
        }
        let folders = ((try? manager.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        for folder in folders where !folder.hasPrefix(".") {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: root.appendingPathComponent(folder).path, isDirectory: &isFolder), isFolder.boolValue else { continue }
            let files = ((try? manager.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? [])
                .filter { $0.hasSuffix(".md") }.sorted()
            guard let lesson = lessons.lessons.first(where: { $0.slug == folder }) else {
                if !files.isEmpty {
                    let suggestion = lessons.suggestions(for: folder).first.map { "did you mean `\($0)`? " } ?? ""
                    problems.append(ExerciseProblem(
                        file: "\(folder)/\(files[0])", line: 1, message: "the folder `\(folder)` is not the slug of a lesson",
                        fix: "\(suggestion)rename the folder to the slug of the lesson its exercises belong to"))
                }
                continue
            }
            for name in files {
                let file = "\(folder)/\(name)"
                guard let number = fileNumber(name) else {
                    problems.append(ExerciseProblem(
                        file: file, line: 1, message: "the file name `\(name)` does not start with a two-digit number",
                        fix: "name it like `01-first-subscriber.md` (the number orders the lesson's exercises)"))
                    continue
                }
                let loaded = loadFile(root.appendingPathComponent(file), file: file, number: number,
                                      lesson: .init(slug: lesson.slug, number: lesson.number), resolve: resolve)
                problems += loaded.problems
                if let exercise = loaded.exercise { exercises.append(exercise) }
            }
        }
        var firstFile: [String: String] = [:]
        var numbers: [String: String] = [:]
        var unique: [Exercise] = []
        for exercise in exercises {
            if let other = firstFile[exercise.id] {
                problems.append(ExerciseProblem(file: exercise.file, line: 2, message: "the id `\(exercise.id)` is also used by \(other)",
                                                fix: "give every exercise its own id"))
                continue
            }
            if let other = numbers[exercise.shortName] {
                problems.append(ExerciseProblem(file: exercise.file, line: 1, message: "exercise \(exercise.shortName) is also \(other)",
                                                fix: "give the lesson's exercise files different `NN-` numbers"))
                continue
            }
            firstFile[exercise.id] = exercise.file
            numbers[exercise.shortName] = exercise.file
            unique.append(exercise)
        }
        // Reading order, as the lesson catalog has it (prerequisites first), not bare lesson numbers.
        let position = Dictionary(lessons.lessons.enumerated().map { ($1.slug, $0) }, uniquingKeysWith: { first, _ in first })
        unique.sort {
            (position[$0.lesson] ?? Int.max, $0.lessonNumber, $0.number, $0.file) < (position[$1.lesson] ?? Int.max, $1.lessonNumber, $1.number, $1.file)
        }
        problems.sort { ($0.file, $0.line) < ($1.file, $1.line) }
        return ExerciseCatalog(directory: directory, exercises: unique, problems: problems)
    }

    /// Parses one exercise file read from disk.
    static func loadFile(
        _ url: URL, file: String, number: Int, lesson: ExerciseParser.LessonReference,
        resolve: @escaping (String) -> ExerciseParser.LessonReference?
    ) -> (exercise: Exercise?, problems: [ExerciseProblem]) {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return (nil, [ExerciseProblem(file: file, line: 1, message: "the file cannot be read", fix: "check its permissions")])
        }
        guard let text = String(validating: data, as: UTF8.self), !data.contains(0) else {
            return (nil, [ExerciseProblem(file: file, line: 1, message: "the file is not UTF-8 text", fix: "save it as UTF-8")])
        }
        return parse(text: text, file: file, number: number, lesson: lesson, resolve: resolve)
    }

    /// Parses one exercise's text.
    static func parse(
        text: String, file: String, number: Int, lesson: ExerciseParser.LessonReference,
        resolve: @escaping (String) -> ExerciseParser.LessonReference?
    ) -> (exercise: Exercise?, problems: [ExerciseProblem]) {
        var parser = ExerciseParser(file: file, text: text, folderLesson: lesson, number: number, resolveLesson: resolve)
        let exercise = parser.parse()
        return (exercise, parser.problems)
    }

    /// The `NN` of `NN-name.md`.
    static func fileNumber(_ name: String) -> Int? {
        let digits = name.prefix { $0.isASCII && $0.isNumber }
        guard digits.count >= 2, name.dropFirst(digits.count).hasPrefix("-"), let number = Int(digits) else { return nil }
        return number
    }
}
