/// How a run of terminal text looks: one colour and a few attributes.
public struct TextStyle: Sendable, Equatable {
    /// The eight ANSI colours and grey, the only ones every terminal has.
    public enum Color: Int, Sendable, Equatable {
        case red = 31, green = 32, yellow = 33, blue = 34, magenta = 35, cyan = 36, white = 37, gray = 90
    }

    public var color: Color?
    public var bold = false
    public var dim = false
    public var italic = false
    public var underline = false
    public var strikethrough = false

    /// A style; everything off by default.
    public init(color: Color? = nil, bold: Bool = false, dim: Bool = false, italic: Bool = false, underline: Bool = false, strikethrough: Bool = false) {
        self.color = color
        self.bold = bold
        self.dim = dim
        self.italic = italic
        self.underline = underline
        self.strikethrough = strikethrough
    }

    /// No colour, no attribute.
    public static let plain = TextStyle()

    /// This style with `other`'s colour (if it has one) and attributes added.
    public func adding(_ other: TextStyle) -> TextStyle {
        TextStyle(
            color: other.color ?? color, bold: bold || other.bold, dim: dim || other.dim, italic: italic || other.italic,
            underline: underline || other.underline, strikethrough: strikethrough || other.strikethrough)
    }

    /// The SGR escape sequence that turns this style on, or "" for plain.
    var escape: String {
        var codes: [Int] = []
        if bold { codes.append(1) }
        if dim { codes.append(2) }
        if italic { codes.append(3) }
        if underline { codes.append(4) }
        if strikethrough { codes.append(9) }
        if let color { codes.append(color.rawValue) }
        return codes.isEmpty ? "" : "\u{1B}[" + codes.map(String.init).joined(separator: ";") + "m"
    }
}

/// A piece of text in one style.
public struct StyledRun: Sendable, Equatable {
    public var text: String
    public var style: TextStyle

    /// A run of `text` in `style`.
    public init(_ text: String, _ style: TextStyle = .plain) {
        self.text = text
        self.style = style
    }
}

/// One output line made of styled runs.
typealias StyledLine = [StyledRun]

extension Array where Element == StyledRun {
    /// The line's width in terminal columns.
    var displayWidth: Int { reduce(0) { $0 + DisplayWidth.of($1.text) } }

    /// The text with escape sequences when `colors` is true, without any otherwise.
    func serialized(colors: Bool) -> String {
        var output = ""
        for run in self {
            let escape = colors ? run.style.escape : ""
            if escape.isEmpty {
                output += run.text
            } else {
                output += escape + run.text + "\u{1B}[0m"
            }
        }
        return output
    }
}
