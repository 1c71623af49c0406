import RESP

/// One argument of a command as Redis's `COMMAND DOCS` describes it: its type (key, string,
/// integer, double, pattern, unix-time, pure-token, oneof, block), token and flags.
public struct FuzzArgument: Sendable {
    /// Redis's argument type name.
    public var type: String
    /// The literal word before the value (`COUNT`, `WITHSCORES`), if any.
    public var token: String?
    public var isOptional = false
    public var isMultiple = false
    /// The token repeats before each value (`GET pattern GET pattern …`).
    public var repeatsToken = false
    /// The arguments of a `oneof` or `block`.
    public var children: [FuzzArgument] = []

    /// Reads one argument map of a `COMMAND DOCS` reply (a flat key/value array in RESP2).
    init?(docs: RESPValue) {
        guard let fields = docs.arrayValue else { return nil }
        var type: String?
        var index = 0
        while index + 1 < fields.count {
            let key = fields[index].stringValue ?? ""
            let value = fields[index + 1]
            switch key {
            case "type": type = value.stringValue
            case "token": token = value.stringValue
            case "flags":
                let flags = (value.arrayValue ?? []).compactMap(\.stringValue)
                isOptional = flags.contains("optional")
                isMultiple = flags.contains("multiple")
                repeatsToken = flags.contains("multiple_token")
            case "arguments": children = (value.arrayValue ?? []).compactMap(FuzzArgument.init(docs:))
            default: break
            }
            index += 2
        }
        guard let type else { return nil }
        self.type = type
    }
}
