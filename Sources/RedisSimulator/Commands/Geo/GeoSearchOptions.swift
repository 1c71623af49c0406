/// Which geo search command runs: where its centre comes from and whether it may store.
struct GeoSearchForm {
    enum Center { case coordinates, member, options }
    let center: Center
    var allowsStore = true
    var isSearchStore = false

    /// The argument holding the geo set's key.
    var sourceKeyIndex: Int { isSearchStore ? 2 : 1 }
}

/// The parsed arguments of a geo search (Redis's georadiusGeneric option loop and checks).
struct GeoSearchOptions {
    enum Sort { case ascending, descending }

    /// Nil only when the centre is a member of a set that does not exist.
    var shape: GeoShape?
    var storeKey: ByteString?
    var storeDistance = false
    var withDistance = false, withHash = false, withCoordinates = false
    var any = false
    var count = 0
    var sort: Sort?

    static func parse(_ ctx: CommandContext, _ form: GeoSearchForm, zset: SortedSetValue?) throws(RedisError) -> GeoSearchOptions {
        var options = GeoSearchOptions()
        var center: (longitude: Double, latitude: Double)?
        var size: GeoShape.Kind?, metres = 1.0
        let base: Int
        switch form.center {
        case .coordinates:
            base = 6
            center = try ctx.longitudeLatitude(at: 2)
            let radius = try ctx.geoRadius(at: 4)
            (size, metres) = (.radius(radius.radius), radius.metres)
        case .member:
            base = 5
            if let zset {
                guard let position = zset.geoPosition(of: ctx[2]) else { throw RedisError.undecodableMember }
                center = position
                let radius = try ctx.geoRadius(at: 3)
                (size, metres) = (.radius(radius.radius), radius.metres)
            }
        case .options:
            base = form.isSearchStore ? 3 : 2
            if form.isSearchStore { options.storeKey = ctx[1] }
        }

        let isSearch = form.center == .options
        var fromMember = false, fromCoordinates = false, byRadius = false, byBox = false
        var i = base
        while i < ctx.count {
            let left = ctx.count - i - 1
            if ctx.argument(i, is: "withdist") { options.withDistance = true }
            else if ctx.argument(i, is: "withhash") { options.withHash = true }
            else if ctx.argument(i, is: "withcoord") { options.withCoordinates = true }
            else if ctx.argument(i, is: "any") { options.any = true }
            else if ctx.argument(i, is: "asc") { options.sort = .ascending }
            else if ctx.argument(i, is: "desc") { options.sort = .descending }
            else if ctx.argument(i, is: "count") && left >= 1 {
                let count = try ctx.integer(at: i + 1)
                guard count > 0 else { throw RedisError.countOptionNotPositive }
                options.count = Int(clamping: count)
                i += 1
            } else if (ctx.argument(i, is: "store") || ctx.argument(i, is: "storedist")) && left >= 1 && form.allowsStore && !isSearch {
                options.storeKey = ctx[i + 1]
                options.storeDistance = ctx.argument(i, is: "storedist")
                i += 1
            } else if ctx.argument(i, is: "storedist") && form.isSearchStore {
                options.storeDistance = true
            } else if ctx.argument(i, is: "frommember") && left >= 1 && isSearch && !fromCoordinates {
                if let zset {
                    guard let position = zset.geoPosition(of: ctx[i + 1]) else { throw RedisError.undecodableMember }
                    center = position
                }
                fromMember = true
                i += 1
            } else if ctx.argument(i, is: "fromlonlat") && left >= 2 && isSearch && !fromMember {
                center = try ctx.longitudeLatitude(at: i + 1)
                fromCoordinates = true
                i += 2
            } else if ctx.argument(i, is: "byradius") && left >= 2 && isSearch && !byBox {
                let radius = try ctx.geoRadius(at: i + 1)
                (size, metres) = (.radius(radius.radius), radius.metres)
                byRadius = true
                i += 2
            } else if ctx.argument(i, is: "bybox") && left >= 3 && isSearch && !byRadius {
                let width = try ctx.double(at: i + 1, message: "ERR need numeric width")
                let height = try ctx.double(at: i + 2, message: "ERR need numeric height")
                guard width >= 0, height >= 0 else { throw RedisError("ERR height or width cannot be negative") }
                metres = try ctx.geoUnit(at: i + 3)
                size = .box(width: width, height: height)
                byBox = true
                i += 3
            } else {
                throw RedisError.syntax
            }
            i += 1
        }

        if options.storeKey != nil && (options.withDistance || options.withHash || options.withCoordinates) {
            throw RedisError("ERR " + (form.isSearchStore ? "GEOSEARCHSTORE" : "STORE option in GEORADIUS")
                + " is not compatible with WITHDIST, WITHHASH and WITHCOORD options")
        }
        let name = ctx[0].string
        if isSearch && !(fromMember || fromCoordinates) {
            throw RedisError("ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for \(name)")
        }
        if isSearch && !(byRadius || byBox) {
            throw RedisError("ERR exactly one of BYRADIUS and BYBOX can be specified for \(name)")
        }
        if options.any && options.count == 0 { throw RedisError("ERR the ANY argument requires COUNT argument") }
        if let center, let size {
            options.shape = GeoShape(longitude: center.longitude, latitude: center.latitude, kind: size, metres: metres)
        }
        return options
    }
}
