extension CommandContext {
    /// Longitude and latitude at arguments `index` and `index + 1`, checked against the ranges a
    /// geo set accepts (Redis's extractLongLatOrReply).
    func longitudeLatitude(at index: Int) throws(RedisError) -> (longitude: Double, latitude: Double) {
        let longitude = try double(at: index), latitude = try double(at: index + 1)
        guard GeoHash.longitudeRange.contains(longitude), GeoHash.latitudeRange.contains(latitude) else {
            throw RedisError("ERR invalid longitude,latitude pair "
                + RedisNumberFormat.printf("%f", longitude) + "," + RedisNumberFormat.printf("%f", latitude))
        }
        return (longitude, latitude)
    }

    /// Metres per unit for argument `index`: m, km, ft or mi.
    func geoUnit(at index: Int) throws(RedisError) -> Double {
        if argument(index, is: "m") { return 1 }
        if argument(index, is: "km") { return 1000 }
        if argument(index, is: "ft") { return 0.3048 }
        if argument(index, is: "mi") { return 1609.34 }
        throw RedisError("ERR unsupported unit provided. please use M, KM, FT, MI")
    }

    /// A radius and its unit at `index` and `index + 1`.
    func geoRadius(at index: Int) throws(RedisError) -> (radius: Double, metres: Double) {
        let radius = try double(at: index, message: "ERR need numeric radius")
        guard radius >= 0 else { throw RedisError("ERR radius cannot be negative") }
        return (radius, try geoUnit(at: index + 1))
    }
}

extension SortedSetValue {
    /// Where `member` sits, decoded from its score; nil when it is not in the set.
    func geoPosition(of member: ByteString) -> (longitude: Double, latitude: Double)? {
        guard let score = score(of: member) else { return nil }
        return GeoHash(score: score).center()
    }
}
