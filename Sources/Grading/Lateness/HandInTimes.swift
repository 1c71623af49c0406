import Foundation

/// Gives every submission file its hand-in time from a source that survives copying: the
/// `submitted.csv` manifest, or the commits of a student's git repository; file modification
/// times only when asked for.
public enum HandInTimes {
    /// What the times came from, for the instructor.
    public struct Report: Sendable, Hashable {
        /// How many files got their time from each source ("submitted.csv", "git commits", "file times").
        public var counts: [String: Int] = [:]
        /// Files whose time is unknown: they are not judged late.
        public var unknown: [String] = []
        /// Problems met on the way (a repository git could not read, a manifest line naming nobody).
        public var warnings: [String] = []

        /// One line saying where the times came from, or nil when there are no files.
        public var summary: String? {
            let parts = counts.keys.sorted().map { "\(counts[$0]!) from \($0)" } + (unknown.isEmpty ? [] : ["\(unknown.count) unknown (not judged late)"])
            return parts.isEmpty ? nil : "Hand-in times: " + parts.joined(separator: ", ") + "."
        }
    }

    /// Sets `submittedAt` on every file of `inventory` (whose folder is `root`) from `source`.
    /// The report counts only the files of `graded` (every file when nil): those of exercises
    /// left out of this run are not the instructor's concern here.
    public static func assign(_ inventory: inout SubmissionInventory, root: URL, source: HandInSource, graded: Set<String>? = nil) throws -> Report {
        var report = Report()
        let manifestURL = root.appendingPathComponent(SubmissionScanner.manifestName)
        let hasManifest = FileManager.default.fileExists(atPath: manifestURL.path)
        if source == .manifest, !hasManifest {
            throw GradingError(
                "--lateness-from manifest: there is no \(SubmissionScanner.manifestName) in \(root.path)",
                help: "Add one (student,exercise,time per line), or use --lateness-from git or mtime.")
        }
        let manifest = hasManifest && [.auto, .manifest].contains(source) ? try HandInManifest.read(manifestURL) : nil
        if let manifest {
            for student in manifest.students.sorted() where !inventory.students.contains(student) {
                report.warnings.append("\(SubmissionScanner.manifestName) names \(StudentName.visible(student)), who has no folder")
            }
        }
        var gitTimes: [String: [String: Date]] = [:]
        if [.auto, .git].contains(source) {
            for student in inventory.students {
                guard let folder = inventory.folders[student], GitCommitTimes.isRepository(folder) else { continue }
                switch GitCommitTimes.times(in: folder) {
                case .success(let times): gitTimes[student] = times
                case .failure(let error): report.warnings.append(error.message)
                }
            }
        }
        for index in inventory.files.indices {
            let file = inventory.files[index]
            var time: Date?
            var from = ""
            if source == .mtime {
                (time, from) = (file.modified, "file times")
            }
            // The manifest, where it names the file, wins over the repository's commits.
            if time == nil, let listed = manifest?.time(student: file.student, exercise: file.exerciseID) {
                (time, from) = (listed, SubmissionScanner.manifestName)
            }
            if time == nil, let committed = gitTimes[file.student]?[file.url.lastPathComponent] {
                (time, from) = (committed, "git commits")
            }
            inventory.files[index].submittedAt = time
            if let graded, !graded.contains(file.exerciseID) { continue }
            if time != nil {
                report.counts[from, default: 0] += 1
            } else {
                report.unknown.append(file.relativePath)
            }
        }
        return report
    }

    /// A warning when every file with a time is late and all were handed in within two minutes
    /// of each other: the mark of times reset by a copy, not of a class that was late.
    public static func uniformLatenessWarning(_ results: ClassResults) -> String? {
        guard results.deadline != nil else { return nil }
        let timed = results.students.flatMap(\.exercises).filter { $0.submittedAt != nil && $0.status != .missing }
        guard timed.count >= 2, timed.allSatisfy({ $0.daysLate > 0 }) else { return nil }
        let times = timed.compactMap(\.submittedAt)
        guard let first = times.min(), let last = times.max(), last.timeIntervalSince(first) < 120 else { return nil }
        let days = timed[0].daysLate
        return "every one of the \(timed.count) files is late by the same amount (\(days) day\(days == 1 ? "" : "s"), handed in within two minutes of each other): were they copied, cloned or unzipped after the deadline? Check the hand-in times (a submitted.csv manifest, or the students' git repositories) before sending grades."
    }
}
