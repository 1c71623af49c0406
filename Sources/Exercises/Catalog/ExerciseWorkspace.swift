import Foundation

/// The learner's answer files: `$REDISLINGS_WORKSPACE`, else `./redislings-work`, one
/// `<id>.redis` or `<id>.lua` per exercise.
public struct ExerciseWorkspace: Sendable, Equatable {
    /// The workspace folder.
    public let directory: String

    /// A workspace in `directory`.
    public init(directory: String) { self.directory = directory }

    /// The workspace the environment names.
    public static func fromEnvironment(_ environment: [String: String]) -> ExerciseWorkspace {
        if let folder = environment["REDISLINGS_WORKSPACE"], !folder.isEmpty { return ExerciseWorkspace(directory: folder) }
        return ExerciseWorkspace(directory: "redislings-work")
    }

    /// The answer file of `exercise`.
    public func file(for exercise: Exercise) -> String {
        (directory as NSString).appendingPathComponent("\(exercise.id).\(exercise.answerExtension)")
    }

    /// Creates the answer file from the starter unless it exists; true when it was created.
    @discardableResult
    public func createFile(for exercise: Exercise) throws(ExerciseSubmissionError) -> Bool {
        let path = file(for: exercise)
        guard !FileManager.default.fileExists(atPath: path) else { return false }
        let comment = exercise.answer == .lua ? "--" : "#"
        var text = "\(comment) \(exercise.title) (\(exercise.id)): check with `redislings exercise check \(exercise.id)`\n"
        if let starter = exercise.starter { text += starter.hasSuffix("\n") ? starter : starter + "\n" }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ExerciseSubmissionError("cannot create \(path): \(error.localizedDescription); set REDISLINGS_WORKSPACE to a folder you can write to")
        }
        return true
    }
}
