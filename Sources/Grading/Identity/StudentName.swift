import Foundation

/// The one rule for who a student is: their folder's name in Unicode NFC. Two folders whose
/// names differ only in Unicode form ("José" typed precomposed on one machine, decomposed on
/// another) are the same student by this rule, so the class is refused rather than one grade
/// landing on the other's row.
public enum StudentName {
    /// `name` in NFC, the form every report and the gradebook use.
    public static func canonical(_ name: String) -> String { name.precomposedStringWithCanonicalMapping }

    /// `name` with every character outside printable ASCII written as `\u{…}`, so two names
    /// that look alike can be told apart in an error message.
    public static func spelled(_ name: String) -> String {
        name.unicodeScalars.map { scalar in
            (0x20..<0x7F).contains(scalar.value) ? String(scalar) : "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        }.joined()
    }

    /// `name` safe to print in a report or a terminal: control characters (C0, DEL, C1) and the
    /// bidirectional overrides that reorder what a reader sees are written as `\u{…}`; all other
    /// characters are kept.
    public static func visible(_ name: String) -> String { escaped(name, keepingLineBreaks: false) }

    /// `text` (a message that may quote a student's file) with the same characters written out,
    /// line breaks and tabs kept.
    public static func printable(_ text: String) -> String { escaped(text, keepingLineBreaks: true) }

    private static func escaped(_ name: String, keepingLineBreaks: Bool) -> String {
        var result = ""
        for scalar in name.unicodeScalars {
            let value = scalar.value
            let kept = keepingLineBreaks && (scalar == "\n" || scalar == "\t")
            let hidden = !kept && value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
                || (0x2066...0x2069).contains(value) || value == 0x200E || value == 0x200F
            if hidden {
                result += "\\u{\(String(value, radix: 16, uppercase: true))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
