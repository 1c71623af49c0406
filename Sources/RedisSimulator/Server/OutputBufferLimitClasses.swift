/// The value of `client-output-buffer-limit`: a limit for each client class, parsed and
/// checked as Redis's updateClientOutputBufferLimit does.
struct OutputBufferLimitClasses: Equatable {
    var normal = OutputBufferLimit(hardBytes: 0, softBytes: 0, softSeconds: 0)
    var replica = OutputBufferLimit(hardBytes: 256 * 1024 * 1024, softBytes: 64 * 1024 * 1024, softSeconds: 60)
    var pubsub = OutputBufferLimit(hardBytes: 32 * 1024 * 1024, softBytes: 8 * 1024 * 1024, softSeconds: 60)

    /// Redis's default, as CONFIG GET shows it.
    static let defaultText = OutputBufferLimitClasses().configText

    init() {}

    /// The classes a stored value names (a value this type wrote; the defaults otherwise).
    init(configText: String) {
        if case .success(let parsed) = Self.parse(configText, over: OutputBufferLimitClasses()) { self = parsed }
    }

    /// `text` (groups of `class hard soft seconds`) applied over `base`, or Redis's reason
    /// for refusing it; a refused value changes no class.
    static func parse(_ text: String, over base: OutputBufferLimitClasses) -> Result<OutputBufferLimitClasses, ConfigRefusal> {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard words.count % 4 == 0 else {
            return .failure(ConfigRefusal("Wrong number of arguments in buffer limit configuration."))
        }
        var result = base
        for start in stride(from: 0, to: words.count, by: 4) {
            let name = words[start].lowercased()
            guard ["normal", "slave", "replica", "pubsub"].contains(name) else {
                return .failure(ConfigRefusal("Invalid client class specified in buffer limit configuration."))
            }
            guard let hard = ConfigParameter.memoryValue(words[start + 1]),
                let soft = ConfigParameter.memoryValue(words[start + 2]),
                let seconds = Int64(words[start + 3]), seconds >= 0
            else {
                return .failure(ConfigRefusal("Error in hard, soft or soft_seconds setting in buffer limit configuration."))
            }
            let limit = OutputBufferLimit(hardBytes: UInt64(hard), softBytes: UInt64(soft), softSeconds: seconds)
            switch name {
            case "normal": result.normal = limit
            case "pubsub": result.pubsub = limit
            default: result.replica = limit
            }
        }
        return .success(result)
    }

    /// The value as CONFIG GET shows it.
    var configText: String {
        [("normal", normal), ("slave", replica), ("pubsub", pubsub)]
            .map { "\($0.0) \($0.1.hardBytes) \($0.1.softBytes) \($0.1.softSeconds)" }
            .joined(separator: " ")
    }
}
