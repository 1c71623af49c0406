/// A key argument of a command line and how the command uses it (COMMAND GETKEYSANDFLAGS,
/// ACL key checks).
struct KeyReference: Equatable {
    /// The key's index among the arguments (the command name is 0).
    let index: Int
    /// Redis's key-spec flags (`RW`, `access`, `update`, …).
    let flags: [String]

    var reads: Bool { flags.contains("access") }
    var writes: Bool { flags.contains("insert") || flags.contains("delete") || flags.contains("update") }
}

extension CommandSpec {
    /// The flags COMMAND INFO shows: Redis hides `may_replicate` on purpose.
    public var reportedFlags: [String] { flags.filter { $0 != "may_replicate" } }

    /// Redis's metadata for this command, when Redis 7.0.15 has a command of this name.
    public var redisMetadata: RedisCommandMetadata? { RedisCommandMetadata.byName[name] }

    /// True when the command may name keys (Redis's doesCommandHaveKeys).
    var hasKeys: Bool {
        if let metadata = redisMetadata {
            return Self.keysByProcedure.contains(name) || metadata.keySpecs.contains { !$0.flags.contains("not_key") }
        }
        return keys.first > 0 || flags.contains("movablekeys")
    }

    /// The keys of `args` (a full command line for this spec), as Redis's
    /// getKeysFromCommandWithSpecs finds them: by the key specs, or by the command's own rule
    /// where its specs are incomplete or its flags depend on the arguments. Nil when the
    /// arguments do not hold the keys the specs promise.
    func keyReferences(_ args: [ByteString]) -> [KeyReference]? {
        guard let metadata = redisMetadata else {
            return legacyKeyReferences(args)
        }
        let variable = metadata.keySpecs.contains { $0.flags.contains("variable_flags") }
        if !variable, metadata.keySpecs.contains(where: { !$0.flags.contains("not_key") }),
            let found = Self.keysBySpecs(metadata.keySpecs, args)
        {
            return found
        }
        switch name {
        case "set": return [KeyReference(index: 1, flags: Self.setHasGet(args) ? ["RW", "access", "update"] : ["OW", "update"])]
        case "bitfield": return [KeyReference(index: 1, flags: Self.bitfieldIsReadOnly(args) ? ["RO", "access"] : ["RW", "access", "update"])]
        case "sort", "sort_ro": return Self.sortKeys(args, storing: name == "sort")
        case "eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro":
            // The key-count procedure: a count that does not fit gives no keys.
            guard args.count > 2, let count = args[2].int64Value, count >= 0, count <= Int64(args.count - 3) else { return [] }
            let flags = metadata.keySpecs.first?.flags ?? []
            return (0..<Int(count)).map { KeyReference(index: 3 + $0, flags: flags) }
        default: return nil
        }
    }

    /// Commands whose keys Redis can also find by a procedure of their own (getkeys_proc).
    static let keysByProcedure: Set<String> = [
        "zunionstore", "zinterstore", "zdiffstore", "zunion", "zinter", "zdiff", "zintercard", "sintercard",
        "eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro", "sort", "sort_ro", "migrate",
        "georadius", "georadiusbymember", "xread", "xreadgroup", "lmpop", "blmpop", "zmpop", "bzmpop", "set", "bitfield",
    ]

    /// Redis's getKeysUsingKeySpecs: nil when a spec cannot be followed (an unknown or
    /// incomplete spec, a key count that is not a count, keys past the end).
    static func keysBySpecs(_ specs: [KeySpec], _ args: [ByteString]) -> [KeyReference]? {
        var found: [KeyReference] = []
        let argc = args.count
        for spec in specs where !spec.flags.contains("not_key") {
            var first = 0
            switch spec.beginSearch {
            case .index(let index):
                first = index
            case .keyword(let keyword, let startFrom):
                let start = startFrom > 0 ? startFrom : argc + startFrom
                let end = startFrom > 0 ? argc - 1 : 1
                var i = start
                while i != end {
                    if i >= argc || i < 1 { break }
                    if args[i].string.lowercased() == keyword.lowercased() {
                        first = i + 1
                        break
                    }
                    i += start <= end ? 1 : -1
                }
                if first == 0 { continue }
            case .unknown:
                return nil
            }
            var last: Int, step: Int
            switch spec.findKeys {
            case .range(let lastKey, let keyStep, let limit):
                step = keyStep
                if lastKey >= 0 {
                    last = first + lastKey
                } else if limit == 0 {
                    last = argc + lastKey
                } else {
                    last = first + ((argc - first) / limit + lastKey)
                }
            case .keyNumber(let index, let firstKey, let keyStep):
                step = keyStep
                guard index < argc, first + index < argc,
                    let count = args[first + index].int64Value, count >= 0, count <= Int64(argc)
                else { return nil }
                first += firstKey
                last = first + Int(count) - 1
            case .unknown:
                return nil
            }
            guard last < argc, last >= first, first < argc else { return nil }
            for i in stride(from: first, through: last, by: max(1, step)) {
                found.append(KeyReference(index: i, flags: spec.flags))
            }
            if spec.flags.contains("incomplete") { return nil }
        }
        return found
    }

    /// For commands Redis does not have: the declared first key, last key and step.
    private func legacyKeyReferences(_ args: [ByteString]) -> [KeyReference]? {
        guard keys.first > 0 else { return [] }
        let last = keys.last < 0 ? args.count + keys.last : keys.last
        guard last < args.count else { return nil }
        let flags = isWrite ? ["RW", "access", "update"] : ["RO", "access"]
        return stride(from: keys.first, through: last, by: max(1, keys.step)).map { KeyReference(index: $0, flags: flags) }
    }

    private static func setHasGet(_ args: [ByteString]) -> Bool {
        args.dropFirst(3).contains { $0.string.lowercased() == "get" }
    }

    private static func bitfieldIsReadOnly(_ args: [ByteString]) -> Bool {
        var i = 2
        while i < args.count {
            let remaining = args.count - i - 1
            switch args[i].string.lowercased() {
            case "get" where remaining >= 2: i += 3
            case "overflow" where remaining >= 1: i += 2
            default: return false
            }
        }
        return true
    }

    /// Redis's sortGetKeys: the sorted key, and the last STORE destination.
    private static func sortKeys(_ args: [ByteString], storing: Bool) -> [KeyReference] {
        var result = [KeyReference(index: 1, flags: ["RO", "access"])]
        var store: Int?
        var i = 2
        while i < args.count {
            let word = args[i].string.lowercased()
            if word == "limit" {
                i += 2
            } else if word == "store", i + 1 < args.count {
                store = i + 1
            } else if word == "get" || word == "by" {
                i += 1
            }
            i += 1
        }
        if storing, let store { result.append(KeyReference(index: store, flags: ["OW", "update"])) }
        return result
    }
}
