import Foundation

/// A submission's contents, checked to be a modest amount of text.
public struct SubmissionText: Sendable, Hashable {
    /// The largest submission read by default: far more than any answer needs.
    public static let defaultMaximumBytes = 256 * 1024

    public var kind: GradedExercise.AnswerKind
    public var text: String

    public init(kind: GradedExercise.AnswerKind, text: String) {
        self.kind = kind
        self.text = text
    }

    /// Reads `file`, refusing (with a message for the student) anything that is not a regular
    /// text file of at most `maximumBytes` bytes: binary data, invalid UTF-8, links, devices.
    public static func read(_ file: SubmissionFile, maximumBytes: Int = defaultMaximumBytes) -> Result<SubmissionText, SubmissionRefusal> {
        let values = try? file.url.resourceValues(forKeys: [.isSymbolicLinkKey, .isRegularFileKey, .fileSizeKey])
        if values?.isSymbolicLink == true {
            return .failure(SubmissionRefusal("\(file.relativePath) is a symbolic link; hand in the file itself"))
        }
        guard values?.isRegularFile == true else {
            return .failure(SubmissionRefusal("\(file.relativePath) is not a regular file; hand in a text file"))
        }
        if let size = values?.fileSize, size > maximumBytes {
            return .failure(SubmissionRefusal("\(file.relativePath) is \(size) bytes; a submission may be at most \(maximumBytes) bytes"))
        }
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: file.url)
            defer { try? handle.close() }
            data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
        } catch {
            return .failure(SubmissionRefusal("\(file.relativePath) cannot be read: \(error.localizedDescription)"))
        }
        if data.count > maximumBytes {
            return .failure(SubmissionRefusal("\(file.relativePath) is over \(maximumBytes) bytes; a submission may be at most \(maximumBytes) bytes"))
        }
        return decode(data, file: file)
    }

    /// Accepts UTF-8 text without NUL bytes; anything else is reported with the offending byte's offset.
    static func decode(_ data: Data, file: SubmissionFile) -> Result<SubmissionText, SubmissionRefusal> {
        if let zero = data.firstIndex(of: 0) {
            return .failure(SubmissionRefusal(
                "\(file.relativePath) is not a text file (a NUL byte at offset \(zero - data.startIndex)); hand in plain UTF-8 text"))
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            let offset = firstInvalidUTF8Offset(data)
            return .failure(SubmissionRefusal(
                "\(file.relativePath) is not UTF-8 text (an invalid byte at offset \(offset)); save it as plain UTF-8 text"))
        }
        // Editors on Windows add a byte-order mark and CRLF line ends; neither is part of a command.
        let body = (text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text).replacingOccurrences(of: "\r\n", with: "\n")
        return .success(SubmissionText(kind: file.kind, text: body))
    }

    /// Where the UTF-8 goes wrong first: a stray continuation byte, an impossible lead byte, or a
    /// sequence cut short (an approximation that is exact for the common cases: Latin-1, UTF-16).
    private static func firstInvalidUTF8Offset(_ data: Data) -> Int {
        let bytes = [UInt8](data)
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length: Int
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            for next in 1..<length where bytes[index + next] & 0xC0 != 0x80 { return index }
            index += length
        }
        return index
    }
}

/// Why a submission file was not graded; the text is shown to the student.
public struct SubmissionRefusal: Error, Sendable, Hashable {
    public var message: String

    public init(_ message: String) { self.message = message }
}
