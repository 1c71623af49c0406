import Basics
import Testing
import RESP
@testable import RedisSimulator
import RedislingsTestSupport

/// The sparse encoding against the dense one as a reference model: after the same elements
/// both hold the same registers and give the same estimate, at every size up to promotion.
@Suite(.computesForSeconds) struct HyperLogLogEncodingTests {
    @Test(arguments: [1, 7, 64, 300, 900])
    func sparseAndDenseHoldTheSameRegisters(_ count: Int) {
        let simulator = Simulator(), client = simulator.connect()
        _ = run(simulator, client, "CONFIG", "SET", "hll-sparse-max-bytes", "100000")
        _ = run(simulator, client, "PFADD", "dense", "seed")
        _ = run(simulator, client, "PFDEBUG", "TODENSE", "dense")
        _ = run(simulator, client, "PFADD", "sparse", "seed")
        var generator = SeededGenerator(seed: UInt64(count))
        for _ in 0..<count {
            let element = String(UInt64.random(in: 0...UInt64.max, using: &generator))
            _ = run(simulator, client, "PFADD", "sparse", element)
            _ = run(simulator, client, "PFADD", "dense", element)
        }
        #expect(run(simulator, client, "PFDEBUG", "ENCODING", "sparse") == .reply(.simpleString("sparse")))
        #expect(run(simulator, client, "PFCOUNT", "sparse") == run(simulator, client, "PFCOUNT", "dense"))
        #expect(run(simulator, client, "PFDEBUG", "GETREG", "sparse") == run(simulator, client, "PFDEBUG", "GETREG", "dense"))
    }

    @Test func aSparseValueTurnsDenseWhenItOutgrowsTheLimit() {
        let simulator = Simulator(), client = simulator.connect()
        _ = run(simulator, client, "CONFIG", "SET", "hll-sparse-max-bytes", "200")
        var encodings: [String] = []
        for i in 0..<200 {
            _ = run(simulator, client, "PFADD", "h", "e\(i)")
            if case .reply(.simpleString(let name)) = run(simulator, client, "PFDEBUG", "ENCODING", "h"), encodings.last != name.text {
                encodings.append(name.text)
            }
        }
        #expect(encodings == ["sparse", "dense"])
        #expect(run(simulator, client, "STRLEN", "h") == .reply(.integer(Int64(HyperLogLog.denseSize))))
    }

    /// The register and count redis-server 7.0.15 sets for one element (PFDEBUG GETREG after
    /// one PFADD): tails of 0 to 7 bytes after whole 8-byte blocks all go through MurmurHash64A.
    @Test(arguments: [("a", 12711, 2), ("foo", 7348, 5), ("", 5938, 2), ("12345678", 10579, 3), ("123456789abcdefgh", 1958, 3)])
    func elementsLandInRedisRegisters(_ element: String, _ index: Int, _ count: Int) {
        let found = HyperLogLog.registerAndCount(for: ByteString(element))
        #expect(found.index == index)
        #expect(Int(found.count) == count)
    }
}
