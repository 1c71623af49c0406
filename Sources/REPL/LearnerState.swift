/// The learner's place in the course, kept in a small human-readable file (`key: value` lines,
/// `#` comments) so that it can be read, edited or deleted by hand.
public struct LearnerState: Sendable, Equatable {
    /// The entries in file order; keys other parts of redislings add are kept as they are.
    public private(set) var entries: [(key: String, value: String)]

    /// An empty state: the course starts at its first lesson.
    public init() { entries = [] }

    /// The value of `key`, or nil.
    public subscript(key: String) -> String? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }

    /// The slug of the current lesson.
    public var lesson: String? {
        get { self["lesson"] }
        set { self["lesson"] = newValue }
    }

    public static func == (a: LearnerState, b: LearnerState) -> Bool {
        a.entries.map(\.key) == b.entries.map(\.key) && a.entries.map(\.value) == b.entries.map(\.value)
    }

    static let header = "# redislings: where you are in the course. Safe to edit; delete it to start over."

    /// The file's text.
    public func serialized() -> String {
        ([Self.header] + entries.map { "\($0.key): \($0.value)" }).joined(separator: "\n") + "\n"
    }

    /// Parses the file's text; `path` names the file in errors.
    public static func parse(_ text: String, path: String) throws(StateFileError) -> LearnerState {
        var state = LearnerState()
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw).trimmingSpaces
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw corrupt(path, offset + 1, "expected `key: value`, found `\(line.prefix(40))`")
            }
            let key = String(line[..<colon]).trimmingSpaces
            let value = String(line[line.index(after: colon)...]).trimmingSpaces
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw corrupt(path, offset + 1, "`\(key.prefix(40))` is not a valid key")
            }
            guard state[String(key)] == nil else {
                throw corrupt(path, offset + 1, "`\(key)` appears twice")
            }
            state[String(key)] = String(value)
        }
        return state
    }

    private static func corrupt(_ path: String, _ line: Int, _ problem: String) -> StateFileError {
        StateFileError(path: path, line: line, problem: "the state file is damaged: " + problem,
                       remedy: "Fix that line, or delete the file to start the course from the first lesson")
    }
}
