import Testing
import RESP
@testable import RedisSimulator

/// COMMAND DOCS: every command the simulator has is documented, facts from Redis's generated
/// table and sentences from our own prose tables, in Redis's reply shape.
@Suite struct CommandDocsTests {
    let simulator = manualSimulator()

    @Test func everyCommandInTheTableHasDocsAndOurSummary() {
        var problems: [String] = []
        for spec in CommandTable.standard.allSpecs {
            guard let docs = RedisCommandDocs.byName[spec.name] else {
                problems.append("\(spec.name): no row in RedisCommandDocs+Table.swift")
                continue
            }
            if (CommandDocsProse.summary(spec.name) ?? "").isEmpty { problems.append("\(spec.name): no summary") }
            if docs.complexity == "*", (CommandDocsProse.complexity(spec.name) ?? "").isEmpty {
                problems.append("\(spec.name): Redis explains its complexity in prose, ours is missing")
            }
            let versions = CommandDocsProse.histories[spec.name]?.map(\.version) ?? []
            if versions != docs.historyVersions {
                problems.append("\(spec.name): history versions \(versions), Redis has \(docs.historyVersions)")
            }
        }
        #expect(CommandTable.standard.allSpecs.count > 300)
        #expect(problems.isEmpty, Comment(rawValue: problems.joined(separator: "\n")))
    }

    @Test func everyGeneratedRowParses() {
        let rows = RedisCommandDocs.table.split(separator: "\n")
        let unreadable = rows.filter { RedisCommandDocs(parsing: $0) == nil }
        #expect(unreadable.isEmpty, Comment(rawValue: unreadable.joined(separator: "\n")))
        #expect(RedisCommandDocs.byName.count == rows.count)
        let set = RedisCommandDocs.byName["set"]
        #expect(set?.arguments.map(\.name) == ["key", "value", "condition", "get", "expiration"])
        #expect(set?.arguments[2].children.map(\.token) == ["NX", "XX"])
        #expect(RedisCommandDocs.byName["georadius"]?.replacedBy == "`GEOSEARCH` and `GEOSEARCHSTORE` with the `BYRADIUS` argument")
    }

    @Test func proseNamesOnlyRealCommandsInOneShortSentence() {
        var problems: [String] = []
        for (name, summary) in CommandDocsProse.summaries {
            if RedisCommandDocs.byName[name] == nil { problems.append("summary for unknown command \(name)") }
            if !summary.hasSuffix(".") || summary.count > 120 { problems.append("\(name): summary is not one short sentence") }
        }
        for name in CommandDocsProse.complexities.keys where RedisCommandDocs.byName[name]?.complexity != "*" {
            problems.append("complexity prose for \(name), whose Redis complexity is a bare formula or absent")
        }
        for name in CommandDocsProse.histories.keys where RedisCommandDocs.byName[name] == nil {
            problems.append("history for unknown command \(name)")
        }
        #expect(problems.isEmpty, Comment(rawValue: problems.joined(separator: "\n")))
    }

    @Test func docsOfAPlainCommandInBothProtocols() {
        let two = RecordingClient(simulator), three = RecordingClient(simulator)
        three.run("HELLO", "3")
        let expected: [RESPValue] = [
            .bulk("get"), .map([
                .bulk("summary"), .bulk(CommandDocsProse.summary("get")!), .bulk("since"), .bulk("1.0.0"),
                .bulk("group"), .bulk("string"), .bulk("complexity"), .bulk("O(1)"),
                .bulk("arguments"), .array([.map([.bulk("name"), .bulk("key"), .bulk("type"), .bulk("key"),
                                                  .bulk("key_spec_index"), .integer(0)])]),
            ]),
        ]
        #expect(three.reply("COMMAND", "DOCS", "GeT") == .map(expected))
        #expect(two.reply("COMMAND", "DOCS", "get") == RESPValue.map(expected).adapted(toProtocol: 2))
    }

    @Test func unknownNamesAreLeftOutAndSubcommandsFoundByFullName() {
        let client = RecordingClient(simulator)
        client.run("HELLO", "3")
        #expect(client.reply("COMMAND", "DOCS", "nosuch", "get|x", "client|list|x", "") == .map([]))
        guard case .map(let fields)? = client.reply("COMMAND", "DOCS", "CLIENT|LIST", "nosuch", "client|list") else {
            Issue.record("COMMAND DOCS must answer a map")
            return
        }
        #expect(fields.count == 4)
        #expect(fields[0] == .bulk("client|list") && fields[2] == .bulk("client|list"))
    }

    @Test func historyDeprecationAndSubcommandsAppearInRedisOrder() {
        let client = RecordingClient(simulator)
        client.run("HELLO", "3")
        guard case .map(let pairs)? = client.reply("COMMAND", "DOCS", "georadius", "config"),
              case .map(let georadius) = pairs[1], case .map(let config) = pairs[3] else {
            Issue.record("COMMAND DOCS must answer maps")
            return
        }
        let keys = stride(from: 0, to: georadius.count, by: 2).map { georadius[$0].stringValue ?? "" }
        #expect(keys == ["summary", "since", "group", "complexity", "doc_flags", "deprecated_since", "replaced_by", "history", "arguments"])
        #expect(georadius[9] == .set([.simpleString("deprecated")]))
        if case .set(let history) = georadius[15] {
            #expect(history.count == 2)
            #expect(history.first == .array([.bulk("6.2.0"), .bulk(CommandDocsProse.history("georadius")[0])]))
        } else {
            Issue.record("history must be a set")
        }
        let configKeys = stride(from: 0, to: config.count, by: 2).map { config[$0].stringValue ?? "" }
        #expect(configKeys == ["summary", "since", "group", "complexity", "subcommands"])
    }

    @Test func withoutNamesEveryTopLevelCommandIsDocumented() {
        let client = RecordingClient(simulator)
        client.run("HELLO", "3")
        guard case .map(let pairs)? = client.reply("COMMAND", "DOCS") else {
            Issue.record("COMMAND DOCS must answer a map")
            return
        }
        #expect(pairs.count == 2 * CommandTable.standard.commands.count)
    }
}
