import Foundation
import LessonKit
import Testing

/// The lessons and the exercises are found by the same rules: an installed copy beside the
/// program (links followed), the source tree's copy, and folders relative to the working directory.
@Suite struct ContentFolderTests {
    @Test func theInstalledCopyIsBesideTheProgramThatALinkPointsTo() throws {
        let root = NSTemporaryDirectory() + "redislings-content-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/opt/bin", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/usr/bin", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: root + "/opt/bin/redislings", contents: Data())
        try FileManager.default.createSymbolicLink(atPath: root + "/usr/bin/redislings", withDestinationPath: root + "/opt/bin/redislings")
        let real = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        #expect(ContentFolder.installed("Lessons", executablePath: root + "/usr/bin/redislings") == real + "/opt/share/redislings/Lessons")
        #expect(ContentFolder.installed("Exercises", executablePath: root + "/opt/bin/redislings") == real + "/opt/share/redislings/Exercises")
    }

    @Test func theSourceTreeHoldsTheLessonsAndTheExercises() {
        for name in ["Lessons", "Exercises"] {
            let folder = ContentFolder.sourceTree(name)
            #expect(folder.hasSuffix("/" + name))
            #expect(ContentFolder.isDirectory(folder, workingDirectory: "/nonexistent"), "\(folder)")
        }
    }

    @Test func aRelativeFolderIsLookedForInTheWorkingDirectory() {
        let tree = ContentFolder.sourceTree("Lessons")
        let parent = (tree as NSString).deletingLastPathComponent
        #expect(ContentFolder.isDirectory("Lessons", workingDirectory: parent))
        #expect(!ContentFolder.isDirectory("Lessons", workingDirectory: parent + "/Lessons"))
        #expect(!ContentFolder.isDirectory("Package.swift", workingDirectory: parent))
    }
}
