import Testing
import RESP
import RedisSimulator
@testable import RedisScripting

/// `struct` and `cmsgpack` without a redis-server: expected bytes and texts were read from
/// redis-server 7.0.15; the sweeps check the encodings against the MessagePack specification.
@Suite struct LuaLibrariesTests {
    let bench = ScriptBench()

    @Test func structPacksIntegersInEitherByteOrder() {
        #expect(bench.eval("return struct.pack('>i3<i3', -2, 70000)") == .bulkString([0xFF, 0xFF, 0xFE, 0x70, 0x11, 0x01]))
        #expect(bench.eval("return struct.pack('!4bi', 1, 2)") == .bulkString([1, 0, 0, 0, 2, 0, 0, 0]))
        #expect(bench.eval("return {struct.unpack('>i10', string.char(0,0,128,0,0,0,0,0,0,1))}") == .array([.integer(-32767), .integer(11)]))
    }

    @Test func outOfRangeNumbersConvertAsRedisOnX86() {
        let twoTo63 = 9_223_372_036_854_775_808.0
        #expect(CNumericCasts.uint64(twoTo63) == 1 << 63)
        #expect(CNumericCasts.uint64(twoTo63 * 2) == 0)
        #expect(CNumericCasts.uint64(.nan) == 1 << 63)
        #expect(CNumericCasts.int64(-twoTo63 * 2) == .min)
        #expect(CNumericCasts.int64(-3.99) == -3)
        #expect(CNumericCasts.int32(4_294_967_296) == .min)
        #expect(bench.eval("return struct.pack('>i8', 2^64)") == .bulkString([UInt8](repeating: 0, count: 8)))
    }

    @Test func structErrorsKeepRedisText() {
        let script = "return struct.pack('i')"
        #expect(bench.eval(script) == ScriptBench.raised("ERR user_script:1: bad argument #2 to 'pack' (number expected, got nil)", script))
        let method = "return struct:pack('i')"
        #expect(bench.eval(method) == ScriptBench.raised(
            "ERR user_script:1: calling 'pack' on bad self (string expected, got table)", method))
        #expect(bench.eval("return {pcall(struct.pack, 'y')}")
            == .array([.nullBulkString, .bulk("bad argument #1 to '?' (invalid format option 'y')")]))
    }

    /// Every integer width boundary packs into the smallest MessagePack form and comes back.
    @Test(arguments: [0, 127, 128, 255, 256, 65_535, 65_536, 4_294_967_295, 4_294_967_296,
                      -1, -32, -33, -128, -129, -32_768, -32_769, -2_147_483_648, -2_147_483_649] as [Int64])
    func integersTakeTheSmallestForm(_ n: Int64) {
        let expectedType: UInt8
        switch n {
        case 0...127: expectedType = UInt8(n)
        case 128...255: expectedType = 0xCC
        case 256...65_535: expectedType = 0xCD
        case 65_536...4_294_967_295: expectedType = 0xCE
        case 4_294_967_296...: expectedType = 0xCF
        case -32 ... -1: expectedType = UInt8(truncatingIfNeeded: n)
        case -128 ... -33: expectedType = 0xD0
        case -32_768 ... -129: expectedType = 0xD1
        case -2_147_483_648 ... -32_769: expectedType = 0xD2
        default: expectedType = 0xD3
        }
        #expect(bench.eval("return string.byte(cmsgpack.pack(\(n)))") == .integer(Int64(expectedType)))
        #expect(bench.eval("return cmsgpack.unpack(cmsgpack.pack(\(n))) == \(n)") == .integer(1))
    }

    /// Strings at each length boundary get the header the specification gives their length.
    @Test(arguments: [0, 31, 32, 255, 256, 65_535, 65_536])
    func stringsTakeTheirLengthClass(_ length: Int) {
        let header: [Int64]
        switch length {
        case ..<32: header = [0xA0 + Int64(length)]
        case ...0xFF: header = [0xD9, Int64(length)]
        case ...0xFFFF: header = [0xDA, Int64(length >> 8), Int64(length & 0xFF)]
        default: header = [0xDB, 0, Int64(length >> 16), Int64((length >> 8) & 0xFF), Int64(length & 0xFF)]
        }
        let script = "local s = string.rep('q', \(length)) local p = cmsgpack.pack(s) "
            + "return {cmsgpack.unpack(p) == s, #p, string.byte(p, 1, \(header.count))}"
        #expect(bench.eval(script) == .array([.integer(1), .integer(Int64(length + header.count))] + header.map { .integer($0) }))
    }

    @Test func tablesBecomeArraysOrMaps() {
        #expect(bench.eval("return cmsgpack.pack({a={1,2}})") == .bulkString([0x81, 0xA1, 0x61, 0x92, 0x01, 0x02]))
        #expect(bench.eval("return cmsgpack.pack({[1]='x', [3]='y'})").isMap)
        // A table holding itself stops at the nesting limit: 16 arrays, then nil.
        #expect(bench.eval("local t = {} t[1] = t return cmsgpack.pack(t)") == .bulkString([UInt8](repeating: 0x91, count: 16) + [0xC0]))
    }

    @Test func unpackOffsetsWalkAStream() {
        let script = "local s = cmsgpack.pack(1, 'ab', {3}) local offsets, off = {}, 0 "
            + "repeat off = cmsgpack.unpack_one(s, off) offsets[#offsets + 1] = off until off == -1 return offsets"
        #expect(bench.eval(script) == .array([.integer(1), .integer(4), .integer(-1)]))
        #expect(bench.eval("return {cmsgpack.unpack_limit(cmsgpack.pack(1, 2, 3), 2)}") == .array([.integer(2), .integer(1), .integer(2)]))
    }

    @Test func deepNestingEndsWithRedisStackError() {
        let script = "return cmsgpack.unpack(string.rep(string.char(0x91), 5000) .. string.char(1))"
        #expect(bench.eval(script) == ScriptBench.raised("ERR user_script:1: stack overflow (in function mp_decode_to_lua_array)", script))
        let nilKey = "return cmsgpack.unpack(string.char(0x81, 0xc0, 1))"
        #expect(bench.eval(nilKey) == ScriptBench.raised("ERR table index is nil", nilKey))
    }
}

private extension RESPValue {
    /// True for a bulk string holding one MessagePack fixmap.
    var isMap: Bool {
        guard case .bulkString(let bytes) = self, let first = bytes.first else { return false }
        return first & 0xF0 == 0x80
    }
}
