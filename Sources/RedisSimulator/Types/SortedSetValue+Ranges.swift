/// A score interval as ZRANGEBYSCORE, ZCOUNT and ZREMRANGEBYSCORE take it: `-inf`, `+inf`,
/// `(` for an exclusive bound.
public struct ScoreRange: Sendable, Equatable {
    public var min: Double
    public var max: Double
    public var minExclusive: Bool
    public var maxExclusive: Bool

    public init(min: Double, max: Double, minExclusive: Bool = false, maxExclusive: Bool = false) {
        self.min = min
        self.max = max
        self.minExclusive = minExclusive
        self.maxExclusive = maxExclusive
    }

    /// Parses two bounds as Redis's zslParseRange does; nil when either is not a float.
    public init?(min minText: ByteString, max maxText: ByteString) {
        guard let low = Self.bound(minText), let high = Self.bound(maxText) else { return nil }
        self.init(min: low.value, max: high.value, minExclusive: low.exclusive, maxExclusive: high.exclusive)
    }

    private static func bound(_ text: ByteString) -> (value: Double, exclusive: Bool)? {
        if text.bytes.first == UInt8(ascii: "(") {
            guard let value = ByteString(Array(text.bytes.dropFirst())).scoreBoundValue else { return nil }
            return (value, true)
        }
        guard let value = text.scoreBoundValue else { return nil }
        return (value, false)
    }

    /// True when `score` is at or above the lower bound.
    public func isAboveMin(_ score: Double) -> Bool { minExclusive ? score > min : score >= min }

    /// True when `score` is at or below the upper bound.
    public func isBelowMax(_ score: Double) -> Bool { maxExclusive ? score < max : score <= max }
}

/// A member interval as ZRANGEBYLEX, ZLEXCOUNT and ZREMRANGEBYLEX take it: `-`, `+`,
/// `[member` inclusive, `(member` exclusive.
public struct LexRange: Sendable, Equatable {
    /// One end of a lexicographic interval.
    public enum Bound: Sendable, Equatable {
        case negativeInfinity, positiveInfinity
        case member(ByteString, exclusive: Bool)
    }

    public var min: Bound
    public var max: Bound

    public init(min: Bound, max: Bound) {
        self.min = min
        self.max = max
    }

    /// Parses two bounds as Redis's zslParseLexRange does; nil when either is malformed.
    public init?(min minText: ByteString, max maxText: ByteString) {
        guard let low = Self.bound(minText), let high = Self.bound(maxText) else { return nil }
        self.init(min: low, max: high)
    }

    private static func bound(_ text: ByteString) -> Bound? {
        guard let first = text.bytes.first else { return nil }
        let rest = ByteString(Array(text.bytes.dropFirst()))
        switch first {
        case UInt8(ascii: "+"): return rest.isEmpty ? .positiveInfinity : nil
        case UInt8(ascii: "-"): return rest.isEmpty ? .negativeInfinity : nil
        case UInt8(ascii: "("): return .member(rest, exclusive: true)
        case UInt8(ascii: "["): return .member(rest, exclusive: false)
        default: return nil
        }
    }

    /// True when the range can hold nothing: min above max, or equal with an exclusive end
    /// (Redis's check with `-` below and `+` above every member, both counted exclusive).
    public var isEmpty: Bool {
        func rank(_ bound: Bound) -> (Int, ByteString?, Bool) {
            switch bound {
            case .negativeInfinity: return (0, nil, true)
            case .member(let value, let exclusive): return (1, value, exclusive)
            case .positiveInfinity: return (2, nil, true)
            }
        }
        let (lowKind, lowValue, lowExclusive) = rank(min), (highKind, highValue, highExclusive) = rank(max)
        if lowKind != highKind { return lowKind > highKind }
        if let lowValue, let highValue, lowValue != highValue { return highValue < lowValue }
        return lowExclusive || highExclusive
    }

    /// True when `member` is at or above the lower bound.
    public func isAboveMin(_ member: ByteString) -> Bool {
        switch min {
        case .negativeInfinity: return true
        case .positiveInfinity: return false
        case .member(let bound, let exclusive): return exclusive ? bound < member : !(member < bound)
        }
    }

    /// True when `member` is at or below the upper bound.
    public func isBelowMax(_ member: ByteString) -> Bool {
        switch max {
        case .positiveInfinity: return true
        case .negativeInfinity: return false
        case .member(let bound, let exclusive): return exclusive ? member < bound : !(bound < member)
        }
    }
}

extension SortedSetValue {
    /// The ascending ranks whose scores lie in `range`.
    ///
    /// - Complexity: O(log n).
    public func ranks(in range: ScoreRange) -> Range<Int> {
        let start = prefixCount(whileScore: { !range.isAboveMin($0) })
        let end = prefixCount(whileScore: { range.isBelowMax($0) })
        return start..<Swift.max(start, end)
    }

    /// The ascending ranks a lexicographic range selects, walking up from the first member at or
    /// above the minimum (or, with `reverse`, down from the last at or below the maximum).
    ///
    /// Lex ranges are meaningful when all scores are equal, as Redis documents. When they are
    /// not, a listpack answers as Redis's linear listpack walk does (so the direction matters);
    /// a skiplist-encoded set answers by a search of its tree. Redis's own answer on such data
    /// depends on its skip list's random levels, so no answer is more right than another.
    ///
    /// - Complexity: O(log n) as a skiplist, O(n) as a listpack (n ≤ 128).
    public func ranks(in range: LexRange, reverse: Bool = false) -> Range<Int> {
        if isListpack { return listpackRanks(in: range, reverse: reverse) }
        let start = prefixCount { _, member in !range.isAboveMin(member) }
        let end = prefixCount { _, member in range.isBelowMax(member) }
        return start..<Swift.max(start, end)
    }

    /// Redis's zzlFirstInLexRange / zzlLastInLexRange walks and the run of members that follows.
    private func listpackRanks(in range: LexRange, reverse: Bool) -> Range<Int> {
        let members = all.map(\.member)
        guard !range.isEmpty, let first = members.first, let last = members.last,
              range.isAboveMin(last), range.isBelowMax(first) else { return 0..<0 }
        if reverse {
            guard let high = members.lastIndex(where: { range.isBelowMax($0) }), range.isAboveMin(members[high]) else {
                return 0..<0
            }
            var low = high
            while low > 0, range.isAboveMin(members[low - 1]) { low -= 1 }
            return low..<(high + 1)
        }
        guard let low = members.firstIndex(where: { range.isAboveMin($0) }), range.isBelowMax(members[low]) else {
            return 0..<0
        }
        var high = low + 1
        while high < members.count, range.isBelowMax(members[high]) { high += 1 }
        return low..<high
    }

    /// The ascending ranks ZRANGE's `start stop` select (negative from the top), in the
    /// direction asked: with `reverse`, rank 0 is the highest score.
    public func ranks(start: Int64, stop: Int64, reverse: Bool) -> Range<Int> {
        let length = Int64(count)
        var start = start < 0 ? length + start : start
        var stop = stop < 0 ? length + stop : stop
        if start < 0 { start = 0 }
        guard start <= stop, start < length else { return 0..<0 }
        if stop >= length { stop = length - 1 }
        if reverse { return Int(length - 1 - stop)..<Int(length - start) }
        return Int(start)..<Int(stop + 1)
    }
}
