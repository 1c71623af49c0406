import RESP

/// Replies that Redis builds as a map (addReplyMapLen): a RESP3 map, which RESP2 clients read
/// as a flat key, value, key, value… array.
extension RESPValue {
    /// A map reply of `pairs` keyed by text.
    static func map(fields pairs: [(String, RESPValue)]) -> RESPValue {
        .map(pairs.flatMap { [RESPValue.bulk($0.0), $0.1] })
    }
}
