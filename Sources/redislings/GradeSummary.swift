import Foundation
import Grading

/// What `redislings grade` prints when it is done.
struct GradeSummary {
    var results: ClassResults
    var elapsed: TimeInterval
    var jobs: Int
    var backend: String
    var out: String
    var className: String
    var runID: Int64?
    var gradebook: String?

    var text: String {
        let graded = results.students.reduce(0) { $0 + $1.exercises.filter { $0.status != .missing }.count }
        var lines = [
            "Graded \(count(results.students.count, "student")) on \(count(results.exercises.count, "exercise")) (\(count(graded, "submission"))) on the \(backend == "simulator" ? "built-in simulator" : "Redis at \(backend)") in \(String(format: "%.1f", elapsed)) s with \(jobs) job\(jobs == 1 ? "" : "s").",
            "Reports in \(out)/: results.json, gradebook.csv, junit.xml, feedback/ (\(results.students.count) files).",
        ]
        let errors = results.students.flatMap { student in student.exercises.filter { $0.status == .error }.map { (student.student, $0) } }
        if !errors.isEmpty {
            lines.append("Could not be graded (\(errors.count), zero points):")
            for (student, grade) in errors { lines.append("  \(grade.file ?? "\(student)/\(grade.exercise)"): \(grade.error ?? "error")") }
        }
        if !results.missing.isEmpty {
            lines.append("Missing (\(results.missing.count)):")
            let byStudent = Dictionary(grouping: results.missing, by: \.student)
            for student in byStudent.keys.sorted() {
                lines.append("  \(student): \(byStudent[student]!.map(\.exercise).joined(separator: ", "))")
            }
        }
        if !results.problems.isEmpty {
            lines.append("Not graded (\(results.problems.count) files):")
            for problem in results.problems { lines.append("  \(problem.file): \(problem.message)") }
        }
        if let runID, let gradebook {
            lines.append("Gradebook: run #\(runID) of class '\(className)' recorded in \(gradebook) (redislings gradebook export --class \(className)).")
        }
        return lines.joined(separator: "\n")
    }
}
