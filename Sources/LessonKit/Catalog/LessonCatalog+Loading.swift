import Foundation

/// Why a course folder could not be read at all.
public struct CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The folder that was asked for.
    public var directory: String
    /// What went wrong.
    public var message: String

    /// A readable sentence naming the folder.
    public var description: String { message }
}

extension LessonCatalog {
    /// Loads every `*.md` file under `directory` (subfolders included; `README.md` files and
    /// hidden folders are skipped). Bad files become problems; the others still load.
    public static func load(directory: String) throws(CatalogError) -> LessonCatalog {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CatalogError(directory: directory, message: "no lessons folder at \(directory)")
        }
        let files = lessonFiles(in: directory)
        // Files are independent: parse them on every core, keeping the order of `files`.
        let results = ResultSlots(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            results.store(parseFile(join(directory, files[index])), at: index)
        }
        return LessonCatalog(directory: directory, results: results.values)
    }

    private static func parseFile(_ path: String) -> LessonParser.Result {
        guard let data = FileManager.default.contents(atPath: path) else {
            return LessonParser.Result(lesson: nil, problems: [LessonProblem(
                .unreadableFile, file: path, line: 1, message: "the file cannot be read",
                fix: "check that it exists and is readable", isFatal: true)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return LessonParser.Result(lesson: nil, problems: [LessonProblem(
                .unreadableFile, file: path, line: 1, message: "the file is not valid UTF-8",
                fix: "save it as UTF-8", isFatal: true)])
        }
            return LessonParser.parse(text, file: path)
    }

    /// The relative paths of the lesson files under `directory`, sorted.
    static func lessonFiles(in directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
            if name.hasSuffix(".md"), name.lowercased() != "readme.md" { files.append(relative) }
        }
        return files.sorted()
    }

    static func join(_ directory: String, _ relative: String) -> String {
        directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }
}

/// One slot per file, each written by exactly one `concurrentPerform` iteration.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [LessonParser.Result?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ result: LessonParser.Result, at index: Int) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    var values: [LessonParser.Result] { slots.compactMap { $0 } }
}
