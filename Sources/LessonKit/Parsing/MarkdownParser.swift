import CCmarkGFM

/// Parses markdown with cmark-gfm (tables, strikethrough, task lists, autolinks) into blocks.
enum MarkdownParser {
    /// A fenced code block that cmark closed at the end of its container for lack of a closing fence.
    struct UnterminatedFence: Equatable {
        var line: Int
        var fence: String
    }

    struct Result {
        var blocks: [MarkdownBlock]
        var unterminatedFences: [UnterminatedFence]
    }

    private static let extensionsRegistered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    private static let extensionNames = ["table", "strikethrough", "tasklist", "autolink"]

    /// Parses markdown text on its own (a quiz prompt, an explanation).
    static func parse(_ markdown: String) -> Result {
        parse(LessonSource(file: "", text: markdown), firstLine: 1)
    }

    /// Parses `source` from file line `firstLine` (the body after the front matter) to the end.
    static func parse(_ source: LessonSource, firstLine: Int) -> Result {
        precondition(extensionsRegistered)
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_UNSAFE) else {
            return Result(blocks: [], unterminatedFences: [])
        }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let syntax = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, syntax) }
        }
        source.withBytes(fromLine: firstLine) { buffer in
            guard let base = buffer.baseAddress else { return }
            base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                cmark_parser_feed(parser, pointer, buffer.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else { return Result(blocks: [], unterminatedFences: []) }
        defer { cmark_node_free(document) }
        var converter = Converter(source: source, lineOffset: firstLine - 1)
        let blocks = converter.blocks(of: document)
        return Result(blocks: blocks, unterminatedFences: converter.unterminatedFences)
    }

    /// Walks cmark's tree and builds our blocks and inlines.
    struct Converter {
        let source: LessonSource
        let lineOffset: Int
        var unterminatedFences: [UnterminatedFence] = []

        init(source: LessonSource, lineOffset: Int) {
            self.source = source
            self.lineOffset = lineOffset
        }

        mutating func blocks(of parent: OpaquePointer) -> [MarkdownBlock] {
            var result: [MarkdownBlock] = []
            var child = cmark_node_first_child(parent)
            while let node = child {
                if let block = block(node) { result.append(block) }
                child = cmark_node_next(node)
            }
            return result
        }

        private mutating func block(_ node: OpaquePointer) -> MarkdownBlock? {
            let line = Int(cmark_node_get_start_line(node)) + lineOffset
            let type = cmark_node_get_type(node)
            switch type {
            case CMARK_NODE_PARAGRAPH:
                return MarkdownBlock(.paragraph(inlines(of: node)), line: line)
            case CMARK_NODE_HEADING:
                return MarkdownBlock(.heading(level: Int(cmark_node_get_heading_level(node)), content: inlines(of: node)), line: line)
            case CMARK_NODE_BLOCK_QUOTE:
                return MarkdownBlock(.blockQuote(blocks(of: node)), line: line)
            case CMARK_NODE_LIST:
                return MarkdownBlock(.list(list(node)), line: line)
            case CMARK_NODE_CODE_BLOCK:
                return MarkdownBlock(.code(codeBlock(node, line: line)), line: line)
            case CMARK_NODE_HTML_BLOCK:
                return MarkdownBlock(.html(literal(node)), line: line)
            case CMARK_NODE_THEMATIC_BREAK:
                return MarkdownBlock(.thematicBreak, line: line)
            default:
                if typeName(node) == "table" { return MarkdownBlock(.table(table(node)), line: line) }
                return nil
            }
        }

        private mutating func list(_ node: OpaquePointer) -> MarkdownList {
            var items: [MarkdownListItem] = []
            var child = cmark_node_first_child(node)
            while let item = child {
                let task: Bool? = typeName(item) == "tasklist" ? cmark_gfm_extensions_get_tasklist_item_checked(item) : nil
                items.append(MarkdownListItem(blocks: blocks(of: item), task: task))
                child = cmark_node_next(item)
            }
            return MarkdownList(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)),
                tight: cmark_node_get_list_tight(node) != 0,
                items: items)
        }

        private mutating func codeBlock(_ node: OpaquePointer, line: Int) -> CodeBlock {
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) }?.trimmingWhitespace() ?? ""
            let language = info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "{" || $0 == "," }).first.map { $0.lowercased() }
            var length: Int32 = 0, offset: Int32 = 0
            var character: CChar = 0
            if cmark_node_get_fenced(node, &length, &offset, &character) != 0 {
                let fence = String(repeating: Character(UnicodeScalar(UInt8(bitPattern: character))), count: Int(length))
                if !isClosed(node, fence: fence) { unterminatedFences.append(UnterminatedFence(line: line, fence: fence)) }
            }
            return CodeBlock(language: language, info: info, code: literal(node), line: line)
        }

        /// cmark ends an unclosed fence at the end of its container; a closed one ends on its closing fence.
        private func isClosed(_ node: OpaquePointer, fence: String) -> Bool {
            let start = Int(cmark_node_get_start_line(node)), end = Int(cmark_node_get_end_line(node)) + lineOffset
            guard end > start + lineOffset, end <= source.lineCount else { return false }
            var closing = source.text(ofLine: end).trimmingWhitespace()
            while closing.hasPrefix(">") { closing = String(closing.dropFirst()).trimmingWhitespace() }
            guard let mark = fence.first, closing.count >= fence.count else { return false }
            return closing.allSatisfy { $0 == mark }
        }

        private func table(_ node: OpaquePointer) -> MarkdownTable {
            let columns = Int(cmark_gfm_extensions_get_table_columns(node))
            var alignments: [MarkdownTable.Alignment] = Array(repeating: .none, count: columns)
            if let raw = cmark_gfm_extensions_get_table_alignments(node) {
                for column in 0..<columns {
                    switch raw[column] {
                    case UInt8(ascii: "l"): alignments[column] = .left
                    case UInt8(ascii: "c"): alignments[column] = .center
                    case UInt8(ascii: "r"): alignments[column] = .right
                    default: break
                    }
                }
            }
            var header: [[MarkdownInline]] = []
            var rows: [[[MarkdownInline]]] = []
            var rowNode = cmark_node_first_child(node)
            while let row = rowNode {
                var cells: [[MarkdownInline]] = []
                var cellNode = cmark_node_first_child(row)
                while let cell = cellNode {
                    cells.append(inlines(of: cell))
                    cellNode = cmark_node_next(cell)
                }
                while cells.count < columns { cells.append([]) }
                if header.isEmpty && rows.isEmpty && cmark_gfm_extensions_get_table_row_is_header(row) != 0 {
                    header = cells
                } else {
                    rows.append(cells)
                }
                rowNode = cmark_node_next(row)
            }
            return MarkdownTable(alignments: alignments, header: header, rows: rows)
        }

        func inlines(of parent: OpaquePointer) -> [MarkdownInline] {
            var result: [MarkdownInline] = []
            var child = cmark_node_first_child(parent)
            while let node = child {
                if let inline = inline(node) {
                    // cmark splits text at special characters; join neighbours so words stay whole.
                    if case .text(let new) = inline, case .text(let previous)? = result.last {
                        result[result.count - 1] = .text(previous + new)
                    } else {
                        result.append(inline)
                    }
                }
                child = cmark_node_next(node)
            }
            return result
        }

        private func inline(_ node: OpaquePointer) -> MarkdownInline? {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT: return .text(literal(node))
            case CMARK_NODE_CODE: return .code(literal(node))
            case CMARK_NODE_EMPH: return .emphasis(inlines(of: node))
            case CMARK_NODE_STRONG: return .strong(inlines(of: node))
            case CMARK_NODE_SOFTBREAK: return .softBreak
            case CMARK_NODE_LINEBREAK: return .lineBreak
            case CMARK_NODE_HTML_INLINE: return .html(literal(node))
            case CMARK_NODE_LINK:
                return .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)), content: inlines(of: node))
            case CMARK_NODE_IMAGE:
                return .image(source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)), alt: inlines(of: node))
            default:
                if typeName(node) == "strikethrough" { return .strikethrough(inlines(of: node)) }
                let children = inlines(of: node)
                return children.isEmpty ? nil : .emphasis(children)
            }
        }

        private func literal(_ node: OpaquePointer) -> String { string(cmark_node_get_literal(node)) }

        private func string(_ pointer: UnsafePointer<CChar>?) -> String { pointer.map { String(cString: $0) } ?? "" }

        private func typeName(_ node: OpaquePointer) -> String { string(cmark_node_get_type_string(node)) }
    }
}
