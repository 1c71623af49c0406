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

    /// Nil when `arguments` is not a SHUTDOWN; `.success` to stop, `.failure` with the reply.
    static func parse(_ arguments: [ByteString]) -> Result<Void, ShutdownRefusal>? {
        guard isShutdown(arguments) else { return nil }
        var saveChosen = false
        for argument in arguments.dropFirst() {
            switch String(decoding: argument.bytes, as: UTF8.self).lowercased() {
            case "nosave", "save":
                if saveChosen { return .failure(ShutdownRefusal(reply: .error("ERR syntax error"))) }
                saveChosen = true
            case "now", "force": continue
            case "abort":
                guard arguments.count == 2 else { return .failure(ShutdownRefusal(reply: .error("ERR syntax error"))) }
                return .failure(ShutdownRefusal(reply: .error("ERR No shutdown in progress.")))
            default:
                return .failure(ShutdownRefusal(reply: .error("ERR syntax error")))
            }
        }
        return .success(())
    }
}

/// The reply to a SHUTDOWN that does not stop the server.
struct ShutdownRefusal: Error {
    let reply: RESPValue
}
