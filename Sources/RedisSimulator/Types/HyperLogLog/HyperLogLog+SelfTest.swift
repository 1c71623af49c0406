/// PFSELFTEST: Redis's own checks of the registers and the estimator, run on this implementation.
extension HyperLogLog {
    /// Nil when every check passes, else what failed (after "TESTFAILED ").
    static func selfTest(sparseMaxBytes: Int) -> String? {
        var generator = SystemRandomNumberGenerator()
        // Registers keep what is written and leave their neighbours alone.
        var dense = [UInt8](repeating: 0, count: denseSize)
        dense.replaceSubrange(0..<5, with: Array("HYLL".utf8) + [HyperLogLog.dense])
        var expected = [UInt8](repeating: 0, count: registerCount)
        for _ in 0..<1000 {
            for i in 0..<registerCount {
                let value = UInt8.random(in: 0...registerMax, using: &generator)
                expected[i] = value
                writeDenseRegister(&dense, i, value)
            }
            for i in 0..<registerCount where denseRegister(dense, i) != expected[i] {
                return "Register \(i) should be \(expected[i]) but is \(denseRegister(dense, i))"
            }
        }
        // Dense and sparse agree, sparse is used while small, and the error stays within bounds.
        for i in 0..<registerCount { writeDenseRegister(&dense, i, 0) }
        var sparseValue = empty()
        let relativeError = 1.04 / Double(registerCount).squareRoot()
        let seed = UInt64.random(in: 0...UInt64.max, using: &generator)
        var checkpoint: UInt64 = 1
        for j in UInt64(1)...10_000_000 {
            let element = withUnsafeBytes(of: (j ^ seed).littleEndian) { ByteString(copying: $0) }
            let (index, count) = registerAndCount(for: element)
            _ = denseSet(&dense, index, count)
            _ = setRegister(index, atLeast: count, in: &sparseValue, sparseMaxBytes: sparseMaxBytes)
            guard j == checkpoint else { continue }
            if j < UInt64(sparseMaxBytes / 2) && sparseValue[4] != sparse { return "sparse encoding not used" }
            let denseCount = HyperLogLog.count(dense) ?? 0
            if denseCount != HyperLogLog.count(sparseValue) { return "dense/sparse disagree" }
            let maxError = j == 10 ? 1 : UInt64((relativeError * 6 * Double(checkpoint)).rounded(.up))
            let error = denseCount > checkpoint ? denseCount - checkpoint : checkpoint - denseCount
            if error > maxError { return "Too big error. card:\(checkpoint) abserr:\(error)" }
            checkpoint *= 10
        }
        return nil
    }
}
