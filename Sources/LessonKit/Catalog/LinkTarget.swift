/// Where a link in a lesson leads.
public enum LinkTarget: Sendable, Equatable {
    /// A URL with a scheme (`https:`, `mailto:`), not checked.
    case external(String)
    /// A heading of the same lesson (`#quiz`); `found` is false when no heading has that anchor.
    case anchor(String, found: Bool)
    /// Another lesson of the catalog, by slug, with the anchor if any and whether it was found.
    case lesson(slug: String, anchor: String?, found: Bool)
    /// A file that exists but is not a lesson (an image, a diagram), as a path.
    case file(String)
    /// A relative link to nothing: the decoded path it looked for.
    case missing(String)

    /// True for links that lead nowhere (a missing file or a missing anchor).
    public var isBroken: Bool {
        switch self {
        case .missing: return true
        case .anchor(_, let found), .lesson(_, _, let found): return !found
        case .external, .file: return false
        }
    }
}

extension Lesson {
    /// The GitHub-style anchor of each heading (`## Cache-Aside Pattern` → `cache-aside-pattern`).
    public var headingAnchors: Set<String> {
        var anchors = Set<String>()
        var counts: [String: Int] = [:]
        MarkdownBlock.visit(blocks) { block in
            guard case .heading(_, let content) = block.kind else { return }
            let base = Lesson.anchor(for: MarkdownInline.plainText(content))
            let count = counts[base, default: 0]
            counts[base] = count + 1
            anchors.insert(count == 0 ? base : "\(base)-\(count)")
        }
        return anchors
    }

    /// The anchor GitHub gives a heading: lowercase, spaces to hyphens, punctuation dropped.
    public static func anchor(for heading: String) -> String {
        var anchor = ""
        for character in heading.trimmingWhitespace().lowercased() {
            if character == " " { anchor.append("-") }
            else if character.isLetter || character.isNumber || character == "-" || character == "_" { anchor.append(character) }
        }
        return anchor
    }
}
