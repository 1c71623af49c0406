/// The positions HRANDFIELD, SRANDMEMBER and ZRANDMEMBER pick with a count, as Redis 7.0 picks
/// them: a negative count allows repeats, a count covering the whole collection returns it all
/// in storage order (what Redis answers then), a smaller one a random distinct subset.
enum RandomSample {
    /// Storage positions in 0..<size for a signed `count`.
    static func positions(size: Int, count: Int64) -> [Int] {
        guard size > 0, count != 0 else { return [] }
        if count < 0 {
            return (0..<Int(clamping: count.magnitude)).map { _ in Int.random(in: 0..<size) }
        }
        if count >= Int64(size) { return Array(0..<size) }
        var all = Array(0..<size)
        let wanted = Int(count)
        for i in 0..<wanted { all.swapAt(i, Int.random(in: i..<size)) }
        return Array(all.prefix(wanted))
    }
}
