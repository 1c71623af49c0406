import RESP
import RedisSimulator

/// What a connection must know of a command before running it, found with one lookup of its
/// spec when the command is read, rather than one per question.
struct CommandTraits: OptionSet {
    let rawValue: UInt8

    /// It can change whether the client is authenticated (the commands allowed before AUTH:
    /// AUTH, HELLO, RESET, …; and EXEC, of a queued AUTH), and with it the decoder's limits, so
    /// it runs before the next request is read.
    static let changesAuthentication = CommandTraits(rawValue: 1 << 0)
    /// EXEC: runs a script when its transaction queued one.
    static let executesQueue = CommandTraits(rawValue: 1 << 1)
    /// EVAL, FCALL, …: runs on the script thread.
    static let runsScripts = CommandTraits(rawValue: 1 << 2)
    /// EXEC, DISCARD, RESET: the transaction ends.
    static let endsTransaction = CommandTraits(rawValue: 1 << 3)

    init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The traits of the command `arguments` names (none for an unknown one, which fails
    /// without effect); an empty request must run alone.
    init(_ arguments: [ByteString], in table: CommandTable) {
        guard let name = arguments.first else {
            self = .changesAuthentication
            return
        }
        guard let spec = table.lookup(name) else {
            self = []
            return
        }
        var traits: CommandTraits = []
        if spec.allowsUnauthenticated || spec.executesQueue { traits.insert(.changesAuthentication) }
        if spec.executesQueue { traits.insert(.executesQueue) }
        if spec.runsScripts { traits.insert(.runsScripts) }
        if spec.endsTransaction { traits.insert(.endsTransaction) }
        self = traits
    }
}
