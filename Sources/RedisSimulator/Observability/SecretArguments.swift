import RESP

/// Which arguments of a command carry a client's secrets, so the slow log and MONITOR show
/// them as `(redacted)` (Redis's redactClientCommandArgument, called by AUTH, HELLO, ACL
/// SETUSER and CONFIG SET). Declared by each command's table entry.
public enum SecretArguments: Sendable {
    /// Nothing secret.
    case none
    /// Every argument from this index on (AUTH's, ACL SETUSER's rules).
    case all(from: Int)
    /// HELLO's AUTH username and password.
    case helloAuth
    /// The values CONFIG SET gives to requirepass, masterauth and masteruser.
    case configSecrets
    /// MIGRATE's AUTH password and AUTH2 username and password.
    case migrateAuth

    /// `args` as the logs show them.
    func redacted(_ args: [ByteString]) -> [ByteString] {
        let hidden = ByteString("(redacted)")
        var result = args
        func redact(_ range: Range<Int>) {
            for index in range where index < result.count { result[index] = hidden }
        }
        switch self {
        case .none: break
        case .all(let first): if first < args.count { redact(first..<args.count) }
        case .helloAuth:
            var index = 2
            while index < args.count {
                if args[index].matchesOption("AUTH") {
                    redact(index + 1..<index + 3)
                    index += 3
                } else {
                    index += args[index].matchesOption("SETNAME") ? 2 : 1
                }
            }
        case .configSecrets:
            var index = 2
            while index + 1 < args.count {
                let name = args[index].string.lowercased()
                if name == "masterauth" || name == "requirepass" || name == "masteruser" { redact(index + 1..<index + 2) }
                index += 2
            }
        case .migrateAuth:
            // As Redis parses the options: it redacts as it goes and stops at KEYS or at the
            // first word it does not know (a syntax error).
            var index = 6
            while index < args.count {
                if args[index].matchesOption("AUTH") {
                    redact(index + 1..<index + 2)
                    index += 2
                } else if args[index].matchesOption("AUTH2") {
                    redact(index + 1..<index + 3)
                    index += 3
                } else if args[index].matchesOption("COPY") || args[index].matchesOption("REPLACE") {
                    index += 1
                } else {
                    break
                }
            }
        }
        return result
    }
}
