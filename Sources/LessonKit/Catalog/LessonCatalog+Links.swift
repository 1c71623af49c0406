import Foundation

extension LessonCatalog {
    /// Resolves a link of `lesson`: relative paths are taken from the lesson's folder after
    /// percent-decoding (`./03.%20Redis%20Caching%20Strategies.md` → that lesson).
    public func resolve(_ destination: String, from lesson: Lesson) -> LinkTarget {
        let trimmed = destination.trimmingWhitespace()
        if trimmed.hasPrefix("#") {
            let anchor = decode(String(trimmed.dropFirst()))
            return .anchor(anchor, found: anchor.isEmpty || lesson.headingAnchors.contains(anchor.lowercased()))
        }
        if let colon = trimmed.firstIndex(of: ":"), trimmed[..<colon].allSatisfy({ $0.isLetter || $0 == "+" || $0 == "-" || $0 == "." }),
           trimmed.distance(from: trimmed.startIndex, to: colon) > 1 {
            return .external(trimmed)
        }
        var pathPart = Substring(trimmed)
        var anchor: String?
        if let hash = pathPart.firstIndex(of: "#") {
            anchor = decode(String(pathPart[pathPart.index(after: hash)...]))
            pathPart = pathPart[..<hash]
        }
        if let query = pathPart.firstIndex(of: "?") { pathPart = pathPart[..<query] }
        let decoded = decode(String(pathPart))
        let folder = (lesson.file as NSString).deletingLastPathComponent
        let path = decoded.hasPrefix("/") ? decoded : LessonCatalog.join(folder.isEmpty ? "." : folder, decoded)
        if let position = index.position(ofFile: path) {
            let target = lessons[position]
            let found = anchor.map { $0.isEmpty || target.headingAnchors.contains($0.lowercased()) } ?? true
            return .lesson(slug: target.slug, anchor: anchor, found: found)
        }
        let normalized = LessonIndex.normalize(path)
        return FileManager.default.fileExists(atPath: normalized) ? .file(normalized) : .missing(normalized)
    }

    private func decode(_ text: String) -> String { text.removingPercentEncoding ?? text }
}

extension LessonCatalog {
    /// What to show after a link of `lesson` instead of its raw target: for a link to another
    /// lesson "lesson 03: " and how to open it (`open` says how: a command or a meta-command),
    /// "missing" for a broken one, nil for the rest (shown as written).
    public func linkNote(_ destination: String, from lesson: Lesson, open: (Lesson) -> String) -> String? {
        switch resolve(destination, from: lesson) {
        case .lesson(let slug, _, _):
            return self.lesson(matching: slug).map { "lesson \($0.paddedNumber): \(open($0))" }
        case .missing: return "missing"
        default: return nil
        }
    }
}
