import RESP
import RedisSimulator

/// SHUTDOWN, which the server (not the simulator) carries out: Redis answers nothing and
/// closes; a bad option gets an error reply instead.
enum ShutdownRequest {
    /// True when `arguments` name SHUTDOWN, in any case.
    static func isShutdown(_ arguments: [ByteString]) -> Bool {
        guard let name = arguments.first, name.count == 8 else { return false }
        return name.equalsIgnoringCase("shutdown")
    }

    /// What Redis answers a SHUTDOWN without NOSAVE while a script is busy.
    static let busyScriptMessage =
        "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE."

    /// Nil when `arguments` is not a SHUTDOWN; `.success` to stop, `.failure` with the reply.
    static func parse(_ arguments: [ByteString]) -> Result<ShutdownOptions, ShutdownRefusal>? {
        guard isShutdown(arguments) else { return nil }
        var saveChosen = false
        var noSave = false
        for argument in arguments.dropFirst() {
            switch String(decoding: argument.bytes, as: UTF8.self).lowercased() {
            case "nosave", "save":
                if saveChosen { return .failure(ShutdownRefusal(reply: .error(RedisError.syntax.message))) }
                saveChosen = true
                noSave = argument.equalsIgnoringCase("nosave")
            case "now", "force": continue
            case "abort":
                guard arguments.count == 2 else { return .failure(ShutdownRefusal(reply: .error(RedisError.syntax.message))) }
                return .failure(ShutdownRefusal(reply: .error("ERR No shutdown in progress.")))
            default:
                return .failure(ShutdownRefusal(reply: .error(RedisError.syntax.message)))
            }
        }
        return .success(ShutdownOptions(noSave: noSave))
    }
}

/// The options of a SHUTDOWN that stops the server.
struct ShutdownOptions {
    /// NOSAVE: the only SHUTDOWN Redis accepts while a script is busy.
    var noSave: Bool
}

/// The reply to a SHUTDOWN that does not stop the server.
struct ShutdownRefusal: Error {
    let reply: RESPValue
}
