import Foundation
import RedislingsTestSupport
import Testing

/// Pub/Sub channels and function libraries are server-wide, not per database: students graded
/// two at a time on one live Redis (`--jobs 2`) use the same channel and library names, and each
/// still gets exactly what a server of their own would answer (PUBLISH's receiver count, PUBSUB
/// NUMSUB and NUMPAT, the messages a script publishes, their own library) — full marks for
/// every correct student — while a student who listens to everything hears none of the others.
@Suite(.serialized) struct LiveSharedStateTests {
    static let course = LiveSafetyTests.course

    static let exercises = [
        "redis-pub-sub-and-advanced-patterns/05-counting-receivers.md",
        "redis-pub-sub-and-advanced-patterns/03-pattern-subscriptions.md",
        "redis-pub-sub-and-advanced-patterns/07-pubsub-introspection.md",
        "redis-coordination-patterns-and-chat/07-chat-posting-a-message.md",
        "redis-advanced-data-structures-and-functions/04-stock-library.md",
    ]

    /// An exercise's id, answer extension and reference solution, read from its front matter.
    static func solution(_ file: String) throws -> (id: String, ext: String, text: String) {
        let lines = try String(contentsOf: course.appendingPathComponent("Exercises/\(file)"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let id = try #require(lines.first { $0.hasPrefix("id: ") }).dropFirst(4)
        let ext = lines.contains("answer: lua") ? "lua" : "redis"
        let start = try #require(lines.firstIndex(of: "solution: |")) + 1
        let body = lines[start...].prefix { $0.hasPrefix("  ") || $0.isEmpty }.map { $0.dropFirst(min(2, $0.count)) }
        return (String(id), ext, body.joined(separator: "\n") + "\n")
    }

    @Test func studentsGradedTogetherOnSharedChannelsAndLibrariesKeepFullMarks() async throws {
        try await LiveSafetyTests.withLiveServer("live-shared") { server, binary, work in
            let fall = work.appendingPathComponent("fall")
            let solutions = try Self.exercises.map(Self.solution)
            let students = ["ana", "ben", "cid", "dee", "eve", "fay"]
            for student in students + ["x-listens-to-all"] {
                try FileManager.default.createDirectory(at: fall.appendingPathComponent(student), withIntermediateDirectories: true)
                for solution in solutions {
                    try solution.text.write(to: fall.appendingPathComponent("\(student)/\(solution.id).\(solution.ext)"), atomically: true, encoding: .utf8)
                }
            }
            // Listens to every channel and replaces the library with one of its own.
            try "PSUBSCRIBE *\nSUBSCRIBE ops news.tech chat:lobby\nPUBLISH ops noise\nPUBLISH chat:lobby noise\n".write(
                to: fall.appendingPathComponent("x-listens-to-all/pubsub-pattern-subscriptions.redis"), atomically: true, encoding: .utf8)
            let only = solutions.flatMap { ["--only", $0.id] }
            let graded = try await binary.runOffThePool([
                "grade", "fall", "--lessons", Self.course.appendingPathComponent("Lessons").path,
                "--exercises", Self.course.appendingPathComponent("Exercises").path, "--out", "reports",
                "--live", "redis://127.0.0.1:\(server.port)/3", "--jobs", "2", "--time-limit", "20", "--no-gradebook",
            ] + only, in: work.path, environment: ["REDISLINGS_HOME": work.appendingPathComponent("home").path])
            #expect(graded.status == 0, "\(graded.standardError)")
            let csv = try String(contentsOf: work.appendingPathComponent("reports/gradebook.csv"), encoding: .utf8)
            let rows = csv.split(separator: "\n").map(String.init)
            let full = try #require(rows.first { $0.hasPrefix("max points,") }).dropFirst("max points".count)
            for student in students {
                #expect(rows.contains(student + full), "\(student) lost points beside the others:\n\(csv)")
            }
            #expect(try runShell("redis-cli -p \(server.port) FUNCTION LIST").output == "\n", "every run's library is deleted after it")
            #expect(try runShell("redis-cli -p \(server.port) ACL USERS").output == "default\n")
            #expect(try runShell("redis-cli -p \(server.port) EXISTS redislings:lease:functions").output == "0\n")
        }
    }
}
