import RESP
import RedisSimulator

extension LuaScripting {
    /// What the called function or cached/shebang EVAL script declared, as Redis's
    /// fcallGetCommandFlags and evalGetCommandFlags find it before the command runs: nothing for
    /// an unknown function or SHA, a malformed shebang, or a script without one.
    public func declaredCommandFlags(_ args: [ByteString], spec: CommandSpec) -> ScriptCommandFlags? {
        guard args.count >= 2 else { return nil }
        switch spec.name {
        case "fcall", "fcall_ro":
            return registeredFunction(named: args[1])?.commandFlags
        case "eval", "eval_ro", "evalsha", "evalsha_ro":
            let bySHA = spec.name.hasPrefix("evalsha")
            if bySHA, args[1].count != 40 { return nil }
            let shebang: ScriptShebang
            if let cached = scripts[bySHA ? Self.lowercased(args[1]) : SHA1.hex(args[1].bytes)] {
                shebang = cached.flags
            } else if bySHA {
                return nil
            } else if let parsed = try? ScriptShebang(args[1].bytes) {
                shebang = parsed
            } else {
                return nil
            }
            guard shebang.declared else { return nil }
            return ScriptCommandFlags(noWrites: shebang.noWrites, allowsOOM: shebang.allowsOOM, allowsStale: shebang.allowsStale)
        default:
            return nil
        }
    }
}
