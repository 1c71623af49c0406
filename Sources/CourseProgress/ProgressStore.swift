import Foundation
import GRDB

/// The learner's record in SQLite: lessons read, exercise results, hints, quiz attempts,
/// review cards and time spent. Every write is one transaction, so a process killed at any
/// moment leaves the database as it was after the last completed write.
public final class ProgressStore: Sendable {
    /// The database file.
    public let path: String
    let queue: DatabaseQueue
    private let migrations: [ProgressMigrations.Step]

    /// Opens (creating when missing) the database at `path` and brings its schema up to date
    /// with `migrations`. A damaged file, or one written by a newer redislings, is an error;
    /// the file is then left untouched.
    public init(path: String, migrations: [ProgressMigrations.Step] = ProgressMigrations.all) throws(ProgressStoreError) {
        self.path = path
        self.migrations = migrations
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .unusable(path, detail: "cannot create the directory \(directory)")
            }
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Another redislings (the REPL and a quiz in two terminals) may hold the lock briefly.
        configuration.busyMode = .timeout(5)
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw Self.classify(error, path: path)
        }
        try Self.migrate(queue, path: path, migrations: migrations)
    }

    /// Checks the file and applies the migrations it lacks, refusing a newer or damaged one.
    /// Other redislings processes may do the same at the same moment (several `grade` runs
    /// started together on a fresh home): GRDB reads which migrations are applied outside the
    /// transaction that applies one, so a process can find a table already created by another,
    /// or the migrations table half made. Each migration commits with its record, so checking
    /// again shows it applied; a few tries settle any race.
    private static func migrate(_ queue: DatabaseQueue, path: String, migrations: [ProgressMigrations.Step]) throws(ProgressStoreError) {
        let migrator = ProgressMigrations.migrator(migrations)
        var attempt = 0
        while true {
            do {
                let (applied, problems) = try queue.read { db in
                    (try migrator.appliedIdentifiers(db), try String.fetchAll(db, sql: "PRAGMA quick_check"))
                }
                if problems != ["ok"] { throw ProgressStoreError.damaged(path, detail: problems.prefix(3).joined(separator: "; ")) }
                let known = Set(migrations.map(\.identifier))
                let unknown = applied.subtracting(known).sorted()
                if !unknown.isEmpty { throw ProgressStoreError.newer(path, unknown: unknown) }
                try migrator.migrate(queue)
                return
            } catch let error as ProgressStoreError {
                throw error
            } catch let error as DatabaseError where attempt < 8 && isRaceWithAnotherMigration(error) {
                attempt += 1
                usleep(useconds_t(10_000 * attempt))
            } catch {
                throw classify(error, path: path)
            }
        }
    }

    /// Whether `error` is what a process sees when another is migrating the same new file.
    private static func isRaceWithAnotherMigration(_ error: DatabaseError) -> Bool {
        let message = error.message ?? ""
        return error.resultCode == .SQLITE_ERROR && (message.contains("already exists") || message.contains("no such table"))
            || error.resultCode == .SQLITE_SCHEMA
    }

    /// Turns a GRDB error into one the learner can act on.
    static func classify(_ error: any Error, path: String) -> ProgressStoreError {
        if let error = error as? ProgressStoreError { return error }
        guard let database = error as? DatabaseError else { return .unusable(path, detail: "\(error)") }
        switch database.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT, .SQLITE_FORMAT:
            return .damaged(path, detail: database.message ?? "SQLite error \(database.resultCode.rawValue)")
        default:
            return .unusable(path, detail: database.message ?? "\(database)")
        }
    }

    /// Runs `body` in one write transaction, with errors made readable: the door for modules
    /// that keep tables of their own here (after appending their migrations to `ProgressMigrations.all`).
    public func write<T>(_ body: (Database) throws -> T) throws(ProgressStoreError) -> T {
        do {
            return try queue.write(body)
        } catch {
            throw Self.classify(error, path: path)
        }
    }

    /// Runs `body` on a consistent snapshot.
    public func read<T>(_ body: (Database) throws -> T) throws(ProgressStoreError) -> T {
        do {
            return try queue.read(body)
        } catch {
            throw Self.classify(error, path: path)
        }
    }

    /// The identifiers of the applied migrations, oldest first.
    public func appliedMigrations() throws(ProgressStoreError) -> [String] {
        try read { db in try ProgressMigrations.migrator(migrations).appliedMigrations(db) }
    }
}
