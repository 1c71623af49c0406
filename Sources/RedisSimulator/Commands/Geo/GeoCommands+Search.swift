import RESP

extension CommandTable {
    /// The commands that search a geo set: GEOSEARCH, GEOSEARCHSTORE and the deprecated GEORADIUS family.
    static let geoSearchCommands: [CommandSpec] = [
        CommandSpec("georadius", arity: -6, flags: ["write", "denyoom", "movablekeys"], keys: .single, categories: ["@write", "@geo", "@slow"]) { ctx in
            try geoSearch(ctx, GeoSearchForm(center: .coordinates))
        },
        CommandSpec("georadius_ro", arity: -6, flags: ["readonly"], keys: .single, categories: ["@read", "@geo", "@slow"]) { ctx in
            try geoSearch(ctx, GeoSearchForm(center: .coordinates, allowsStore: false))
        },
        CommandSpec("georadiusbymember", arity: -5, flags: ["write", "denyoom", "movablekeys"], keys: .single, categories: ["@write", "@geo", "@slow"]) { ctx in
            try geoSearch(ctx, GeoSearchForm(center: .member))
        },
        CommandSpec("georadiusbymember_ro", arity: -5, flags: ["readonly"], keys: .single, categories: ["@read", "@geo", "@slow"]) { ctx in
            try geoSearch(ctx, GeoSearchForm(center: .member, allowsStore: false))
        },
        CommandSpec("geosearch", arity: -7, flags: ["readonly"], keys: .single, categories: ["@read", "@geo", "@slow"]) { ctx in
            try geoSearch(ctx, GeoSearchForm(center: .options))
        },
        CommandSpec("geosearchstore", arity: -8, flags: ["write", "denyoom"], keys: KeyPositions(first: 1, last: 2, step: 1),
                    categories: ["@write", "@geo", "@slow"]) { ctx in
            try geoSearch(ctx, GeoSearchForm(center: .options, isSearchStore: true))
        },
    ]

    /// One point found by a search.
    private struct GeoMatch {
        let member: ByteString
        var distance: Double
        let score: Double
        let longitude: Double
        let latitude: Double
    }

    /// Redis's georadiusGeneric: parse the shape and options in Redis's order and with its
    /// errors, scan the geohash cells around the centre, then reply or store.
    private static func geoSearch(_ ctx: CommandContext, _ form: GeoSearchForm) throws(RedisError) -> RESPValue {
        let zset = try ctx.lookupSortedSet(ctx[form.sourceKeyIndex])
        var options = try GeoSearchOptions.parse(ctx, form, zset: zset)
        let storeKey = options.storeKey

        guard let zset, let shape = options.shape else {
            guard let storeKey else { return .array([]) }
            if ctx.deleteKey(storeKey) { ctx.notify(.generic, "del", storeKey) }
            return .integer(0)
        }
        if options.count != 0 && options.sort == nil && !options.any { options.sort = .ascending }

        var matches = collect(zset, shape, limit: options.any ? options.count : 0)
        if matches.isEmpty && storeKey == nil { return .array([]) }
        let returned = options.count == 0 ? matches.count : min(matches.count, options.count)
        if let sort = options.sort {
            let compare: (GeoMatch, GeoMatch) -> Int = { a, b in
                let order = a.distance > b.distance ? 1 : (a.distance == b.distance ? 0 : -1)
                return sort == .ascending ? order : -order
            }
            if returned == matches.count {
                // glibc's qsort is a merge sort at these sizes: stable.
                matches = matches.enumerated().sorted { a, b in
                    let order = compare(a.element, b.element)
                    return order != 0 ? order < 0 : a.offset < b.offset
                }.map(\.element)
            } else if returned > 0 {
                PartialQuicksort.sort(&matches, positions: 0...(returned - 1), by: compare)
            }
        }
        for i in 0..<returned { matches[i].distance /= shape.metres }

        guard let storeKey else {
            return .array(matches[0..<returned].map { match in
                guard options.withDistance || options.withHash || options.withCoordinates else { return .bulk(match.member) }
                var item: [RESPValue] = [.bulk(match.member)]
                if options.withDistance { item.append(.bulk(ByteString(GeoDistance.format(match.distance)))) }
                if options.withHash { item.append(.integer(Int64(match.score))) }
                if options.withCoordinates { item.append(.array([coordinate(match.longitude, ctx), coordinate(match.latitude, ctx)])) }
                return .array(item)
            })
        }
        guard returned > 0 else {
            if ctx.deleteKey(storeKey) { ctx.notify(.generic, "del", storeKey) }
            return .integer(0)
        }
        let result = ctx.newSortedSet(listpack: false)
        for match in matches[0..<returned] { result.set(match.member, score: options.storeDistance ? match.distance : match.score) }
        result.convertToListpackIfFits()
        ctx.setKey(storeKey, .zset(result))
        ctx.notify(.zset, form.center == .options ? "geosearchstore" : "georadiusstore", storeKey)
        return .integer(Int64(returned))
    }

    /// The members inside `shape`, cell by cell in Redis's order, stopping at `limit` (0: none).
    private static func collect(_ zset: SortedSetValue, _ shape: GeoShape, limit: Int) -> [GeoMatch] {
        var matches: [GeoMatch] = []
        let cells = shape.cellsToSearch()
        var lastScanned = 0
        for (i, cell) in cells.enumerated() where cell != .none {
            // Redis skips a cell equal to the last one scanned, except when that was the centre.
            if lastScanned != 0 && cell == cells[lastScanned] { continue }
            if limit > 0 && matches.count >= limit { break }
            var next = cell
            next.bits += 1
            let ranks = zset.ranks(in: ScoreRange(min: Double(cell.aligned52), max: Double(next.aligned52), maxExclusive: true))
            for (member, score) in zset.elements(from: ranks.lowerBound, limit: ranks.count) {
                if let position = GeoHash(score: score).center(),
                    let distance = shape.distance(toLongitude: position.longitude, latitude: position.latitude)
                {
                    matches.append(GeoMatch(member: member, distance: distance, score: score, longitude: position.longitude, latitude: position.latitude))
                }
                if limit > 0 && matches.count >= limit { break }
            }
            lastScanned = i
        }
        return matches
    }
}
