import Foundation

/// Writes the four reports of a run into one folder: `results.json`, `gradebook.csv`,
/// `junit.xml` and `feedback/<student>.md`.
public struct ReportWriter: Sendable {
    public var directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Writes every report, replacing each file atomically; returns the paths written.
    @discardableResult
    public func write(_ results: ClassResults, exercises: [GradedExercise], gradebookCSV: String? = nil) throws -> [URL] {
        let feedback = directory.appendingPathComponent("feedback")
        do {
            try FileManager.default.createDirectory(at: feedback, withIntermediateDirectories: true)
        } catch {
            throw GradingError("cannot create the reports folder \(feedback.path): \(error.localizedDescription)", help: "Pass --out with a folder you can write to.")
        }
        var written: [URL] = []
        func save(_ data: Data, _ url: URL) throws {
            do {
                try data.write(to: url, options: .atomic)
            } catch {
                throw GradingError("cannot write \(url.path): \(error.localizedDescription)", help: "Pass --out with a folder you can write to.")
            }
            written.append(url)
        }
        try save(ResultsJSON.encode(results), directory.appendingPathComponent("results.json"))
        try save(Data((gradebookCSV ?? GradebookCSV.render(results)).utf8), directory.appendingPathComponent("gradebook.csv"))
        try save(Data(JUnitXML.render(results).utf8), directory.appendingPathComponent("junit.xml"))
        for student in results.students {
            let text = FeedbackMarkdown.render(student, results: results, exercises: exercises)
            try save(Data(text.utf8), feedback.appendingPathComponent("\(student.student).md"))
        }
        return written
    }
}
