import Foundation

/// GitHub Classroom's download layout: one git repository per student, named
/// `<assignment>-<login>`.
public enum ClassroomLayout {
    /// The assignment prefix when every student folder of `inventory` is a git repository and
    /// all their names start with the same `<prefix>-` — a download graded without
    /// `--classroom` — or nil.
    public static func guessedAssignment(_ inventory: SubmissionInventory) -> String? {
        guard inventory.students.count >= 2,
              inventory.students.allSatisfy({ inventory.folders[$0].map(GitCommitTimes.isRepository) == true })
        else { return nil }
        var prefix = inventory.students[0]
        for name in inventory.students.dropFirst() {
            while !name.hasPrefix(prefix) { prefix.removeLast() }
        }
        // The assignment ends at the last dash both names share: logins may hold dashes too.
        guard let dash = prefix.lastIndex(of: "-"), dash > prefix.startIndex else { return nil }
        let assignment = String(prefix[..<dash])
        // Every folder must go on after the dash, with a login.
        guard inventory.students.allSatisfy({ $0.count > assignment.count + 1 }) else { return nil }
        return assignment
    }
}
