/// The sandbox inside Lua scripts: `redis.call('FLUSHALL')` is refused as the same command sent
/// directly would be (on the simulator; a live Redis runs scripts itself).
extension ExerciseSandbox {
    /// The words a refused script command's error carries, so the runner can recognise it.
    static let scriptMarker = "(refused by the exercise sandbox)"

    /// Why a command a script sends is refused, or nil.
    @Sendable static func scriptRefusal(_ arguments: [[UInt8]]) -> String? {
        refusal(arguments.map { String(decoding: $0, as: UTF8.self) }).map { "\($0) \(scriptMarker)" }
    }

    /// The refused command named in an error reply from a script, if the sandbox refused one.
    static func scriptRefusal(in errorText: String) -> String? {
        guard let marker = errorText.range(of: " is not allowed in an exercise \(scriptMarker)") else { return nil }
        let before = errorText[..<marker.lowerBound]
        let start = before.range(of: "ERR ", options: .backwards)?.upperBound ?? before.startIndex
        return String(before[start...])
    }
}
