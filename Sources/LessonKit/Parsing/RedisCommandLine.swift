import RESP

/// One command line of a runnable `redis` block.
public struct RedisCommandLine: Sendable, Equatable {
    /// The line as written, trimmed.
    public var text: String
    /// Its line in the lesson file.
    public var line: Int

    /// Creates a command line.
    public init(text: String, line: Int) {
        self.text = text
        self.line = line
    }

    /// The arguments, split with redis-cli's quoting rules; nil when a quote is unbalanced.
    public var arguments: [String]? { RedisCommandLine.split(text) }

    /// Splits `line` into arguments as redis-cli does, through the project's one `sdssplitargs`
    /// (`RESPArgumentSplitter`). Returns nil for unbalanced quotes. Invalid UTF-8 from `\xHH`
    /// is repaired.
    public static func split(_ line: String) -> [String]? {
        RESPArgumentSplitter.split(line.utf8)?.map { String(decoding: $0, as: UTF8.self) }
    }
}
