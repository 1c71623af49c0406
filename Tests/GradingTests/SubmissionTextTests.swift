import Foundation
import Testing
@testable import Grading

@Suite struct SubmissionTextTests {
    private func file(_ folder: TemporaryFolder, _ name: String, _ data: Data) throws -> SubmissionFile {
        let url = try folder.write("s/\(name)", data: data)
        return SubmissionFile(student: "s", exerciseID: "counter", kind: .redis, url: url, relativePath: "s/\(name)", modified: nil)
    }

    @Test func acceptsUTF8AndDropsAByteOrderMark() throws {
        let folder = try TemporaryFolder()
        let submission = try file(folder, "counter.redis", Data([0xEF, 0xBB, 0xBF]) + Data("SET k \"é\"\n".utf8))
        let text = try SubmissionText.read(submission).get()
        #expect(text.text == "SET k \"é\"\n")
        #expect(text.kind == .redis)
    }

    @Test func refusesBinaryData() throws {
        let folder = try TemporaryFolder()
        let submission = try file(folder, "counter.redis", Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x00, 0x01]))
        guard case .failure(let refusal) = SubmissionText.read(submission) else { Issue.record("binary data was accepted"); return }
        #expect(refusal.message == "s/counter.redis is not a text file (a NUL byte at offset 5); hand in plain UTF-8 text")
    }

    @Test func refusesLatin1WithTheOffset() throws {
        let folder = try TemporaryFolder()
        let submission = try file(folder, "counter.redis", Data("SET k caf".utf8) + Data([0xE9]) + Data("\n".utf8))
        guard case .failure(let refusal) = SubmissionText.read(submission) else { Issue.record("Latin-1 was accepted"); return }
        #expect(refusal.message == "s/counter.redis is not UTF-8 text (an invalid byte at offset 9); save it as plain UTF-8 text")
    }

    @Test func refusesAFileOverTheCap() throws {
        let folder = try TemporaryFolder()
        let submission = try file(folder, "counter.redis", Data(repeating: 0x41, count: 2_000))
        guard case .failure(let refusal) = SubmissionText.read(submission, maximumBytes: 1_000) else { Issue.record("accepted"); return }
        #expect(refusal.message == "s/counter.redis is 2000 bytes; a submission may be at most 1000 bytes")
    }

    @Test func refusesASymbolicLink() throws {
        let folder = try TemporaryFolder()
        let link = folder.url.appendingPathComponent("s/counter.redis")
        try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/dev/zero")
        let submission = SubmissionFile(student: "s", exerciseID: "counter", kind: .redis, url: link, relativePath: "s/counter.redis", modified: nil)
        guard case .failure(let refusal) = SubmissionText.read(submission) else { Issue.record("a link was followed"); return }
        #expect(refusal.message == "s/counter.redis is a symbolic link; hand in the file itself")
    }
}
