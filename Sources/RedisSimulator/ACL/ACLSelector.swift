/// One set of permissions of an ACL user (Redis's aclSelector): the commands it may run, the
/// keys it may read or write and the channels it may use. A user has a root selector and any
/// number of `(…)` selectors; a command runs when one selector allows all of it.
struct ACLSelector: Equatable {
    /// A key pattern with the access it grants (`~p` both, `%R~p` read, `%W~p` write).
    struct KeyPattern: Equatable {
        var pattern: ByteString
        var read: Bool
        var write: Bool

        /// The pattern as ACL LIST writes it.
        var described: String {
            let prefix = read && write ? "~" : read ? "%R~" : "%W~"
            return prefix + pattern.string
        }
    }

    /// Full names (`get`, `config|get`) of the commands allowed.
    var allowedCommands: Set<String> = []
    /// Set by `+@all`/`allcommands`: the selector also allows commands added later.
    var allowsFutureCommands = false
    /// First arguments allowed for an otherwise blocked command without subcommands (`+select|0`).
    var allowedFirstArguments: [String: [String]] = [:]
    var allKeys = false
    var keyPatterns: [KeyPattern] = []
    var allChannels = false
    var channelPatterns: [ByteString] = []

    /// Why a rule was refused, as Redis words it after "Error in ACL SETUSER modifier '…': ".
    enum RuleError: Error, Equatable {
        case unknownCommand, syntax, patternAfterAllKeys, patternAfterAllChannels
        case missingPassword, badHash, firstArgumentOfSubcommand

        var text: String {
            switch self {
            case .unknownCommand: return "Unknown command or category name in ACL"
            case .syntax: return "Syntax error"
            case .patternAfterAllKeys:
                return "Adding a pattern after the * pattern (or the 'allkeys' flag) is not valid and does not have any effect. Try 'resetkeys' to start with an empty list of patterns"
            case .patternAfterAllChannels:
                return "Adding a pattern after the * pattern (or the 'allchannels' flag) is not valid and does not have any effect. Try 'resetchannels' to start with an empty list of channels"
            case .missingPassword: return "The password you are trying to remove from the user does not exist"
            case .badHash: return "The password hash must be exactly 64 characters and contain only lowercase hexadecimal characters"
            case .firstArgumentOfSubcommand: return "Allowing first-arg of a subcommand is not supported"
            }
        }
    }

    /// Applies one selector rule (Redis's ACLSetSelector).
    mutating func apply(_ rule: ByteString, table: CommandTable) throws(RuleError) {
        let text = rule.string
        let lower = text.lowercased()
        let bytes = rule.bytes
        switch lower {
        case "allkeys", "~*":
            allKeys = true
            keyPatterns = []
            return
        case "resetkeys":
            allKeys = false
            keyPatterns = []
            return
        case "allchannels", "&*":
            allChannels = true
            channelPatterns = []
            return
        case "resetchannels":
            allChannels = false
            channelPatterns = []
            return
        case "allcommands", "+@all":
            allowedCommands = table.allCommandNames
            allowsFutureCommands = true
            allowedFirstArguments = [:]
            return
        case "nocommands", "-@all":
            allowedCommands = []
            allowsFutureCommands = false
            allowedFirstArguments = [:]
            return
        default:
            break
        }
        guard let first = bytes.first else { return }
        let second: UInt8? = bytes.count > 1 ? bytes[1] : nil
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "%"):
            try addKeyPattern(bytes)
        case UInt8(ascii: "&"):
            guard !allChannels else { throw .patternAfterAllChannels }
            let pattern = ByteString(Array(bytes.dropFirst()))
            guard !Self.hasSpaces(pattern.bytes) else { throw .syntax }
            if !channelPatterns.contains(pattern) { channelPatterns.append(pattern) }
            allChannels = false
        case UInt8(ascii: "+") where second != UInt8(ascii: "@"):
            try allow(String(text.dropFirst()), table: table)
        case UInt8(ascii: "-") where second != UInt8(ascii: "@"):
            guard let spec = table.aclLookup(String(text.dropFirst())) else { throw .unknownCommand }
            change(spec, allow: false)
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard let category = ACLCategory.named(String(text.dropFirst(2))) else { throw .unknownCommand }
            for spec in table.allSpecs where spec.aclCategories.contains(category) {
                change(spec, allow: first == UInt8(ascii: "+"))
            }
        default:
            throw .syntax
        }
    }

    private mutating func addKeyPattern(_ bytes: [UInt8]) throws(RuleError) {
        guard !allKeys else { throw .patternAfterAllKeys }
        var read = true, write = true
        var offset = 1
        if bytes[0] == UInt8(ascii: "%") {
            read = false
            write = false
            while offset < bytes.count {
                let c = bytes[offset]
                if (c == UInt8(ascii: "R") || c == UInt8(ascii: "r")), !read {
                    read = true
                } else if (c == UInt8(ascii: "W") || c == UInt8(ascii: "w")), !write {
                    write = true
                } else if c == UInt8(ascii: "~") {
                    offset += 1
                    break
                } else {
                    throw .syntax
                }
                offset += 1
            }
        }
        let pattern = ByteString(Array(bytes[offset...]))
        guard !Self.hasSpaces(pattern.bytes) else { throw .syntax }
        if let index = keyPatterns.firstIndex(where: { $0.pattern == pattern }) {
            keyPatterns[index].read = keyPatterns[index].read || read
            keyPatterns[index].write = keyPatterns[index].write || write
        } else {
            keyPatterns.append(KeyPattern(pattern: pattern, read: read, write: write))
        }
        allKeys = false
    }

    /// `+name`, `+name|sub` and the deprecated `+name|first-arg`.
    private mutating func allow(_ name: String, table: CommandTable) throws(RuleError) {
        guard let bar = name.lastIndex(of: "|") else {
            guard let spec = table.aclLookup(name) else { throw .unknownCommand }
            change(spec, allow: true)
            return
        }
        let parentName = String(name[..<bar]), argument = String(name[name.index(after: bar)...])
        guard let parent = table.aclLookup(parentName) else { throw .unknownCommand }
        guard !parent.name.contains("|") else { throw .firstArgumentOfSubcommand }
        guard !argument.isEmpty else { throw .syntax }
        if !parent.subcommands.isEmpty {
            guard let sub = table.aclLookup(name) else { throw .unknownCommand }
            change(sub, allow: true)
        } else if !(allowedFirstArguments[parent.name] ?? []).contains(where: { $0.lowercased() == argument.lowercased() }) {
            allowedFirstArguments[parent.name, default: []].append(argument)
        }
    }

    /// Allows or blocks a command and, for a container, all its subcommands (ACLChangeSelectorPerm).
    mutating func change(_ spec: CommandSpec, allow: Bool) {
        if allow { allowedCommands.insert(spec.name) } else { allowedCommands.remove(spec.name) }
        allowedFirstArguments[spec.name] = nil
        for sub in spec.subcommands {
            if allow { allowedCommands.insert(sub.name) } else { allowedCommands.remove(sub.name) }
        }
    }

    /// Redis refuses usernames and patterns with whitespace or NUL bytes.
    static func hasSpaces(_ bytes: [UInt8]) -> Bool {
        bytes.contains { $0 == 0 || $0 == 32 || (9...13).contains($0) }
    }
}
