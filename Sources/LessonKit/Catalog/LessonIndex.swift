import Foundation

/// Lessons by slug, number, canonical id and file, for lookups in constant time.
struct LessonIndex: Sendable {
    private var bySlug: [String: Int] = [:]
    private var byNumber: [Int: Int] = [:]
    private var byCanonicalID: [String: Int] = [:]
    private var byFile: [String: Int] = [:]

    private let workingDirectory = FileManager.default.currentDirectoryPath

    init(_ lessons: [Lesson]) {
        for (position, lesson) in lessons.enumerated() {
            bySlug[lesson.slug.lowercased()] = bySlug[lesson.slug.lowercased()] ?? position
            byNumber[lesson.number] = byNumber[lesson.number] ?? position
            if !lesson.metadata.canonicalID.isEmpty {
                byCanonicalID[lesson.metadata.canonicalID.lowercased()] = byCanonicalID[lesson.metadata.canonicalID.lowercased()] ?? position
            }
            byFile[absolute(lesson.file)] = position
        }
    }

    /// The position of the lesson named `query`: slug, then number, then canonical id.
    func position(of query: String) -> Int? {
        let wanted = query.trimmingWhitespace().lowercased()
        if let position = bySlug[wanted] { return position }
        if let number = Int(wanted), let position = byNumber[number] { return position }
        return byCanonicalID[wanted]
    }

    /// The position of the lesson read from `path` (compared after normalizing `.` and `..`).
    func position(ofFile path: String) -> Int? { byFile[absolute(path)] }

    private func absolute(_ path: String) -> String {
        LessonIndex.normalize(path.hasPrefix("/") ? path : workingDirectory + "/" + path)
    }

    /// `path` with `.` segments, repeated slashes and `dir/..` pairs removed.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(part)
        }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }
}
