extension HTMLRenderer {
    /// What rendering one lesson needs to remember: heading anchors so far, runnable blocks so far.
    struct Context {
        let lesson: Lesson?
        let catalog: LessonCatalog?
        let renderer: HTMLRenderer
        var runnableCount = 0
        var anchorCounts: [String: Int] = [:]

        mutating func block(_ block: MarkdownBlock, into out: inout String) {
            switch block.kind {
            case .heading(let level, let content):
                let base = Lesson.anchor(for: MarkdownInline.plainText(content))
                let count = anchorCounts[base, default: 0]
                anchorCounts[base] = count + 1
                let id = count == 0 ? base : "\(base)-\(count)"
                let tag = "h\(min(max(level, 1), 6))"
                out += "<\(tag) id=\"\(id.htmlEscaped)\">\(inlines(content))</\(tag)>\n"
            case .paragraph(let content):
                out += "<p>\(inlines(content))</p>\n"
            case .list(let list):
                let tag = list.ordered ? "ol" : "ul"
                out += list.ordered && list.start != 1 ? "<ol start=\"\(list.start)\">" : "<\(tag)>"
                for item in list.items {
                    out += "<li>"
                    if let task = item.task { out += "<input type=\"checkbox\" disabled\(task ? " checked" : "")> " }
                    for inner in item.blocks {
                        if list.tight, case .paragraph(let content) = inner.kind {
                            out += inlines(content)
                        } else {
                            self.block(inner, into: &out)
                        }
                    }
                    out += "</li>"
                }
                out += "</\(tag)>\n"
            case .blockQuote(let inner):
                out += "<blockquote>"
                for child in inner { self.block(child, into: &out) }
                out += "</blockquote>\n"
            case .code(let code):
                var index: Int?
                if code.isRunnable {
                    index = runnableCount
                    runnableCount += 1
                }
                out += renderer.codeBlock(code, runnableIndex: index)
            case .table(let table):
                out += "<table><thead><tr>"
                for (column, cell) in table.header.enumerated() { out += "<th\(align(table, column))>\(inlines(cell))</th>" }
                out += "</tr></thead><tbody>"
                for row in table.rows {
                    out += "<tr>"
                    for (column, cell) in row.enumerated() { out += "<td\(align(table, column))>\(inlines(cell))</td>" }
                    out += "</tr>"
                }
                out += "</tbody></table>\n"
            case .thematicBreak:
                out += "<hr>\n"
            case .html(let raw):
                // Lessons are our own files, but a page that runs commands must not run their
                // markup: raw HTML is shown as text.
                out += "<pre class=\"raw-html\">\(raw.htmlEscaped)</pre>\n"
            }
        }

        private func align(_ table: MarkdownTable, _ column: Int) -> String {
            guard column < table.alignments.count else { return "" }
            switch table.alignments[column] {
            case .none: return ""
            case .left: return " style=\"text-align:left\""
            case .center: return " style=\"text-align:center\""
            case .right: return " style=\"text-align:right\""
            }
        }

        func inlines(_ items: [MarkdownInline]) -> String {
            var out = ""
            for item in items {
                switch item {
                case .text(let text): out += text.htmlEscaped
                case .code(let code): out += "<code>\(code.htmlEscaped)</code>"
                case .emphasis(let inner): out += "<em>\(inlines(inner))</em>"
                case .strong(let inner): out += "<strong>\(inlines(inner))</strong>"
                case .strikethrough(let inner): out += "<del>\(inlines(inner))</del>"
                case .link(let destination, let title, let content):
                    let titleAttribute = title.isEmpty ? "" : " title=\"\(title.htmlEscaped)\""
                    out += "<a href=\"\(href(destination).htmlEscaped)\"\(titleAttribute)>\(inlines(content))</a>"
                case .image(let source, _, let alt):
                    out += "<span class=\"image\">[image: \(MarkdownInline.plainText(alt).htmlEscaped) — \(source.htmlEscaped)]</span>"
                case .softBreak: out += "\n"
                case .lineBreak: out += "<br>\n"
                case .html(let raw): out += raw.htmlEscaped
                }
            }
            return out
        }

        /// Where a link leads in the web app: other lessons by their page, anchors kept,
        /// external URLs (http, https, mailto only) as written, anything else to nowhere.
        func href(_ destination: String) -> String {
            let target: LinkTarget
            if let lesson, let catalog {
                target = catalog.resolve(destination, from: lesson)
            } else {
                target = destination.hasPrefix("#") ? .anchor(String(destination.dropFirst()), found: true) : .external(destination)
            }
            switch target {
            case .lesson(let slug, let anchor, _):
                return renderer.lessonPath(slug) + (anchor.map { "#" + Lesson.anchor(for: $0) } ?? "")
            case .anchor(let anchor, _):
                return "#" + anchor
            case .external(let url):
                let lowered = url.lowercased()
                return lowered.hasPrefix("http:") || lowered.hasPrefix("https:") || lowered.hasPrefix("mailto:") ? url : "#"
            case .file, .missing:
                return "#"
            }
        }
    }
}
