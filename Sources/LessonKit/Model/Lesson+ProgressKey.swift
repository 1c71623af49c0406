import Foundation

extension Lesson {
    /// The lesson's identity, the key progress is recorded under: the canonical id, which survives renumbering and
    /// renaming, else the slug.
    public var progressKey: String {
        let canonical = metadata.canonicalID.trimmingCharacters(in: .whitespaces)
        return canonical.isEmpty ? slug : canonical
    }
}
