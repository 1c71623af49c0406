import LessonKit

/// The text `list` prints: one line per lesson, then how to start.
struct CatalogTable {
    let catalog: LessonCatalog

    func render() -> String {
        guard !catalog.lessons.isEmpty else {
            return "No lessons in \(catalog.directory).\nWrite one (see `Writing lessons` in the README), then run `redislings dev check`.\n"
        }
        let header = ["#", "Title", "Level", "Time", "Prerequisites"]
        let rows = catalog.lessons.map { lesson -> [String] in
            let prerequisites = catalog.prerequisites(of: lesson).map { name, target in
                // Just the number: a mark beside it would read as "done" to a new learner.
                target.map(\.paddedNumber) ?? "\(name) (missing)"
            }
            return [
                lesson.paddedNumber, lesson.title, lesson.metadata.level.isEmpty ? "—" : lesson.metadata.level,
                lesson.metadata.estimatedMinutes > 0 ? "\(lesson.metadata.estimatedMinutes) min" : "—",
                prerequisites.isEmpty ? "—" : prerequisites.joined(separator: ", "),
            ]
        }
        var widths = header.map { DisplayWidth.of($0) }
        for row in rows { for (column, cell) in row.enumerated() { widths[column] = max(widths[column], DisplayWidth.of(cell)) } }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { column, cell in
                column == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - DisplayWidth.of(cell))
            }
            return "  " + padded.joined(separator: "  ")
        }
        var output = "Lessons in \(catalog.directory):\n\n" + line(header) + "\n"
        for row in rows { output += line(row) + "\n" }
        let first = catalog.lessons[0]
        output += "\nStart reading: redislings show \(first.paddedNumber)    (\(first.title))\n"
        return output
    }
}
