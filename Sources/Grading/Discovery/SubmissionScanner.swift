import Foundation
import LessonKit

/// Reads a submissions folder laid out as `<student>/<exercise-id>.redis|.lua` (or, from a
/// GitHub Classroom download, `<assignment>-<login>/…`). A student is named by their folder's
/// name in NFC (see `StudentName`).
public struct SubmissionScanner: Sendable {
    /// The name of the hand-in manifest at the top of a submissions folder (see `HandInTimes`).
    public static let manifestName = "submitted.csv"

    /// The exercises a file may be named after, by id.
    public let exercises: [String: GradedExercise]
    /// GitHub Classroom's assignment prefix: folders are `<prefix>-<login>` and the student is the login.
    public let classroomAssignment: String?

    public init(exercises: [GradedExercise], classroomAssignment: String? = nil) {
        self.exercises = Dictionary(exercises.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.classroomAssignment = classroomAssignment
    }

    /// Lists the students and their files; anything else in the folder becomes a problem, never an error.
    public func scan(_ root: URL) throws -> SubmissionInventory {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw GradingError(
                "the submissions folder \(root.path) does not exist or is not a folder",
                help: "Pass a folder holding one folder per student, each with <exercise-id>.redis or .lua files.")
        }
        var students: [String] = [], files: [SubmissionFile] = [], problems: [SubmissionProblem] = []
        var folders: [String: URL] = [:], folderNames: [String: String] = [:]
        for entry in try visibleEntries(of: root) {
            guard entry.isDirectory else {
                if entry.name == Self.manifestName { continue }
                problems.append(SubmissionProblem(
                    file: StudentName.visible(entry.name), message: "not in a student's folder: put it in <student>/\(StudentName.visible(entry.name))"))
                continue
            }
            guard let student = studentName(forFolder: entry.name) else {
                problems.append(SubmissionProblem(
                    file: StudentName.visible(entry.name),
                    message: "not graded: a GitHub Classroom folder of this assignment is named \(classroomAssignment ?? "")-<login>"))
                continue
            }
            if let other = folderNames[student] {
                let both = [StudentName.spelled(other), StudentName.spelled(entry.name)].sorted()
                throw GradingError(
                    "the folders \"\(both[0])\" and \"\(both[1])\" in \(root.path) name the same student, \(StudentName.visible(student)) (names are compared in Unicode NFC form, and a Classroom folder by its login)",
                    help: "Merge the two folders into one, or rename one of them, then grade again.")
            }
            folderNames[student] = entry.name
            folders[student] = entry.url
            students.append(student)
            let (studentFiles, studentProblems) = try scanStudent(student, folder: entry.name, at: entry.url)
            files += studentFiles
            problems += studentProblems
        }
        return SubmissionInventory(students: students.sorted(), files: files, problems: problems, folders: folders)
    }

    /// The student a folder belongs to: its NFC name, or the login of a Classroom folder (nil
    /// when the folder is not one of this assignment's).
    private func studentName(forFolder name: String) -> String? {
        let canonical = StudentName.canonical(name)
        guard let classroomAssignment else { return canonical }
        let prefix = StudentName.canonical(classroomAssignment) + "-"
        guard canonical.hasPrefix(prefix), canonical.count > prefix.count else { return nil }
        return String(canonical.dropFirst(prefix.count))
    }

    /// The files of `student`, whose folder is named `folderName` (the name reports show in
    /// paths, so an instructor finds the file).
    private func scanStudent(_ student: String, folder folderName: String, at folder: URL) throws -> ([SubmissionFile], [SubmissionProblem]) {
        var candidates: [String: [SubmissionFile]] = [:], problems: [SubmissionProblem] = []
        for entry in try visibleEntries(of: folder) {
            let relative = "\(StudentName.visible(folderName))/\(StudentName.visible(entry.name))"
            guard !entry.isDirectory else {
                problems.append(SubmissionProblem(file: relative, message: "a folder inside a student's folder is not graded: move its files up"))
                continue
            }
            let url = entry.url
            guard let kind = GradedExercise.AnswerKind(rawValue: url.pathExtension.lowercased()) else {
                problems.append(SubmissionProblem(
                    file: relative, message: "not a submission: name it <exercise-id>.redis (commands) or <exercise-id>.lua (a script)"))
                continue
            }
            let id = url.deletingPathExtension().lastPathComponent
            guard exercises[id] != nil else {
                problems.append(SubmissionProblem(file: relative, message: unknownExerciseMessage(id)))
                continue
            }
            let modified = (try? url.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate
            candidates[id, default: []].append(
                SubmissionFile(student: student, exerciseID: id, kind: kind, url: url, relativePath: relative, modified: modified))
        }
        var files: [SubmissionFile] = []
        for id in candidates.keys.sorted() {
            let found = candidates[id]!
            guard found.count > 1, let expected = exercises[id]?.answerKind else {
                files += found
                continue
            }
            // Both a .redis and a .lua file: grade the kind the exercise asks for, report the other.
            let chosen = found.first { $0.kind == expected } ?? found[0]
            files.append(chosen)
            for other in found where other != chosen {
                problems.append(SubmissionProblem(
                    file: other.relativePath, message: "ignored: \(id) is answered in a .\(expected.fileExtension) file, and \(chosen.relativePath) was graded"))
            }
        }
        return (files, problems)
    }

    private func unknownExerciseMessage(_ id: String) -> String {
        let limit = max(2, id.count / 4)
        var best: (name: String, distance: Int)?
        for name in exercises.keys.sorted() {
            let distance = editDistance(name, id)
            if distance <= limit, distance < (best?.distance ?? Int.max) { best = (name, distance) }
        }
        if let best { return "no exercise has the id \(id): did you mean \(best.name)?" }
        return "no exercise has the id \(id): name the file after an exercise id"
    }

    private struct Entry {
        var name: String
        var url: URL
        var isDirectory: Bool
    }

    /// The entries of `folder` not starting with a dot, sorted by name; symbolic links are
    /// listed as files so that reading them later reports them.
    private func visibleEntries(of folder: URL) throws -> [Entry] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw GradingError("cannot read the folder \(folder.path): \(error.localizedDescription)", help: "Check that it exists and that you may read it.")
        }
        return names.filter { !$0.hasPrefix(".") }.sorted().map { name in
            let url = folder.appendingPathComponent(name)
            let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])
            let isDirectory = values?.isSymbolicLink != true && values?.isDirectory == true
            return Entry(name: name, url: url, isDirectory: isDirectory)
        }
    }
}
