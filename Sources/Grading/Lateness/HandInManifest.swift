import Foundation

/// `submitted.csv` at the top of a submissions folder: one hand-in time per line, as
/// `student,exercise,time` — the exercise may be `*` (or `all`, or empty) for every file of the
/// student, the time is ISO 8601. A first line starting with `student` is a header.
struct HandInManifest {
    /// The time of every (student, exercise) named; `*` stands for all of a student's files.
    var times: [GradeKey: Date] = [:]
    /// Students named by the manifest, in NFC.
    var students: Set<String> = []

    /// Reads the manifest at `url`; a line that cannot be read is an error naming its line.
    static func read(_ url: URL) throws -> HandInManifest {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw GradingError("cannot read \(url.path) as UTF-8 text: \(error.localizedDescription)", help: "Save it as UTF-8 CSV: student,exercise,time.")
        }
        var manifest = HandInManifest()
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        for (index, rawLine) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : String(rawLine)
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let place = "\(url.lastPathComponent) line \(index + 1)"
            guard let fields = CSVLine.split(line), fields.count == 3 else {
                throw GradingError("\(place): expected three fields, student,exercise,time: \(line.prefix(80))", help: "Write one line per hand-in, e.g. ada,ex-counter,2026-12-01T18:02:00Z (exercise * for all of a student's files).")
            }
            let trimmed = fields.map { $0.trimmingCharacters(in: .whitespaces) }
            if index == 0, trimmed[0].lowercased() == "student" { continue }
            guard !trimmed[0].isEmpty else { throw GradingError("\(place): the student is empty", help: "Name the student's folder in the first field.") }
            guard let time = LatePolicy.parseTimestamp(trimmed[2]) else {
                throw GradingError("\(place): \(trimmed[2]) is not a time", help: "Write times in ISO 8601, e.g. 2026-12-01T18:02:00Z or 2026-12-01T19:02:00+01:00.")
            }
            let student = StudentName.canonical(trimmed[0])
            let exercise = ["", "*", "all"].contains(trimmed[1].lowercased()) ? "*" : trimmed[1]
            let key = GradeKey(student: student, exercise: exercise)
            if manifest.times[key] != nil {
                throw GradingError("\(place): \(student) \(exercise) is listed twice", help: "Keep one line per student and exercise.")
            }
            manifest.times[key] = time
            manifest.students.insert(student)
        }
        return manifest
    }

    /// The time for one file: its own line, else the student's `*` line.
    func time(student: String, exercise: String) -> Date? {
        times[GradeKey(student: student, exercise: exercise)] ?? times[GradeKey(student: student, exercise: "*")]
    }
}

/// One CSV record on one line (RFC 4180 quoting, no line breaks inside fields).
enum CSVLine {
    /// The fields of `line`, or nil when a quote is left open.
    static func split(_ line: String) -> [String]? {
        var fields: [String] = [], field = "", quoted = false, index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if quoted {
                if character == "\"" {
                    let next = line.index(after: index)
                    if next < line.endIndex, line[next] == "\"" {
                        field.append("\"")
                        index = next
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
            index = line.index(after: index)
        }
        guard !quoted else { return nil }
        fields.append(field)
        return fields
    }
}
