#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Distances on Redis's sphere: the haversine formula with the Earth's WGS-84 quadratic mean
/// radius, computed in Redis's order of operations so results print to the same digits.
enum GeoDistance {
    static let earthRadius = 6372797.560856
    static let degreesToRadians = Double.pi / 180.0

    static func radians(_ degrees: Double) -> Double { degrees * degreesToRadians }
    static func degrees(_ radians: Double) -> Double { radians / degreesToRadians }

    /// Metres along a meridian between two latitudes.
    static func latitudeDistance(_ latitude1: Double, _ latitude2: Double) -> Double {
        earthRadius * abs(radians(latitude2) - radians(latitude1))
    }

    /// Metres between two points.
    static func between(_ longitude1: Double, _ latitude1: Double, _ longitude2: Double, _ latitude2: Double) -> Double {
        let longitude1r = radians(longitude1), longitude2r = radians(longitude2)
        let v = sin((longitude2r - longitude1r) / 2)
        // Same longitude: the distance is along the meridian, without the formula's rounding.
        if v == 0.0 { return latitudeDistance(latitude1, latitude2) }
        let latitude1r = radians(latitude1), latitude2r = radians(latitude2)
        let u = sin((latitude2r - latitude1r) / 2)
        let a = u * u + cos(latitude1r) * cos(latitude2r) * v * v
        return 2.0 * earthRadius * asin(a.squareRoot())
    }

    /// A distance as Redis prints it: rounded to 4 decimals (half to even, like llrint), e.g. `166.2742`.
    static func format(_ distance: Double) -> String {
        if distance == 0 { return "0.0000" }
        let scaled = (distance * 10000).rounded(.toNearestOrEven)
        // Distances on Earth stay far below Int64's range, whatever the unit.
        let units = Int64(scaled)
        let magnitude = units.magnitude
        let fraction = String(magnitude % 10000)
        return (units < 0 ? "-" : "") + String(magnitude / 10000) + "." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }
}
