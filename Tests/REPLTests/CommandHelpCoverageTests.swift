import RedisSimulator
import REPL
import Testing

/// `help @group` and `help CMD` cover what the simulator runs: every command of its table in
/// the groups the course teaches has an entry, in the group its ACL categories put it in, and
/// every subcommand of such a command has one too (`XGROUP HELP`). The table is the source;
/// this test is what stops the help from drifting away from it.
@Suite struct CommandHelpCoverageTests {
    /// The help group an ACL category stands for, for the groups the course teaches.
    static let groupOfCategory: [String: String] = [
        "@pubsub": "pubsub", "@stream": "stream", "@list": "list", "@hash": "hash", "@set": "set",
        "@sortedset": "sorted-set", "@scripting": "scripting", "@transaction": "transactions",
    ]

    @Test func everyCommandOfTheTaughtGroupsHasHelpInItsGroup() {
        var missing: [String] = []
        for spec in CommandTable.standard.commands.values.sorted(by: { $0.name < $1.name }) {
            // A container (XGROUP, PUBSUB) has its categories on its subcommands.
            let categories = spec.categories + spec.subcommands.flatMap(\.categories)
            guard let group = categories.lazy.compactMap({ Self.groupOfCategory[$0] }).first else { continue }
            let names = spec.subcommands.isEmpty
                ? [spec.name.uppercased()]
                : spec.subcommands.map { $0.name.replacingOccurrences(of: "|", with: " ").uppercased() }
            for name in names {
                guard let entry = CommandHelp.all.first(where: { $0.name == name }) else {
                    missing.append("\(name) (\(group))")
                    continue
                }
                if entry.group != group { missing.append("\(name) is in \(entry.group), not \(group)") }
            }
        }
        #expect(missing.isEmpty, "help entries missing or misfiled: \(missing.joined(separator: ", "))")
    }
}
