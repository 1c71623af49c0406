/// The YAML front matter of a lesson.
public struct LessonMetadata: Sendable, Equatable, Codable {
    /// The lesson's place in the course (`14`).
    public var number: Int
    /// The title shown in lists and as the heading.
    public var title: String
    /// The stable name other lessons use in `prerequisites`.
    public var slug: String
    /// `beginner`, `intermediate`, `advanced` — free text, shown as is.
    public var level: String
    /// Free-form topics.
    public var tags: [String]
    /// Lessons to read first, by slug (numbers and canonical ids are accepted too).
    public var prerequisites: [String]
    /// About how long the lesson takes, in minutes (0 when not given).
    public var estimatedMinutes: Int
    /// Who wrote the lesson.
    public var contributors: [String]
    /// Diagram references, kept as written.
    public var diagrams: [String]
    /// Example references, kept as written.
    public var examples: [String]
    /// An id that stays the same across courses (`backend-intermediate-14`), or empty.
    public var canonicalID: String
    /// The file line of each front matter key, for problems that point at a field.
    public var fieldLines: [String: Int]

    /// Creates front matter; only number, title and slug are required.
    public init(
        number: Int, title: String, slug: String, level: String = "", tags: [String] = [],
        prerequisites: [String] = [], estimatedMinutes: Int = 0, contributors: [String] = [],
        diagrams: [String] = [], examples: [String] = [], canonicalID: String = "",
        fieldLines: [String: Int] = [:]
    ) {
        self.number = number
        self.title = title
        self.slug = slug
        self.level = level
        self.tags = tags
        self.prerequisites = prerequisites
        self.estimatedMinutes = estimatedMinutes
        self.contributors = contributors
        self.diagrams = diagrams
        self.examples = examples
        self.canonicalID = canonicalID
        self.fieldLines = fieldLines
    }

    enum CodingKeys: String, CodingKey {
        case number, title, slug, level, tags, prerequisites, contributors, diagrams, examples
        case estimatedMinutes = "estimated_minutes"
        case canonicalID = "canonical_id"
        case fieldLines = "field_lines"
    }
}
