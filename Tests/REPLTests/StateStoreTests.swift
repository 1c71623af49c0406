import Foundation
import Testing
@testable import REPL

@Suite struct StateStoreTests {
    private func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "redislings-state-\(UUID().uuidString)/nested"
        return path
    }

    @Test func theFilesLiveInTheDirectory() {
        #expect(StateDirectory(path: "/h/.local/state/redislings").historyFile == "/h/.local/state/redislings/history")
        #expect(StateDirectory(path: "/x").stateFile == "/x/state")
    }

    @Test func savesAndLoadsAndKeepsUnknownKeys() throws {
        let store = StateStore(directory: StateDirectory(path: temporaryDirectory()))
        #expect(try store.load() == LearnerState())
        var state = LearnerState()
        state.lesson = "redis-pub-sub-and-advanced-patterns"
        state["exercise"] = "14-03"
        try store.save(state)
        #expect(try store.load() == state)
        state.lesson = "redis-caching-strategies"
        try store.save(state)
        let text = try String(contentsOfFile: store.directory.stateFile, encoding: .utf8)
        #expect(text.contains("lesson: redis-caching-strategies\nexercise: 14-03\n"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: store.directory.path)
        #expect(leftovers == ["state"], "no temporary file is left behind")
    }

    @Test func aWriteReplacesTheFileAtomically() throws {
        let store = StateStore(directory: StateDirectory(path: temporaryDirectory()))
        var state = LearnerState()
        state.lesson = "first"
        try store.save(state)
        let before = try FileManager.default.attributesOfItem(atPath: store.directory.stateFile)[.systemFileNumber] as? Int
        state.lesson = "second"
        try store.save(state)
        let after = try FileManager.default.attributesOfItem(atPath: store.directory.stateFile)[.systemFileNumber] as? Int
        #expect(before != after, "the file is a new inode renamed into place, not rewritten in place")
    }

    @Test func aCorruptFileIsAClearErrorNamingTheFileAndLine() throws {
        let store = StateStore(directory: StateDirectory(path: temporaryDirectory()))
        try store.directory.create()
        try "# comment\nlesson: ok\n\u{0}\u{1}garbage without colon\n".write(
            toFile: store.directory.stateFile, atomically: false, encoding: .utf8)
        let error = try #require(throws: StateFileError.self) { try store.load() }
        #expect(error.path == store.directory.stateFile)
        #expect(error.line == 3)
        #expect(error.description.contains("delete the file to start the course from the first lesson"))
        // It is the state file, not the progress database, and the sentence reads as one.
        #expect(error.description.contains("the state file is damaged"))
        try "lesson: a\nlesson: b\n".write(toFile: store.directory.stateFile, atomically: false, encoding: .utf8)
        #expect(throws: StateFileError.self) { try store.load() }
    }

    /// A directory that cannot be made: the remedy starts a sentence of its own.
    @Test func anUncreatableDirectorySaysWhatToDoInASentence() {
        let directory = StateDirectory(path: "/proc/redislings-cannot-exist/state")
        #expect {
            try directory.create()
        } throws: { error in
            let text = (error as? StateFileError)?.description ?? ""
            return text.contains("). Set REDISLINGS_HOME to a directory you can write.")
        }
    }

    @Test func anUnwritableDirectoryIsAnError() {
        let store = StateStore(directory: StateDirectory(path: "/proc/redislings-cannot-exist"))
        #expect(throws: StateFileError.self) { try store.save(LearnerState()) }
    }
}
