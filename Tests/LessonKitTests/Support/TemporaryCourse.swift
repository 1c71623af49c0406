import Foundation
@testable import LessonKit

/// A lessons folder in a fresh temporary directory, removed when the value is released.
final class TemporaryCourse {
    let directory: String

    init(_ files: [String: String] = [:]) throws {
        directory = NSTemporaryDirectory() + "lessonkit-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, text) in files { try write(name, text) }
    }

    func write(_ name: String, _ text: String) throws {
        let path = directory + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func path(_ name: String) -> String { directory + "/" + name }

    func load() throws -> LessonCatalog { try LessonCatalog.load(directory: directory) }

    deinit { try? FileManager.default.removeItem(atPath: directory) }
}

/// A lesson file in the course format with the given number, slug and extra front matter or body.
func lessonText(number: Int, slug: String, title: String? = nil, prerequisites: [String] = [], body: String = "Some text.\n") -> String {
    """
    ---
    number: \(number)
    title: "\(title ?? slug.capitalized)"
    slug: \(slug)
    level: beginner
    tags: [redis]
    prerequisites: [\(prerequisites.joined(separator: ", "))]
    estimated_minutes: 10
    contributors: ["tests"]
    diagrams: []
    examples: []
    canonical_id: test-\(number)
    ---

    # \(title ?? slug.capitalized)

    \(body)
    """
}

/// The fixture folders next to this file.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").path
    static let thirdPartyCourse = directory + "/ThirdPartyCourse"
}
