/// Redis's ACL command categories, in Redis's order (the order of `ACL CAT` and of the
/// categories COMMAND INFO lists).
public enum ACLCategory: String, CaseIterable, Sendable {
    case keyspace, read, write, set, sortedset, list, hash, string, bitmap, hyperloglog, geo, stream
    case pubsub, admin, fast, slow, blocking, dangerous, connection, transaction, scripting

    /// The category named `name` in any case, without its `@`.
    static func named(_ name: String) -> ACLCategory? {
        ACLCategory(rawValue: name.lowercased())
    }

    /// A command's categories: those its declaration names (`@string`, …) plus those Redis
    /// derives from its flags (setImplicitACLCategories), so a declaration needs only the former.
    static func categories(declared: [String], flags: [String]) -> [ACLCategory] {
        var found = Set(declared.compactMap { named(String($0.drop { $0 == "@" })) })
        if flags.contains("write") { found.insert(.write) }
        if flags.contains("readonly"), !found.contains(.scripting) { found.insert(.read) }
        if flags.contains("admin") { found.formUnion([.admin, .dangerous]) }
        if flags.contains("pubsub") { found.insert(.pubsub) }
        if flags.contains("fast") { found.insert(.fast) }
        if flags.contains("blocking") { found.insert(.blocking) }
        if !found.contains(.fast) { found.insert(.slow) }
        return allCases.filter(found.contains)
    }
}
