/// Redis's pqsort: Bentley and McIlroy's quicksort that only sorts the partitions overlapping
/// a range of positions. Geo searches with COUNT use it, so equal distances come out in the
/// order Redis gives them; a general-purpose sort would order ties differently.
enum PartialQuicksort {
    /// Sorts `items` so that positions `range` hold what a full sort would put there.
    ///
    /// - Complexity: O(n log n) at worst, about O(n + k log k) for k positions.
    static func sort<T>(_ items: inout [T], positions range: ClosedRange<Int>, by compare: @escaping (T, T) -> Int) {
        var sorter = Sorter(items: items, compare: compare, range: range)
        sorter.sort(from: 0, count: items.count)
        items = sorter.items
    }

    private struct Sorter<T> {
        var items: [T]
        let compare: (T, T) -> Int
        let range: ClosedRange<Int>

        func cmp(_ i: Int, _ j: Int) -> Int { compare(items[i], items[j]) }

        func median(_ a: Int, _ b: Int, _ c: Int) -> Int {
            cmp(a, b) < 0 ? (cmp(b, c) < 0 ? b : (cmp(a, c) < 0 ? c : a))
                : (cmp(b, c) > 0 ? b : (cmp(a, c) < 0 ? a : c))
        }

        mutating func swapRuns(_ a: Int, _ b: Int, _ count: Int) {
            for i in 0..<max(count, 0) { items.swapAt(a + i, b + i) }
        }

        /// True when positions `start..<start + count` overlap the range to sort.
        func overlaps(_ start: Int, _ count: Int) -> Bool {
            let end = start + count - 1
            return !((range.lowerBound < start && range.upperBound < start) || (range.lowerBound > end && range.upperBound > end))
        }

        mutating func sort(from start: Int, count: Int) {
            var a = start, n = count
            while true {
                if n < 7 {
                    for m in a + 1..<max(a + n, a + 1) {
                        var l = m
                        while l > a && cmp(l - 1, l) > 0 {
                            items.swapAt(l, l - 1)
                            l -= 1
                        }
                    }
                    return
                }
                var pm = a + n / 2
                if n > 7 {
                    var pl = a, pn = a + n - 1
                    if n > 40 {
                        let d = n / 8
                        pl = median(pl, pl + d, pl + 2 * d)
                        pm = median(pm - d, pm, pm + d)
                        pn = median(pn - 2 * d, pn - d, pn)
                    }
                    pm = median(pl, pm, pn)
                }
                items.swapAt(a, pm)
                var pa = a + 1, pb = a + 1, pc = a + n - 1, pd = a + n - 1
                while true {
                    while pb <= pc {
                        let order = cmp(pb, a)
                        if order > 0 { break }
                        if order == 0 {
                            items.swapAt(pa, pb)
                            pa += 1
                        }
                        pb += 1
                    }
                    while pb <= pc {
                        let order = cmp(pc, a)
                        if order < 0 { break }
                        if order == 0 {
                            items.swapAt(pc, pd)
                            pd -= 1
                        }
                        pc -= 1
                    }
                    if pb > pc { break }
                    items.swapAt(pb, pc)
                    pb += 1
                    pc -= 1
                }
                let pn = a + n
                var r = min(pa - a, pb - pa)
                swapRuns(a, pb - r, r)
                r = min(pd - pc, pn - pd - 1)
                swapRuns(pb, pn - r, r)
                r = pb - pa
                if r > 1 && overlaps(a, r) { sort(from: a, count: r) }
                r = pd - pc
                guard r > 1 else { return }
                a = pn - r
                n = r
                guard overlaps(a, n) else { return }
            }
        }
    }
}
