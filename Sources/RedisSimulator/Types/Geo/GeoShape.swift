#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The area a geo search covers: a circle or an axis-aligned box around a centre, sizes in the
/// unit the client gave (`metres` converts them).
struct GeoShape {
    enum Kind {
        case radius(Double)
        case box(width: Double, height: Double)
    }

    var longitude: Double
    var latitude: Double
    var kind: Kind
    /// Metres per unit.
    var metres: Double

    /// The distance in metres from the centre when the point lies inside the shape, else nil.
    func distance(toLongitude longitude: Double, latitude: Double) -> Double? {
        switch kind {
        case .radius(let radius):
            let distance = GeoDistance.between(self.longitude, self.latitude, longitude, latitude)
            return distance > radius * metres ? nil : distance
        case .box(let width, let height):
            if GeoDistance.latitudeDistance(latitude, self.latitude) > height * metres / 2 { return nil }
            if GeoDistance.between(longitude, latitude, self.longitude, latitude) > width * metres / 2 { return nil }
            return GeoDistance.between(self.longitude, self.latitude, longitude, latitude)
        }
    }

    /// The geohash cells to scan, in Redis's order (centre, then N, S, E, W, NE, NW, SE, SW),
    /// with `GeoHash.none` for neighbours the shape's bounding box does not reach
    /// (Redis's geohashCalculateAreasByShapeWGS84).
    func cellsToSearch() -> [GeoHash] {
        let (halfHeight, halfWidth): (Double, Double)
        let radiusMetres: Double
        switch kind {
        case .radius(let radius):
            (halfHeight, halfWidth) = (metres * radius, metres * radius)
            radiusMetres = radius * metres
        case .box(let width, let height):
            (halfHeight, halfWidth) = (metres * (height / 2), metres * (width / 2))
            radiusMetres = ((width / 2) * (width / 2) + (height / 2) * (height / 2)).squareRoot() * metres
        }
        let latitudeDelta = GeoDistance.degrees(halfHeight / GeoDistance.earthRadius)
        let longitudeDeltaTop = GeoDistance.degrees(halfWidth / GeoDistance.earthRadius / cos(GeoDistance.radians(latitude + latitudeDelta)))
        let longitudeDeltaBottom = GeoDistance.degrees(halfWidth / GeoDistance.earthRadius / cos(GeoDistance.radians(latitude - latitudeDelta)))
        let southern = latitude < 0
        let minLongitude = southern ? longitude - longitudeDeltaBottom : longitude - longitudeDeltaTop
        let maxLongitude = southern ? longitude + longitudeDeltaBottom : longitude + longitudeDeltaTop
        let minLatitude = latitude - latitudeDelta, maxLatitude = latitude + latitudeDelta

        var steps = Self.estimatedSteps(radiusMetres, latitude: latitude)
        var hash = GeoHash(longitude: longitude, latitude: latitude, step: steps) ?? .none
        var neighbors = hash.neighbors()
        // When a neighbour does not reach the box's edge, the cells are too small: use bigger ones.
        let north = neighbors[0].area(), south = neighbors[1].area(), east = neighbors[2].area(), west = neighbors[3].area()
        let decrease = (north.map { $0.latitude.upperBound < maxLatitude } ?? false)
            || (south.map { $0.latitude.lowerBound > minLatitude } ?? false)
            || (east.map { $0.longitude.upperBound < maxLongitude } ?? false)
            || (west.map { $0.longitude.lowerBound > minLongitude } ?? false)
        if steps > 1 && decrease {
            steps -= 1
            hash = GeoHash(longitude: longitude, latitude: latitude, step: steps) ?? .none
            neighbors = hash.neighbors()
        }
        // Neighbours on a side the box does not reach past the centre cell are not scanned.
        if steps >= 2, let area = hash.area() {
            if area.latitude.lowerBound < minLatitude { for i in [1, 7, 6] { neighbors[i] = .none } }
            if area.latitude.upperBound > maxLatitude { for i in [0, 4, 5] { neighbors[i] = .none } }
            if area.longitude.lowerBound < minLongitude { for i in [3, 7, 5] { neighbors[i] = .none } }
            if area.longitude.upperBound > maxLongitude { for i in [2, 6, 4] { neighbors[i] = .none } }
        }
        return [hash] + neighbors
    }

    /// Redis's geohashEstimateStepsByRadius: the steps whose cells are about the radius wide.
    static func estimatedSteps(_ radiusMetres: Double, latitude: Double) -> Int {
        if radiusMetres == 0 { return 26 }
        var range = radiusMetres, step = 1
        while range < 20037726.37 {
            range *= 2
            step += 1
        }
        step -= 2
        if latitude > 66 || latitude < -66 {
            step -= 1
            if latitude > 80 || latitude < -80 { step -= 1 }
        }
        return min(max(step, 1), 26)
    }
}
