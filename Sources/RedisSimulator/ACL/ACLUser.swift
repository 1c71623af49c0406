import RESP

/// An ACL user (Redis's `user`): whether it may log in, its password hashes and its selectors.
/// A class: clients authenticated as a user see ACL SETUSER's changes to it at once, as in Redis.
final class ACLUser {
    let name: ByteString
    var enabled = false
    var noPassword = false
    /// `sanitize-payload` (true) or `skip-sanitize-payload` (false) once a rule set either;
    /// Redis lists the flag only then.
    var sanitizesPayload: Bool?
    /// SHA-256 hex digests of the passwords, in the order they were added.
    var passwordHashes: [String] = []
    var root = ACLSelector()
    /// The `(…)` selectors, after the root one.
    var selectors: [ACLSelector] = []
    /// `acl-pubsub-default allchannels` when the rules are applied: new selectors and `reset`
    /// then allow every channel.
    var newSelectorsAllowAllChannels = false

    init(name: ByteString) {
        self.name = name
    }

    /// The default user Redis starts with: on, nopass, every key, channel and command.
    static func makeDefault(table: CommandTable) -> ACLUser {
        let user = ACLUser(name: "default")
        for rule in ["+@all", "~*", "&*", "on", "nopass"] { try? user.apply(ByteString(rule), table: table) }
        user.refresh(table: table)
        return user
    }

    /// A copy to stage changes on: ACL SETUSER applies all its rules or none.
    func copy(named name: ByteString? = nil) -> ACLUser {
        let copy = ACLUser(name: name ?? self.name)
        copy.take(self)
        copy.isUnrestricted = isUnrestricted
        return copy
    }

    /// Takes every rule of `other` (Redis's ACLCopyUser); the name stays.
    func take(_ other: ACLUser) {
        enabled = other.enabled
        noPassword = other.noPassword
        sanitizesPayload = other.sanitizesPayload
        passwordHashes = other.passwordHashes
        root = other.root
        selectors = other.selectors
        isUnrestricted = other.isUnrestricted
    }

    /// True when some selector allows every command, key and channel: dispatch then skips the
    /// checks. Kept by `refresh`, which every change of rules ends with.
    private(set) var isUnrestricted = false

    /// Recomputes `isUnrestricted` after a change of rules.
    func refresh(table: CommandTable) {
        let total = table.allCommandNames.count
        isUnrestricted = allSelectors.contains {
            $0.allKeys && $0.allChannels && $0.allowedCommands.count == total
        }
    }

    /// The root selector, then the others.
    var allSelectors: [ACLSelector] { [root] + selectors }

    /// True when `password` logs this user in.
    func accepts(_ password: ByteString) -> Bool {
        guard enabled else { return false }
        if noPassword { return true }
        let hash = SHA256.hexDigest(password.bytes)
        return passwordHashes.contains(hash)
    }

    /// Applies one ACL SETUSER rule (Redis's ACLSetUser).
    func apply(_ rule: ByteString, table: CommandTable) throws(ACLSelector.RuleError) {
        let bytes = rule.bytes
        guard let first = bytes.first else { return }
        switch rule.string.lowercased() {
        case "on": enabled = true; return
        case "off": enabled = false; return
        case "sanitize-payload": sanitizesPayload = true; return
        case "skip-sanitize-payload": sanitizesPayload = false; return
        case "nopass":
            noPassword = true
            passwordHashes = []
            return
        case "resetpass":
            noPassword = false
            passwordHashes = []
            return
        case "clearselectors":
            selectors = []
            return
        case "reset":
            noPassword = false
            passwordHashes = []
            root = ACLSelector()
            root.allChannels = newSelectorsAllowAllChannels
            selectors = []
            enabled = false
            sanitizesPayload = true
            return
        default:
            break
        }
        switch first {
        case UInt8(ascii: ">"), UInt8(ascii: "#"):
            let hash = try Self.hash(of: bytes)
            if !passwordHashes.contains(hash) { passwordHashes.append(hash) }
            noPassword = false
        case UInt8(ascii: "<"), UInt8(ascii: "!"):
            let hash = try Self.hash(of: bytes)
            guard let index = passwordHashes.firstIndex(of: hash) else { throw .missingPassword }
            passwordHashes.remove(at: index)
        case UInt8(ascii: "(") where bytes.last == UInt8(ascii: ")"):
            var selector = ACLSelector()
            selector.allChannels = newSelectorsAllowAllChannels
            // Redis splits the inside as sdssplitargs does; unbalanced quotes give no rules.
            for part in RESPArgumentSplitter.split(bytes.dropFirst().dropLast()) ?? [] {
                try selector.apply(ByteString(part), table: table)
            }
            selectors.append(selector)
        default:
            try root.apply(rule, table: table)
        }
    }

    /// The stored hash for `>password`/`<password` (hashed) or `#hash`/`!hash` (checked).
    private static func hash(of bytes: [UInt8]) throws(ACLSelector.RuleError) -> String {
        let rest = Array(bytes.dropFirst())
        if bytes[0] == UInt8(ascii: ">") || bytes[0] == UInt8(ascii: "<") { return SHA256.hexDigest(rest) }
        guard rest.count == 64, rest.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else { throw .badHash }
        return String(decoding: rest, as: UTF8.self)
    }
}
