/// A geohash cell as Redis computes it: `step` bits of latitude interleaved with `step` bits of
/// longitude (latitude in the even bits), 26 steps giving the 52-bit scores geo sets store.
struct GeoHash: Equatable {
    var bits: UInt64
    var step: Int

    /// A cell Redis's search marks as not to visit (its GZERO).
    static let none = GeoHash(bits: 0, step: 0)
    /// The steps of a stored score.
    static let maxStep = 26

    static let longitudeRange = -180.0...180.0
    /// Web Mercator's limits, the latitudes a geo set accepts.
    static let latitudeRange = -85.05112878...85.05112878
    /// The latitudes of standard geohash strings (GEOHASH).
    static let standardLatitudeRange = -90.0...90.0

    /// The cell of `step` steps holding a point, or nil when it lies outside the ranges.
    init?(longitude: Double, latitude: Double, step: Int,
          longitudeRange: ClosedRange<Double> = longitudeRange, latitudeRange: ClosedRange<Double> = latitudeRange)
    {
        guard step > 0, step <= 32, Self.longitudeRange.contains(longitude), Self.latitudeRange.contains(latitude),
            longitudeRange.contains(longitude), latitudeRange.contains(latitude)
        else { return nil }
        let scale = Double(UInt64(1) << UInt64(step))
        let latitudeOffset = (latitude - latitudeRange.lowerBound) / (latitudeRange.upperBound - latitudeRange.lowerBound) * scale
        let longitudeOffset = (longitude - longitudeRange.lowerBound) / (longitudeRange.upperBound - longitudeRange.lowerBound) * scale
        self.init(bits: Self.interleave(UInt32(latitudeOffset), UInt32(longitudeOffset)), step: step)
    }

    init(bits: UInt64, step: Int) {
        self.bits = bits
        self.step = step
    }

    /// The cell a stored score names (Redis converts the double score to an integer the way C does).
    init(score: Double) {
        self.init(bits: Self.cUnsigned(score), step: Self.maxStep)
    }

    /// The score this cell's bits give when aligned to 52 bits.
    var aligned52: UInt64 { bits << UInt64(52 - step * 2) }

    /// The cell's bounds, or nil for the `none` cell.
    func area() -> (longitude: ClosedRange<Double>, latitude: ClosedRange<Double>)? {
        guard self != .none else { return nil }
        let separated = Self.deinterleave(bits)
        let latitudeCell = Double(UInt32(truncatingIfNeeded: separated)), longitudeCell = Double(UInt32(truncatingIfNeeded: separated >> 32))
        let cells = Double(UInt64(1) << UInt64(step))
        let latitudeScale = Self.latitudeRange.upperBound - Self.latitudeRange.lowerBound
        let longitudeScale = Self.longitudeRange.upperBound - Self.longitudeRange.lowerBound
        let latitudeMin = Self.latitudeRange.lowerBound + (latitudeCell * 1.0 / cells) * latitudeScale
        let latitudeMax = Self.latitudeRange.lowerBound + ((latitudeCell + 1) * 1.0 / cells) * latitudeScale
        let longitudeMin = Self.longitudeRange.lowerBound + (longitudeCell * 1.0 / cells) * longitudeScale
        let longitudeMax = Self.longitudeRange.lowerBound + ((longitudeCell + 1) * 1.0 / cells) * longitudeScale
        return (longitudeMin...longitudeMax, latitudeMin...latitudeMax)
    }

    /// The cell's centre, clamped to the valid ranges: the coordinates GEOPOS reports.
    func center() -> (longitude: Double, latitude: Double)? {
        guard let area = area() else { return nil }
        let longitude = min(max((area.longitude.lowerBound + area.longitude.upperBound) / 2, Self.longitudeRange.lowerBound), Self.longitudeRange.upperBound)
        let latitude = min(max((area.latitude.lowerBound + area.latitude.upperBound) / 2, Self.latitudeRange.lowerBound), Self.latitudeRange.upperBound)
        return (longitude, latitude)
    }

    /// The eight cells around this one, in Redis's order: north, south, east, west, north-east,
    /// north-west, south-east, south-west.
    func neighbors() -> [GeoHash] {
        [moved(x: 0, y: 1), moved(x: 0, y: -1), moved(x: 1, y: 0), moved(x: -1, y: 0),
         moved(x: 1, y: 1), moved(x: -1, y: 1), moved(x: 1, y: -1), moved(x: -1, y: -1)]
    }

    /// The cell `x` columns east and `y` rows north, wrapping around.
    private func moved(x dx: Int, y dy: Int) -> GeoHash {
        var bits = self.bits
        let shift = UInt64(64 - step * 2)
        if dx != 0 {
            var x = bits & 0xaaaa_aaaa_aaaa_aaaa
            let y = bits & 0x5555_5555_5555_5555
            let zz: UInt64 = 0x5555_5555_5555_5555 >> shift
            x = dx > 0 ? x &+ (zz &+ 1) : (x | zz) &- (zz &+ 1)
            x &= 0xaaaa_aaaa_aaaa_aaaa >> shift
            bits = x | y
        }
        if dy != 0 {
            let x = bits & 0xaaaa_aaaa_aaaa_aaaa
            var y = bits & 0x5555_5555_5555_5555
            let zz: UInt64 = 0xaaaa_aaaa_aaaa_aaaa >> shift
            y = dy > 0 ? y &+ (zz &+ 1) : (y | zz) &- (zz &+ 1)
            y &= 0x5555_5555_5555_5555 >> shift
            bits = x | y
        }
        return GeoHash(bits: bits, step: step)
    }

    /// Interleaves two 32-bit numbers, `even` in the even bits.
    static func interleave(_ even: UInt32, _ odd: UInt32) -> UInt64 {
        func spread(_ value: UInt32) -> UInt64 {
            var v = UInt64(value)
            v = (v | v << 16) & 0x0000_FFFF_0000_FFFF
            v = (v | v << 8) & 0x00FF_00FF_00FF_00FF
            v = (v | v << 4) & 0x0F0F_0F0F_0F0F_0F0F
            v = (v | v << 2) & 0x3333_3333_3333_3333
            v = (v | v << 1) & 0x5555_5555_5555_5555
            return v
        }
        return spread(even) | spread(odd) << 1
    }

    /// The even bits in the low 32 bits, the odd ones in the high 32.
    static func deinterleave(_ value: UInt64) -> UInt64 {
        func squash(_ v: UInt64) -> UInt64 {
            var v = v & 0x5555_5555_5555_5555
            v = (v | v >> 1) & 0x3333_3333_3333_3333
            v = (v | v >> 2) & 0x0F0F_0F0F_0F0F_0F0F
            v = (v | v >> 4) & 0x00FF_00FF_00FF_00FF
            v = (v | v >> 8) & 0x0000_FFFF_0000_FFFF
            v = (v | v >> 16) & 0x0000_0000_FFFF_FFFF
            return v
        }
        return squash(value) | squash(value >> 1) << 32
    }

    /// A double converted to an unsigned 64-bit integer as x86-64 C code converts it (values
    /// past 2^63 shifted down first; out-of-range results are the CPU's 2^63), so any score,
    /// even one no GEOADD wrote, decodes as it does in Redis.
    private static func cUnsigned(_ value: Double) -> UInt64 {
        func truncated(_ v: Double) -> UInt64 {
            v.isNaN || v >= 9_223_372_036_854_775_808.0 || v < -9_223_372_036_854_775_808.0 ? 1 << 63 : UInt64(bitPattern: Int64(v))
        }
        return value < 9_223_372_036_854_775_808.0 ? truncated(value) : truncated(value - 9_223_372_036_854_775_808.0) ^ 1 << 63
    }
}
