import RESP

/// Splits a typed line into command arguments with redis-cli's quoting rules, through the
/// project's one `sdssplitargs` (`RESPArgumentSplitter`); this type only gives the REPL its
/// typed error and redis-cli's message for a line that cannot be split.
public enum CommandLineSplitter {
    /// The message redis-cli prints when a line cannot be split.
    public static let invalidArgumentsMessage = "Invalid argument(s)"

    /// A line whose quotes do not balance (or a quote followed by a non-space).
    public struct InvalidArguments: Error, Equatable, CustomStringConvertible {
        public var description: String { CommandLineSplitter.invalidArgumentsMessage }
    }

    /// The arguments of `line` as bytes, or `InvalidArguments` when its quotes are unbalanced.
    public static func split(_ line: String) throws(InvalidArguments) -> [[UInt8]] {
        try split(bytes: Array(line.utf8))
    }

    /// The arguments of a line given as bytes.
    public static func split(bytes line: [UInt8]) throws(InvalidArguments) -> [[UInt8]] {
        guard let arguments = RESPArgumentSplitter.split(line) else { throw InvalidArguments() }
        return arguments
    }

    /// The arguments of `line` as text, for completion and hints (invalid UTF-8 repaired).
    public static func splitText(_ line: String) throws(InvalidArguments) -> [String] {
        try split(line).map { String(decoding: $0, as: UTF8.self) }
    }
}
