#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The cardinality estimate: Otmar Ertl's improved estimator over the histogram of register
/// values ("New cardinality estimation algorithms for HyperLogLog sketches", 2017), as Redis 7.0
/// computes it, operation for operation, so the rounded result is the same number.
extension HyperLogLog {
    /// The estimate for a value, or nil when a sparse value is corrupted.
    ///
    /// - Complexity: O(16384) dense; O(n) sparse.
    static func count(_ bytes: [UInt8]) -> UInt64? {
        var histogram = [Int](repeating: 0, count: 64)
        if bytes[4] == dense {
            for i in 0..<registerCount { histogram[Int(denseRegister(bytes, i))] += 1 }
        } else {
            let covered = forEachRun(bytes) { _, span, value in
                histogram[Int(value)] += span
                return true
            }
            guard covered == registerCount else { return nil }
        }
        return estimate(histogram)
    }

    /// The estimate for registers held one per byte (PFCOUNT of several keys).
    static func count(registers: [UInt8]) -> UInt64 {
        var histogram = [Int](repeating: 0, count: 64)
        for register in registers { histogram[Int(register)] += 1 }
        return estimate(histogram)
    }

    private static func estimate(_ histogram: [Int]) -> UInt64 {
        let m = Double(registerCount)
        var z = m * tau((m - Double(histogram[q + 1])) / m)
        for j in stride(from: q, through: 1, by: -1) {
            z += Double(histogram[j])
            z *= 0.5
        }
        z += m * sigma(Double(histogram[0]) / m)
        let alphaInfinity = 0.721347520444481703680  // 0.5 / ln 2
        return UInt64((alphaInfinity * m * m / z).rounded(.toNearestOrAwayFromZero))
    }

    private static func sigma(_ x: Double) -> Double {
        if x == 1 { return .infinity }
        var x = x, y = 1.0, z = x, previous: Double
        repeat {
            x *= x
            previous = z
            z += x * y
            y += y
        } while previous != z
        return z
    }

    private static func tau(_ x: Double) -> Double {
        if x == 0 || x == 1 { return 0 }
        var x = x, y = 1.0, z = 1 - x, previous: Double
        repeat {
            x = x.squareRoot()
            previous = z
            y *= 0.5
            z -= pow(1 - x, 2) * y
        } while previous != z
        return z / 3
    }
}
