extension LessonCatalog {
    /// Everything `dev check` reports: the loading problems, plus every prerequisite that names
    /// no lesson, every relative link or anchor that leads nowhere, every `redis` block line
    /// redis-cli could not split, and repeated numbers; sorted by file and line.
    public func check() -> [LessonProblem] {
        var found = problems
        var numbers: [Int: Lesson] = [:]
        for lesson in lessons.sorted(by: { $0.file < $1.file }) {
            if let first = numbers[lesson.number] {
                found.append(LessonProblem(
                    .duplicateNumber, file: lesson.file, line: lesson.metadata.fieldLines["number"] ?? 1,
                    message: "number \(lesson.number) is also used by \(first.file)",
                    fix: "give each lesson its own number"))
            } else {
                numbers[lesson.number] = lesson
            }
            for (name, target) in prerequisites(of: lesson) where target == nil {
                found.append(LessonProblem(
                    .missingPrerequisite, file: lesson.file, line: lesson.metadata.fieldLines["prerequisites"] ?? 1,
                    message: "the prerequisite `\(name)` is not a lesson of this course",
                    fix: "name an existing lesson by slug (\(suggestionText(for: name)))"))
            }
            for command in lesson.runnableBlocks.flatMap(\.commands) where command.arguments == nil {
                found.append(LessonProblem(
                    .malformedCommand, file: lesson.file, line: command.line,
                    message: "the command `\(command.text)` has an unbalanced quote",
                    fix: "close the quote, and put a space after a closing quote, as redis-cli expects"))
            }
            for link in lesson.links {
                let target = resolve(link.destination, from: lesson)
                guard target.isBroken else { continue }
                found.append(LessonProblem(
                    .brokenLink, file: lesson.file, line: link.line, message: brokenLinkMessage(link, target),
                    fix: brokenLinkFix(target)))
            }
        }
        return found.sorted { $0.file != $1.file ? $0.file < $1.file : $0.line < $1.line }
    }

    private func suggestionText(for name: String) -> String {
        if let close = suggestions(for: name).first { return "did you mean `\(close)`?" }
        return "slugs: " + lessons.prefix(5).map(\.slug).joined(separator: ", ")
    }

    private func brokenLinkMessage(_ link: LessonLink, _ target: LinkTarget) -> String {
        switch target {
        case .anchor(let anchor, _): return "the link to `#\(anchor)` matches no heading of this lesson"
        case .lesson(let slug, let anchor, _): return "the link to lesson `\(slug)` asks for `#\(anchor ?? "")`, which matches none of its headings"
        case .missing(let path): return "the link `\(link.destination)` leads to \(path), which does not exist"
        case .external, .file: return "the link `\(link.destination)` is broken"
        }
    }

    private func brokenLinkFix(_ target: LinkTarget) -> String {
        switch target {
        case .anchor, .lesson: return "use the heading's anchor: lowercase, spaces as hyphens, punctuation dropped"
        default: return "link to a lesson file relative to this one, with spaces as %20 (e.g. `./03.%20Redis%20Caching%20Strategies.md`)"
        }
    }
}
