import Foundation

/// Writes the reports of a run into one folder: `results.json`, `gradebook.csv`, `junit.xml`,
/// `summary.md`, `canvas.csv`, `moodle.csv` and `feedback/<student>.md`.
public struct ReportWriter: Sendable {
    public var directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Makes sure the reports can be written — the folder and `feedback/` exist or can be
    /// created, and a file can be written there — before any time is spent grading.
    public func checkWritable() throws {
        let feedback = try makeFolders()
        for folder in [directory, feedback] {
            let probe = folder.appendingPathComponent(".redislings-write-check-\(getpid())")
            do {
                try Data().write(to: probe)
                try? FileManager.default.removeItem(at: probe)
            } catch {
                throw GradingError("cannot write the reports into \(folder.path): \(error.localizedDescription)", help: "Pass --out with a folder you can write to.")
            }
        }
    }

    /// Writes every report, replacing each file atomically; returns the paths written.
    @discardableResult
    public func write(_ results: ClassResults, exercises: [GradedExercise], gradebookCSV: String? = nil) throws -> [URL] {
        let feedback = try makeFolders()
        var written: [URL] = []
        func save(_ data: Data, _ url: URL) throws {
            do {
                try data.write(to: url, options: .atomic)
            } catch {
                throw GradingError("cannot write \(url.path): \(error.localizedDescription)", help: "Pass --out with a folder you can write to.")
            }
            written.append(url)
        }
        let assignment = results.assignment ?? directory.lastPathComponent
        try save(ResultsJSON.encode(results), directory.appendingPathComponent("results.json"))
        try save(Data((gradebookCSV ?? GradebookCSV.render(results)).utf8), directory.appendingPathComponent("gradebook.csv"))
        try save(Data(JUnitXML.render(results).utf8), directory.appendingPathComponent("junit.xml"))
        try save(Data(SummaryMarkdown.render(results).utf8), directory.appendingPathComponent("summary.md"))
        try save(Data(ReportHTML.page(results).utf8), directory.appendingPathComponent("report.html"))
        let maxTotal = results.exercises.reduce(0) { $0 + $1.maxScore }
        try save(Data(LMSGradebookCSV.canvas(assignment: assignment, maxScore: maxTotal, students: results.students).utf8), directory.appendingPathComponent("canvas.csv"))
        try save(Data(LMSGradebookCSV.moodle(assignment: assignment, students: results.students).utf8), directory.appendingPathComponent("moodle.csv"))
        for student in results.students {
            let text = FeedbackMarkdown.render(student, results: results, exercises: exercises)
            try save(Data(text.utf8), feedback.appendingPathComponent("\(Self.fileName(student.student)).md"))
        }
        return written
    }

    /// A student's name as a file name: control characters written out, so a name cannot put a
    /// line break or an escape sequence into a listing.
    static func fileName(_ student: String) -> String { StudentName.visible(student) }

    private func makeFolders() throws -> URL {
        let feedback = directory.appendingPathComponent("feedback")
        do {
            try FileManager.default.createDirectory(at: feedback, withIntermediateDirectories: true)
        } catch {
            throw GradingError("cannot create the reports folder \(feedback.path): \(Self.reason(creating: feedback, error))", help: "Pass --out with a folder you can write to.")
        }
        return feedback
    }

    /// Why `folder` could not be created, in words: a file in the way of the path, or the
    /// system's reason (Foundation's own text is only "The operation could not be completed").
    static func reason(creating folder: URL, _ error: any Error) -> String {
        var path = folder.standardizedFileURL.path
        while path != "/", !path.isEmpty {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
                if !isFolder.boolValue { return "\(path) is a file, not a folder" }
                break
            }
            path = (path as NSString).deletingLastPathComponent
        }
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let underlying, underlying.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(underlying.code))) }
        return error.localizedDescription
    }
}
