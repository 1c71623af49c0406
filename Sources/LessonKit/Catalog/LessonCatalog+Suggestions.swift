extension LessonCatalog {
    /// Slugs close to `query` (a typo, a prefix, or a word of the slug), best first, at most three.
    public func suggestions(for query: String) -> [String] {
        let wanted = query.trimmingWhitespace().lowercased()
        guard !wanted.isEmpty else { return [] }
        var scored: [(score: Int, slug: String)] = []
        for lesson in lessons {
            let names = [lesson.slug.lowercased(), lesson.metadata.canonicalID.lowercased(), lesson.title.lowercased()].filter { !$0.isEmpty }
            var best = Int.max
            for name in names {
                if name.hasPrefix(wanted) || (wanted.count >= 3 && name.contains(wanted)) { best = min(best, 0) }
                let words = wanted.split(whereSeparator: { $0 == "-" || $0 == " " })
                if words.count > 1, words.allSatisfy({ name.contains($0) }) { best = min(best, 1) }
                // A typo in the start of a long slug counts as much as one in a short slug.
                let lengths = Set([name.count] + (max(1, wanted.count - 2)...(wanted.count + 2)).filter { $0 < name.count })
                let distance = lengths.map { editDistance(wanted, String(name.prefix($0))) + ($0 == name.count ? 0 : 1) }.min() ?? Int.max
                if distance <= max(2, wanted.count / 3) { best = min(best, distance) }
            }
            if best != Int.max { scored.append((best, lesson.slug)) }
        }
        return scored.sorted { $0.score != $1.score ? $0.score < $1.score : $0.slug < $1.slug }.prefix(3).map(\.slug)
    }
}
