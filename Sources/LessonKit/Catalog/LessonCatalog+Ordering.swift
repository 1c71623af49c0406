extension LessonCatalog {
    /// Orders lessons by number while keeping every prerequisite before the lessons that need it;
    /// the lessons of a prerequisite cycle are reported and placed by number after the others.
    static func order(_ lessons: [Lesson]) -> (lessons: [Lesson], problems: [LessonProblem]) {
        let catalog = LessonCatalog(unordered: lessons)
        let byNumber = lessons.indices.sorted { lessons[$0].number != lessons[$1].number ? lessons[$0].number < lessons[$1].number : lessons[$0].file < lessons[$1].file }
        var rank = Array(repeating: 0, count: lessons.count)
        for (position, index) in byNumber.enumerated() { rank[index] = position }
        let index = Dictionary(uniqueKeysWithValues: lessons.enumerated().map { ($1.slug, $0) })

        // needs[i]: the lessons i depends on; unlocks[j]: the lessons that depend on j.
        var needs = Array(repeating: Set<Int>(), count: lessons.count)
        var unlocks = Array(repeating: [Int](), count: lessons.count)
        for (i, lesson) in lessons.enumerated() {
            for (_, target) in catalog.prerequisites(of: lesson) {
                guard let target, let j = index[target.slug], !needs[i].contains(j) else { continue }
                needs[i].insert(j)
                unlocks[j].append(i)
            }
        }
        var waiting = needs.map(\.count)
        var ready = byNumber.filter { waiting[$0] == 0 }
        var ordered: [Int] = []
        while !ready.isEmpty {
            let next = ready.removeFirst()
            ordered.append(next)
            for dependent in unlocks[next] {
                waiting[dependent] -= 1
                if waiting[dependent] == 0 {
                    let position = ready.firstIndex { rank[$0] > rank[dependent] } ?? ready.endIndex
                    ready.insert(dependent, at: position)
                }
            }
        }
        guard ordered.count < lessons.count else { return (ordered.map { lessons[$0] }, []) }

        let placed = Set(ordered)
        let stuck = byNumber.filter { !placed.contains($0) }
        var problems: [LessonProblem] = []
        var reported = Set<Int>()
        for start in stuck where !reported.contains(start) {
            guard let cycle = findCycle(from: start, needs: needs, within: Set(stuck)) else { continue }
            reported.formUnion(cycle)
            let first = cycle.min { rank[$0] < rank[$1] }!
            let rotated = Array(cycle.drop(while: { $0 != first }) + cycle.prefix(while: { $0 != first }))
            let names = (rotated + [first]).map { "\(lessons[$0].paddedNumber) \(lessons[$0].slug)" }
            let lesson = lessons[first]
            problems.append(LessonProblem(
                .prerequisiteCycle, file: lesson.file, line: lesson.metadata.fieldLines["prerequisites"] ?? 1,
                message: "the prerequisites form a cycle: \(names.joined(separator: " → "))",
                fix: "remove one of these prerequisites so the lessons can be read in order"))
        }
        return ((ordered + stuck).map { lessons[$0] }, problems)
    }

    /// A cycle reachable from `start` through prerequisites (each lesson needs the next), if any.
    private static func findCycle(from start: Int, needs: [Set<Int>], within allowed: Set<Int>) -> [Int]? {
        var path: [Int] = []
        var onPath = Set<Int>()
        var done = Set<Int>()
        func visit(_ node: Int) -> [Int]? {
            path.append(node)
            onPath.insert(node)
            for next in needs[node].sorted() where allowed.contains(next) {
                if onPath.contains(next) { return Array(path.drop(while: { $0 != next })) }
                if !done.contains(next), let cycle = visit(next) { return cycle }
            }
            path.removeLast()
            onPath.remove(node)
            done.insert(node)
            return nil
        }
        return visit(start)
    }

    /// A catalog over `lessons` as given, for resolving names before ordering.
    private init(unordered lessons: [Lesson]) {
        self.directory = ""
        self.lessons = lessons
        self.problems = []
        self.index = LessonIndex(lessons)
    }
}
