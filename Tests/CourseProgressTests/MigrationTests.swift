import Foundation
import GRDB
import Testing
@testable import CourseProgress

@Suite struct MigrationTests {
    @Test func aNewDatabaseHasEveryMigration() throws {
        let database = TemporaryDatabase()
        let store = try ProgressStore(path: database.path)
        #expect(try store.appliedMigrations() == ProgressMigrations.all.map(\.identifier))
    }

    @Test func aLaterMigrationUpgradesAnOldFileAndKeepsItsData() throws {
        let database = TemporaryDatabase()
        do {
            let first = try ProgressStore(path: database.path, migrations: Array(ProgressMigrations.all.prefix(1)))
            try first.recordLessonRead(lesson: "backend-intermediate-14", at: monday)
        }
        // How a later feature appends to the list: the old file gains the table, keeps the rest.
        let later = ProgressMigrations.all + [
            ProgressMigrations.Step("test-gradebook") { db in
                try db.create(table: "gradebook") { t in t.column("student", .text) }
            },
        ]
        let upgraded = try ProgressStore(path: database.path, migrations: later)
        #expect(try upgraded.appliedMigrations() == ProgressMigrations.all.map(\.identifier) + ["test-gradebook"])
        #expect(try upgraded.lessonsRead()["backend-intermediate-14"] == monday)
        let tables = try upgraded.queue.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        #expect(tables.contains("gradebook"))
    }

    @Test func aNewerDatabaseIsRefusedAndLeftUntouched() throws {
        let database = TemporaryDatabase()
        let future = ProgressMigrations.all + [ProgressMigrations.Step("from-the-future") { db in try db.execute(sql: "CREATE TABLE later (x)") }]
        _ = try ProgressStore(path: database.path, migrations: future)
        let before = database.bytes()
        #expect {
            _ = try ProgressStore(path: database.path)
        } throws: { error in
            let error = error as? ProgressStoreError
            return error?.problem.contains("newer redislings") == true && error?.problem.contains("from-the-future") == true
        }
        #expect(database.bytes() == before)
    }

    @Test(arguments: ["not a database at all, just some text\n", String(repeating: "\u{0}", count: 4096)])
    func aDamagedFileIsRefusedAndLeftUntouched(_ content: String) throws {
        let database = TemporaryDatabase()
        try FileManager.default.createDirectory(atPath: database.directory, withIntermediateDirectories: true)
        try Data(content.utf8).write(to: URL(fileURLWithPath: database.path))
        let before = database.bytes()
        #expect {
            _ = try ProgressStore(path: database.path)
        } throws: { error in
            let error = error as? ProgressStoreError
            return error?.path == database.path && error?.remedy.contains("move it aside") == true
        }
        #expect(database.bytes() == before)
    }

    @Test func aTruncatedDatabaseIsRefused() throws {
        let database = TemporaryDatabase()
        do {
            let store = try ProgressStore(path: database.path)
            for number in 0..<300 { try store.recordLessonRead(lesson: "lesson-\(number)-" + String(repeating: "x", count: 200), at: monday) }
        }
        let whole = try #require(database.bytes())
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: database.path))
        #expect(throws: ProgressStoreError.self) {
            let store = try ProgressStore(path: database.path)
            _ = try store.lessonsRead()
        }
    }

    @Test func nowComesFromTheEnvironmentForTests() throws {
        #expect(try ProgressLocation.now(environment: ["REDISLINGS_NOW": "2026-11-28T09:00:00Z"]) == monday)
        #expect(throws: ProgressStoreError.self) { try ProgressLocation.now(environment: ["REDISLINGS_NOW": "tomorrow"]) }
    }

    @Test func theLocationFollowsTheEnvironment() {
        #expect(ProgressLocation.databasePath(environment: ["REDISLINGS_HOME": "/r", "XDG_DATA_HOME": "/x"]) == "/r/progress.sqlite")
        #expect(ProgressLocation.databasePath(environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]) == "/x/redislings/progress.sqlite")
        #expect(ProgressLocation.databasePath(environment: ["HOME": "/h"]) == "/h/.local/share/redislings/progress.sqlite")
    }

    @Test func theLearnersPlaceFollowsTheEnvironment() {
        #expect(ProgressLocation.stateDirectory(environment: ["REDISLINGS_HOME": "/x", "XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/x")
        #expect(ProgressLocation.stateDirectory(environment: ["XDG_STATE_HOME": "/s", "XDG_DATA_HOME": "/d", "HOME": "/h"]) == "/s/redislings")
        #expect(ProgressLocation.stateDirectory(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]) == "/h/.local/state/redislings")
        #expect(ProgressLocation.stateDirectory(environment: ["HOME": "/h"]) == "/h/.local/state/redislings")
    }
}
