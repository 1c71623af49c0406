import Foundation
import RESP
import RedislingsTestSupport
import Testing

/// COMMAND DOCS and LOLWUT's random drawings, served by the simulator and by redis-server
/// 7.0.15, compared in RESP2 and RESP3. COMMAND DOCS must match in everything but our own
/// sentences (summary, a complexity explained in prose, what a history entry changed) and
/// the order of Redis's hash tables; a random drawing must match in its dimensions and text.
@Suite(.enabled(if: RedisServerProcess.isInstalled, "redis-server is not installed: introspection differential test skipped"))
struct IntrospectionDifferentialTests {
    static let docsRequests: [[String]] = [
        ["get"],
        ["set", "client|kill", "georadius", "GEORADIUS_RO"],
        ["xadd", "zadd", "restore", "bitfield", "sort", "lolwut", "xreadgroup", "geosearch"],
        ["config", "xinfo", "object", "client", "command", "acl", "xgroup"],
        ["nosuch", "get|x", "client|list|x", "GET", "get", "Config|Get"],
        ["eval", "fcall", "function|load", "subscribe", "hello", "auth", "latency", "memory|usage"],
    ]

    /// Subcommands of commands the simulator has that it does not implement yet: their
    /// parent's docs and info are compared without them (the Lua debugger is not simulated).
    static let missingSubcommands: Set<String> = ["script|debug"]

    /// The replies to `commands` on one new connection in `protocolVersion`.
    static func replies(port: Int, protocolVersion: Int, _ commands: [[String]]) throws -> [RESPValue] {
        let client = try RawClient(port: port)
        if protocolVersion == 3 {
            client.send(encode(["HELLO", "3"]))
            _ = try client.read()
        }
        return try commands.map { command in
            client.send(encode(command))
            guard let reply = try client.read() else { throw TestServerError("connection closed after \(command)") }
            return reply
        }
    }

    static func encode(_ words: [String]) -> [UInt8] {
        var bytes = Array("*\(words.count)\r\n".utf8)
        for word in words { bytes += Array("$\(word.utf8.count)\r\n\(word)\r\n".utf8) }
        return bytes
    }

    @Test(arguments: [2, 3])
    func commandDocsHaveRedisShape(protocolVersion: Int) async throws {
        let redis = try RedisServerProcess()
        defer { redis.stop() }
        let served = try await ServedSimulator()
        let requests = Self.docsRequests.map { ["COMMAND", "DOCS"] + $0 }
        let theirs = try Self.replies(port: redis.port, protocolVersion: protocolVersion, requests)
        let ours = try Self.replies(port: served.port, protocolVersion: protocolVersion, requests)
        for (index, request) in requests.enumerated() {
            let expected = DocsMask.topLevel(theirs[index]), actual = DocsMask.topLevel(ours[index])
            #expect(actual == expected, "RESP\(protocolVersion) \(request.joined(separator: " "))")
        }
        await served.stop()
    }

    @Test(arguments: [2, 3])
    func everyDocumentedCommandMatchesRedis(protocolVersion: Int) async throws {
        let redis = try RedisServerProcess()
        defer { redis.stop() }
        let served = try await ServedSimulator()
        let theirs = DocsMask.entries(try Self.replies(port: redis.port, protocolVersion: protocolVersion, [["COMMAND", "DOCS"]])[0])
        let ours = DocsMask.entries(try Self.replies(port: served.port, protocolVersion: protocolVersion, [["COMMAND", "DOCS"]])[0])
        let commandCount = try Self.replies(port: served.port, protocolVersion: protocolVersion, [["COMMAND", "COUNT"]])[0]
        #expect(commandCount == .integer(Int64(ours.count)))
        #expect(ours.count > 200)
        var mismatches: [String] = []
        var missing: Set<String> = []
        for (name, docs) in ours.sorted(by: { $0.key < $1.key }) {
            guard let reference = theirs[name] else {
                mismatches.append("\(name): redis-server has no such command")
                continue
            }
            let kept = DocsMask.keepingSubcommands(of: reference, like: docs, missing: &missing)
            if docs != kept { mismatches.append("\(name):\n  ours  \(docs)\n  redis \(kept)") }
        }
        #expect(missing.isSubset(of: Self.missingSubcommands), "subcommands the simulator lacks: \(missing.sorted())")
        #expect(mismatches.isEmpty, Comment(rawValue: "RESP\(protocolVersion)\n" + mismatches.joined(separator: "\n")))
        await served.stop()
    }

    @Test(arguments: [2, 3])
    func commandInfoMatchesRedisForEveryCommand(protocolVersion: Int) async throws {
        let redis = try RedisServerProcess()
        defer { redis.stop() }
        let served = try await ServedSimulator()
        let ours = try Self.replies(port: served.port, protocolVersion: protocolVersion, [["COMMAND"]])[0].arrayValue ?? []
        #expect(ours.count > 200)
        let names = ours.compactMap { $0.arrayValue?.first?.stringValue }
        let theirs = try Self.replies(port: redis.port, protocolVersion: protocolVersion, [["COMMAND", "INFO"] + names])[0].arrayValue ?? []
        #expect(theirs.count == ours.count)
        var mismatches: [String] = []
        var missing: Set<String> = []
        for (index, name) in names.enumerated() where index < theirs.count {
            let actual = InfoMask.entry(ours[index])
            let expected = InfoMask.keepingSubcommands(of: InfoMask.entry(theirs[index]), like: actual, missing: &missing)
            if actual != expected { mismatches.append("\(name):\n  ours  \(actual)\n  redis \(expected)") }
        }
        #expect(mismatches.isEmpty, Comment(rawValue: "RESP\(protocolVersion)\n" + mismatches.joined(separator: "\n")))
        #expect(missing.isSubset(of: Self.missingSubcommands), "subcommands the simulator lacks: \(missing.sorted())")
        await served.stop()
    }

    /// COMMAND GETKEYS and GETKEYSANDFLAGS on a command line built for every command and
    /// subcommand the simulator has, from the required arguments Redis's COMMAND DOCS lists.
    @Test(arguments: [2, 3])
    func getKeysMatchesRedisForEveryCommand(protocolVersion: Int) async throws {
        let redis = try RedisServerProcess()
        defer { redis.stop() }
        let served = try await ServedSimulator()
        var docs: [String: RESPValue] = [:]
        func collect(_ listing: RESPValue) {
            let items = DocsMask.flat(listing)
            for index in stride(from: 0, to: items.count - 1, by: 2) {
                let fields = Self.fields(items[index + 1])
                docs[items[index].stringValue ?? ""] = fields["arguments"] ?? .array([])
                if let subcommands = fields["subcommands"] { collect(subcommands) }
            }
        }
        collect(try Self.replies(port: redis.port, protocolVersion: 2, [["COMMAND", "DOCS"]])[0])
        let names = try Self.replies(port: served.port, protocolVersion: 2, [["COMMAND", "LIST"]])[0].arrayValue?.compactMap(\.stringValue) ?? []
        #expect(names.count > 300)
        var requests: [[String]] = []
        for name in names.sorted() {
            guard let arguments = docs[name] else { continue }
            let line = name.uppercased().split(separator: "|").map(String.init) + Self.requiredArguments(DocsMask.flat(arguments))
            requests += [["COMMAND", "GETKEYSANDFLAGS"] + line, ["COMMAND", "GETKEYS"] + line]
        }
        #expect(requests.count == 2 * names.count)
        let theirs = try Self.replies(port: redis.port, protocolVersion: protocolVersion, requests)
        let ours = try Self.replies(port: served.port, protocolVersion: protocolVersion, requests)
        var mismatches: [String] = []
        for (index, request) in requests.enumerated() where ours[index] != theirs[index] {
            mismatches.append("\(request.joined(separator: " ")):\n  ours  \(ours[index])\n  redis \(theirs[index])")
        }
        #expect(mismatches.isEmpty, Comment(rawValue: "RESP\(protocolVersion)\n" + mismatches.joined(separator: "\n")))
        await served.stop()
    }

    static func fields(_ map: RESPValue) -> [String: RESPValue] {
        let items = DocsMask.flat(map)
        var result: [String: RESPValue] = [:]
        for index in stride(from: 0, to: items.count - 1, by: 2) { result[items[index].stringValue ?? ""] = items[index + 1] }
        return result
    }

    /// The words of the required arguments: a token, then a value of the argument's type (a
    /// `oneof` takes its first choice, a `block` its own required arguments).
    static func requiredArguments(_ arguments: [RESPValue]) -> [String] {
        var words: [String] = []
        for argument in arguments {
            let fields = fields(argument)
            if DocsMask.flat(fields["flags"] ?? .array([])).contains(where: { $0.stringValue == "optional" }) { continue }
            words += argumentWords(fields)
        }
        return words
    }

    static func argumentWords(_ fields: [String: RESPValue]) -> [String] {
        var words: [String] = fields["token"]?.stringValue.map { [$0] } ?? []
        switch fields["type"]?.stringValue {
        case "key": words.append("k\(words.count)")
        case "string", "pattern": words.append("v")
        case "integer", "unix-time": words.append("1")
        case "double": words.append("1.5")
        case "oneof": words += DocsMask.flat(fields["arguments"] ?? .array([])).first.map { argumentWords(Self.fields($0)) } ?? []
        case "block": words += requiredArguments(DocsMask.flat(fields["arguments"] ?? .array([])))
        default: break
        }
        return words
    }

    @Test func randomDrawingsHaveRedisDimensions() async throws {
        let redis = try RedisServerProcess()
        defer { redis.stop() }
        let served = try await ServedSimulator()
        let requests = [["LOLWUT", "VERSION", "5"], ["LOLWUT", "VERSION", "5", "30", "4", "7"], ["LOLWUT", "VERSION", "6"],
                        ["LOLWUT", "VERSION", "6", "13", "5"], ["LOLWUT", "VERSION", "6", "1", "1"]]
        for protocolVersion in [2, 3] {
            let theirs = try Self.replies(port: redis.port, protocolVersion: protocolVersion, requests)
            let ours = try Self.replies(port: served.port, protocolVersion: protocolVersion, requests)
            for (index, request) in requests.enumerated() {
                #expect(Self.dimensions(ours[index]) == Self.dimensions(theirs[index]), "RESP\(protocolVersion) \(request)")
            }
        }
        await served.stop()
    }

    /// The reply's kind, then per line: the drawing's cells (Braille characters, or colored
    /// spaces), and the caption's lines as they are.
    static func dimensions(_ reply: RESPValue) -> [String] {
        let kind: String, bytes: [UInt8]
        switch reply {
        case .bulkString(let text): (kind, bytes) = ("bulk", text)
        case .verbatimString(let format, let text): (kind, bytes) = ("verbatim " + format, text)
        default: return ["\(reply)"]
        }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        return [kind] + lines.map { line in
            if line.contains("Redis ver.") || line.hasPrefix("Dedicated") || line.isEmpty { return String(line) }
            let cells = line.contains("\u{1B}") ? line.components(separatedBy: "\u{1B}[0m").count - 1 : line.unicodeScalars.count
            return "\(cells) cells"
        }
    }
}

/// COMMAND DOCS replies with our own sentences masked and Redis's hash-table orders sorted.
enum DocsMask {
    /// The reply's name → masked docs pairs, sorted by name (as a flat list of the same kind).
    static func topLevel(_ reply: RESPValue) -> RESPValue {
        switch reply {
        case .map(let items): return .map(sortedPairs(items))
        case .array(let items): return .array(sortedPairs(items))
        default: return reply
        }
    }

    /// The entries of a whole listing, by name.
    static func entries(_ reply: RESPValue) -> [String: RESPValue] {
        var result: [String: RESPValue] = [:]
        let items = flat(reply)
        for index in stride(from: 0, to: items.count - 1, by: 2) {
            result[items[index].stringValue ?? "?"] = docs(items[index + 1])
        }
        return result
    }

    static func flat(_ value: RESPValue) -> [RESPValue] {
        switch value {
        case .map(let items), .array(let items), .set(let items): return items
        default: return []
        }
    }

    private static func sortedPairs(_ items: [RESPValue]) -> [RESPValue] {
        let pairs = stride(from: 0, to: items.count - 1, by: 2).map { (items[$0], docs(items[$0 + 1])) }
        return pairs.sorted { ($0.0.stringValue ?? "") < ($1.0.stringValue ?? "") }.flatMap { [$0.0, $0.1] }
    }

    /// One command's docs with our sentences replaced by a marker of the same kind.
    static func docs(_ value: RESPValue) -> RESPValue {
        var items = flat(value)
        for index in stride(from: 0, to: items.count - 1, by: 2) {
            switch items[index].stringValue {
            case "summary":
                items[index + 1] = masked(items[index + 1])
            case "complexity":
                let text = items[index + 1].stringValue ?? ""
                let bareFormula = text.hasPrefix("O(") && text.hasSuffix(")") && !text.contains(" ")
                if !bareFormula { items[index + 1] = masked(items[index + 1]) }
            case "history":
                let entries = flat(items[index + 1]).map { entry -> RESPValue in
                    let parts = flat(entry)
                    return parts.count == 2 ? .array([parts[0], masked(parts[1])]) : entry
                }
                items[index + 1] = rebuilt(items[index + 1], entries)
            case "subcommands":
                items[index + 1] = rebuilt(items[index + 1], sortedPairs(flat(items[index + 1])))
            default:
                break
            }
        }
        return rebuilt(value, items)
    }

    /// `reference` (masked docs) without the subcommands `ours` lacks, which are added to `missing`.
    static func keepingSubcommands(of reference: RESPValue, like ours: RESPValue, missing: inout Set<String>) -> RESPValue {
        var items = flat(reference)
        let mine = flat(ours)
        guard let at = stride(from: 0, to: items.count - 1, by: 2).first(where: { items[$0].stringValue == "subcommands" }),
              let mineAt = stride(from: 0, to: mine.count - 1, by: 2).first(where: { mine[$0].stringValue == "subcommands" })
        else { return reference }
        let ourNames = Set(stride(from: 0, to: flat(mine[mineAt + 1]).count, by: 2).compactMap { flat(mine[mineAt + 1])[$0].stringValue })
        let theirs = flat(items[at + 1])
        var kept: [RESPValue] = []
        for index in stride(from: 0, to: theirs.count - 1, by: 2) {
            let name = theirs[index].stringValue ?? ""
            if ourNames.contains(name) { kept += [theirs[index], theirs[index + 1]] } else { missing.insert(name) }
        }
        items[at + 1] = rebuilt(items[at + 1], kept)
        return rebuilt(reference, items)
    }

    private static func masked(_ value: RESPValue) -> RESPValue {
        if case .bulkString = value { return .bulk("(our own words)") }
        return value
    }

    private static func rebuilt(_ original: RESPValue, _ items: [RESPValue]) -> RESPValue {
        switch original {
        case .map: return .map(items)
        case .set: return .set(items)
        case .array: return .array(items)
        default: return original
        }
    }
}

/// COMMAND INFO entries with key-spec notes (ours are our own words) masked and subcommands
/// in name order (Redis lists them in its hash table's order).
enum InfoMask {
    static func entry(_ value: RESPValue) -> RESPValue {
        guard var items = value.arrayValue, items.count == 10 else { return value }
        if case .set(let specs) = items[8] { items[8] = .set(specs.map(maskedNotes)) }
        if case .array(let specs) = items[8] { items[8] = .array(specs.map(maskedNotes)) }
        if case .array(let subcommands) = items[9] {
            items[9] = .array(subcommands.map(entry).sorted { "\($0)" < "\($1)" })
        }
        return .array(items)
    }

    /// `reference` (a masked entry) without the subcommands `ours` lacks, added to `missing`.
    static func keepingSubcommands(of reference: RESPValue, like ours: RESPValue, missing: inout Set<String>) -> RESPValue {
        guard var items = reference.arrayValue, items.count == 10, case .array(let theirs) = items[9],
              let mine = ours.arrayValue, mine.count == 10, case .array(let subcommands) = mine[9] else { return reference }
        let ourNames = Set(subcommands.compactMap { $0.arrayValue?.first?.stringValue })
        items[9] = .array(theirs.filter { entry in
            let name = entry.arrayValue?.first?.stringValue ?? ""
            if ourNames.contains(name) { return true }
            missing.insert(name)
            return false
        })
        return .array(items)
    }

    private static func maskedNotes(_ spec: RESPValue) -> RESPValue {
        func mask(_ items: [RESPValue]) -> [RESPValue] {
            var items = items
            for index in stride(from: 0, to: items.count - 1, by: 2) where items[index].stringValue == "notes" {
                items[index + 1] = .bulk("(our own words)")
            }
            return items
        }
        switch spec {
        case .map(let items): return .map(mask(items))
        case .array(let items): return .array(mask(items))
        default: return spec
        }
    }
}
