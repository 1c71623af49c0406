import Foundation
import RedislingsTestSupport
import Testing

/// A scratch folder for `redislings grade` runs on the built binary: classes copied from the
/// sample class's fixtures, git repositories made with chosen commit times, and the reports read back.
struct GradeWorkspace {
    static let fixtures = GradeCommandTests.fixtures
    static let deadline = "2026-12-01T23:59:00Z"

    let work: URL
    let binary: RedislingsBinary

    init(prefix: String) throws {
        binary = try RedislingsBinary.built()
        work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    /// A class folder `name` with copies of the sample class's `students` (as folder → fixture).
    /// The copies' modification times are now, as after any copy.
    @discardableResult
    func makeClass(_ name: String, _ students: [(folder: String, fixture: String)]) throws -> URL {
        let folder = work.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for student in students {
            try FileManager.default.copyItem(
                at: Self.fixtures.appendingPathComponent("Class/\(student.fixture)"), to: folder.appendingPathComponent(student.folder))
        }
        return folder
    }

    /// Makes `folder` a git repository whose commits hand in `files` at the given times.
    func commit(in folder: URL, _ batches: [(files: [String], time: String)]) async throws {
        var script = "set -e; cd '\(folder.path)'; git init -q; git config user.email s@example.com; git config user.name student; "
        for batch in batches {
            script += "git add \(batch.files.joined(separator: " ")); "
            script += "GIT_AUTHOR_DATE='\(batch.time)' GIT_COMMITTER_DATE='\(batch.time)' git commit -q -m work; "
        }
        let result = try await runShellOffThePool(script)
        #expect(result.status == 0, "\(result.output)")
    }

    func run(_ arguments: [String], home: String = "home") async throws -> RedislingsBinary.Output {
        try await binary.runOffThePool(arguments, in: work.path, environment: ["REDISLINGS_HOME": work.appendingPathComponent(home).path])
    }

    func grade(_ folder: String, _ extra: [String] = [], out: String = "reports") async throws -> RedislingsBinary.Output {
        try await run([
            "grade", folder, "--lessons", Self.fixtures.appendingPathComponent("Course/Lessons").path,
            "--exercises", Self.fixtures.appendingPathComponent("Course/Exercises").path, "--out", out, "--time-limit", "8",
        ] + extra)
    }

    func report(_ name: String, out: String = "reports") throws -> String {
        try String(contentsOf: work.appendingPathComponent("\(out)/\(name)"), encoding: .utf8)
    }

    /// Whether `text`'s UTF-8 holds `part`'s UTF-8 bytes (String comparison would treat NFC and
    /// NFD as equal, which is what these tests must tell apart).
    func bytes(_ text: String, contain part: String) -> Bool {
        let haystack = Array(text.utf8), needle = Array(part.utf8)
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}

/// A suite whose tests each grade in a fresh `GradeWorkspace` (`space`), with its shorthands.
protocol GradeWorkspaceSuite {
    var space: GradeWorkspace { get }
}

extension GradeWorkspaceSuite {
    static var deadline: String { GradeWorkspace.deadline }
    static var fixtures: URL { GradeWorkspace.fixtures }
    var work: URL { space.work }
    var binary: RedislingsBinary { space.binary }
}
