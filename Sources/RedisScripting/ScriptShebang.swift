import RedisSimulator

/// The `#!lua flags=…` first line Redis 7.0 reads from a script (evalExtractShebangFlags).
/// Without one the script runs in compatibility mode: it may write, and EVAL_RO refuses its writes.
struct ScriptShebang {
    /// True when the script starts with a shebang (it then declares its flags).
    let declared: Bool
    /// The `no-writes` flag.
    let noWrites: Bool
    /// The `allow-oom` flag.
    let allowsOOM: Bool
    /// The `allow-stale` flag.
    let allowsStale: Bool
    /// Bytes of the shebang line, up to its line feed.
    let length: Int

    static let knownFlags: Set<String> = ["no-writes", "allow-oom", "allow-stale", "no-cluster", "allow-cross-slot-keys"]

    init(_ body: [UInt8]) throws(RedisError) {
        guard body.count >= 2, body[0] == UInt8(ascii: "#"), body[1] == UInt8(ascii: "!") else {
            declared = false
            noWrites = false
            allowsOOM = false
            allowsStale = false
            length = 0
            return
        }
        guard let end = body.firstIndex(of: 10) else { throw RedisError("ERR Invalid script shebang") }
        let parts = String(decoding: body[..<end], as: UTF8.self)
            .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
        guard let engine = parts.first else { throw RedisError("ERR Invalid engine in script shebang") }
        guard engine == "#!lua" else { throw RedisError("ERR Unexpected engine in script shebang: \(engine)") }
        var flags: Set<String> = []
        for part in parts.dropFirst() {
            guard part.hasPrefix("flags=") else { throw RedisError("ERR Unknown lua shebang option: \(part)") }
            for flag in part.dropFirst(6).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            where !(flag.isEmpty && part == "flags=") {
                guard Self.knownFlags.contains(flag) else { throw RedisError("ERR Unexpected flag in script shebang: \(flag)") }
                flags.insert(flag)
            }
        }
        declared = true
        noWrites = flags.contains("no-writes")
        allowsOOM = flags.contains("allow-oom")
        allowsStale = flags.contains("allow-stale")
        length = end
    }
}
