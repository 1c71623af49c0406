import Testing
import RESP
@testable import RedisSimulator
import RedislingsTestSupport

/// Bit commands and HyperLogLogs edit a string's bytes where they are, without copying them.
@Suite struct StringInPlaceEditTests {
    /// The address of the bytes stored at `key`.
    static func storageAddress(_ simulator: Simulator, _ key: String) -> UnsafeRawPointer? {
        simulator.withLock { state in
            guard case .string(let value)? = state.databases[0].entries[ByteString(key)] else { return nil }
            return value.withUnsafeBytes { $0.baseAddress.map { UnsafeRawPointer($0) } }
        }
    }

    @Test func setbitWithinAStringWritesInPlace() throws {
        let simulator = Simulator(), client = simulator.connect()
        _ = run(simulator, client, "SETBIT", "bits", "80000", "1")
        let before = try #require(Self.storageAddress(simulator, "bits"))
        for offset in stride(from: 0, to: 80000, by: 997) {
            #expect(run(simulator, client, "SETBIT", "bits", String(offset), "1") == .reply(.integer(0)))
        }
        #expect(Self.storageAddress(simulator, "bits") == before)
        #expect(run(simulator, client, "BITCOUNT", "bits") == .reply(.integer(82)))
    }

    @Test func pfaddOnADenseValueWritesInPlace() throws {
        let simulator = Simulator(), client = simulator.connect()
        _ = run(simulator, client, "PFADD", "h", "a")
        _ = run(simulator, client, "PFDEBUG", "TODENSE", "h")
        let before = try #require(Self.storageAddress(simulator, "h"))
        for i in 0..<200 { _ = run(simulator, client, "PFADD", "h", "element\(i)") }
        #expect(Self.storageAddress(simulator, "h") == before)
        #expect(run(simulator, client, "PFCOUNT", "h") == .reply(.integer(201)))
    }

    @Test func editingOneKeyLeavesACopySharingItsBytesUntouched() {
        let simulator = Simulator(), client = simulator.connect()
        _ = run(simulator, client, "SET", "a", String(repeating: "x", count: 100))
        _ = run(simulator, client, "COPY", "a", "b")
        _ = run(simulator, client, "SETBIT", "a", "1", "0")
        #expect(run(simulator, client, "GET", "b") == .reply(.bulk(ByteString(String(repeating: "x", count: 100)))))
        #expect(run(simulator, client, "GETRANGE", "a", "0", "1") == .reply(.bulk("8x")))
    }
}
