import Basics
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
            "Graded \(count(results.students.count, "student")) on \(count(results.exercises.count, "exercise")) (\(count(graded, "submission"))) \(backend.hasPrefix("queue ") ? "through the grading " + backend : "on the " + (backend == "simulator" ? "built-in simulator" : "Redis at \(backend)")) in \(String(format: "%.1f", elapsed)) s\(backend.hasPrefix("queue ") ? "" : " with \(jobs) job\(jobs == 1 ? "" : "s")").",
            "Reports in \(out)/: results.json, gradebook.csv, junit.xml, summary.md, report.html, canvas.csv, moodle.csv, feedback/ (\(count(results.students.count, "file"))).",
        ]
        let errors = results.students.flatMap { student in student.exercises.filter { $0.status == .error }.map { (student.student, $0) } }
        if !errors.isEmpty {
            lines.append("Could not be graded (\(errors.count), zero points):")
            for (student, grade) in errors {
                lines.append("  \(grade.file ?? "\(StudentName.visible(student))/\(grade.exercise)"): \(StudentName.visible(grade.error ?? "error"))")
            }
        }
        // Where answers stopped inside the exercise's own steps: the course's position, apart
        // from the students' (an exercise every answer stops in is the course's problem).
        let stops = Dictionary(grouping: results.students.flatMap(\.exercises).filter { $0.exerciseLine != nil }) {
            "\($0.exercise) line \($0.exerciseLine!)"
        }
        if !stops.isEmpty {
            lines.append("Stopped in a step of the exercise's own file (check the exercise if every answer stops there):")
            for place in stops.keys.sorted() {
                let count = stops[place]!.count
                lines.append("  \(place): \(count) answer\(count == 1 ? "" : "s") of \(results.students.count)")
            }
        }
        if !results.missing.isEmpty {
            lines.append("Missing (\(results.missing.count)):")
            let byStudent = Dictionary(grouping: results.missing, by: \.student)
            for student in byStudent.keys.sorted() {
                lines.append("  \(StudentName.visible(student)): \(byStudent[student]!.map(\.exercise).joined(separator: ", "))")
            }
        }
        if !results.problems.isEmpty {
            lines.append("Not graded (\(count(results.problems.count, "file"))):")
            for problem in results.problems { lines.append("  \(problem.file): \(StudentName.printable(problem.message))") }
        }
        if let runID, let gradebook {
            lines.append("Gradebook: run #\(runID) of class '\(className)' recorded in \(gradebook) (redislings gradebook export --class \(className)).")
        }
        return lines.joined(separator: "\n")
    }
}
