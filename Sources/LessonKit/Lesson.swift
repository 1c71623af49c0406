/// A lesson: its front matter and its markdown body.
public struct Lesson: Sendable, Equatable {
    public var number: Int
    public var title: String
    public var slug: String

    public init(number: Int, title: String, slug: String) {
        self.number = number
        self.title = title
        self.slug = slug
    }
}
