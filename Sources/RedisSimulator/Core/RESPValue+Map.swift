import RESP

/// Replies that Redis builds as a map (addReplyMapLen). RESP2 has no map type, so they go out
/// as a flat key, value, key, value… array; these constructors are where a RESP3 encoder will
/// look for them (MEMORY STATS, LCS IDX, LATENCY HISTOGRAM).
extension RESPValue {
    /// A map reply of `pairs` keyed by text.
    static func map(_ pairs: [(String, RESPValue)]) -> RESPValue {
        .array(pairs.flatMap { [RESPValue.bulk($0.0), $0.1] })
    }

    /// A map reply whose keys are any reply (LATENCY HISTOGRAM's integer buckets).
    static func map(entries: [(RESPValue, RESPValue)]) -> RESPValue {
        .array(entries.flatMap { [$0.0, $0.1] })
    }
}
