import RESP

extension CommandTable {
    static let geoCommands: [CommandSpec] = [
        CommandSpec("geoadd", arity: -5, flags: ["write", "denyoom"], keys: .single, categories: ["@write", "@geo", "@slow"]) { ctx in
            var first = 2
            var nx = false, xx = false
            while first < ctx.count {
                if ctx.argument(first, is: "nx") { nx = true }
                else if ctx.argument(first, is: "xx") { xx = true }
                else if !ctx.argument(first, is: "ch") { break }
                first += 1
            }
            guard (ctx.count - first) % 3 == 0, !(nx && xx) else { throw RedisError.syntax }
            // Redis turns GEOADD into ZADD with each point's 52-bit geohash as its score.
            var zaddArguments = [ByteString("zadd")] + ctx.args[1..<first]
            for index in stride(from: first, to: ctx.count, by: 3) {
                let point = try ctx.longitudeLatitude(at: index)
                let hash = GeoHash(longitude: point.longitude, latitude: point.latitude, step: GeoHash.maxStep)!
                zaddArguments += [ByteString(String(hash.aligned52)), ctx[index + 2]]
            }
            let zadd = CommandContext(server: ctx.server, client: ctx.client, args: zaddArguments, db: ctx.db, now: ctx.now, spec: ctx.spec)
            return try sortedSetAdd(zadd, incr: false)
        },
        CommandSpec("geopos", arity: -2, flags: ["readonly"], keys: .single, categories: ["@read", "@geo", "@slow"]) { ctx in
            let zset = try ctx.lookupSortedSet(ctx[1])
            return .array(ctx.args[2...].map { member in
                guard let position = zset?.geoPosition(of: member) else { return .nullArray }
                return .array([coordinate(position.longitude, ctx), coordinate(position.latitude, ctx)])
            })
        },
        CommandSpec("geodist", arity: -4, flags: ["readonly"], keys: .single, categories: ["@read", "@geo", "@slow"]) { ctx in
            var metres = 1.0
            if ctx.count == 5 { metres = try ctx.geoUnit(at: 4) } else if ctx.count > 5 { throw RedisError.syntax }
            guard let zset = try ctx.lookupSortedSet(ctx[1]),
                let from = zset.geoPosition(of: ctx[2]), let to = zset.geoPosition(of: ctx[3])
            else { return .nullBulkString }
            let distance = GeoDistance.between(from.longitude, from.latitude, to.longitude, to.latitude) / metres
            return .bulk(ByteString(GeoDistance.format(distance)))
        },
        CommandSpec("geohash", arity: -2, flags: ["readonly"], keys: .single, categories: ["@read", "@geo", "@slow"]) { ctx in
            let zset = try ctx.lookupSortedSet(ctx[1])
            return .array(ctx.args[2...].map { member in
                guard let position = zset?.geoPosition(of: member),
                    let hash = GeoHash(longitude: position.longitude, latitude: position.latitude, step: GeoHash.maxStep,
                                       latitudeRange: GeoHash.standardLatitudeRange)
                else { return .nullBulkString }
                return .bulk(ByteString(standardGeohash(hash.bits)))
            })
        },
    ] + geoSearchCommands

    /// A coordinate as Redis prints it (17 decimals, trailing zeros dropped); a RESP3 double
    /// for a RESP3 client (whose digits are `%.17g`'s, the same number Redis's longer text reads as).
    static func coordinate(_ value: Double, _ ctx: CommandContext) -> RESPValue {
        if ctx.resp3 { return .double(value) }
        return .bulk(ByteString(RedisNumberFormat.humanLongDouble(LongDouble(value))))
    }

    /// The 11-character base-32 geohash of 52 bits (the last character always `0`).
    private static func standardGeohash(_ bits: UInt64) -> String {
        let alphabet = Array("0123456789bcdefghjkmnpqrstuvwxyz")
        var text = ""
        for i in 0..<11 {
            text.append(i == 10 ? alphabet[0] : alphabet[Int(bits >> UInt64(52 - (i + 1) * 5) & 0x1f)])
        }
        return text
    }
}
