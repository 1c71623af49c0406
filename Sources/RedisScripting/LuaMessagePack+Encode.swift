import CLua

/// Redis's `cmsgpack` library (lua-cmsgpack 0.4.0 as Redis 7.0 bundles it), rebuilt in Swift
/// with its exact encodings and error texts. The prelude wraps each function so that errors
/// are raised from Lua.
enum LuaMessagePack {
    /// Tables nested deeper than this are packed as nil, so a table that contains itself ends.
    static let maximumNesting = 16

    /// `cmsgpack.pack(...)`: every argument encoded, one after the other, in one string.
    static func pack(_ L: OpaquePointer) -> Int32 {
        LuaLibraryCall.finish(L, Result { () throws(LuaLibraryFailure) -> Int32 in
            let count = lua_gettop(L)
            guard count > 0 else { throw .argument(0, "MessagePack pack needs input.") }
            guard Int(count) * 2 <= LuaLibraryCall.maximumStack else { throw .argument(0, "Too many arguments for MessagePack pack.") }
            var output: [UInt8] = []
            for index in 1...count { encodeValue(L, at: index, level: 0, into: &output) }
            LuaLibraryCall.pushBytes(L, output)
            return 1
        })
    }

    /// Encodes the value at absolute stack `index`: functions, userdata and tables nested too
    /// deep become nil.
    private static func encodeValue(_ L: OpaquePointer, at index: Int32, level: Int, into output: inout [UInt8]) {
        switch lua_type(L, index) {
        case LUA_TSTRING:
            var length = 0
            let pointer = lua_tolstring(L, index, &length)!
            let bytes = pointer.withMemoryRebound(to: UInt8.self, capacity: length) { UnsafeBufferPointer(start: $0, count: length) }
            appendStringHeader(length, into: &output)
            output += bytes
        case LUA_TBOOLEAN:
            output.append(lua_toboolean(L, index) != 0 ? 0xC3 : 0xC2)
        case LUA_TNUMBER:
            let n = lua_tonumber(L, index)
            if !n.isInfinite, Double(CNumericCasts.int64(n)) == n {
                appendInteger(CNumericCasts.int64(n), into: &output)
            } else {
                appendFloatingPoint(n, into: &output)
            }
        case LUA_TTABLE where level < maximumNesting:
            guard lua_checkstack(L, 4) != 0 else { output.append(0xC0); return }
            if isSequence(L, at: index) {
                encodeArray(L, at: index, level: level, into: &output)
            } else {
                encodeMap(L, at: index, level: level, into: &output)
            }
        default:
            output.append(0xC0)
        }
    }

    /// True when the table's keys are exactly 1…n (an empty table included).
    private static func isSequence(_ L: OpaquePointer, at index: Int32) -> Bool {
        var count: Int32 = 0, largest: Int32 = 0
        lua_pushnil(L)
        while lua_next(L, index) != 0 {
            lua_settop(L, -2)
            let key = lua_tonumber(L, -1)
            guard lua_type(L, -1) == LUA_TNUMBER, key > 0, Double(CNumericCasts.int32(key)) == key else {
                lua_settop(L, -2)
                return false
            }
            largest = max(largest, Int32(key))
            count += 1
        }
        return largest == count
    }

    private static func encodeArray(_ L: OpaquePointer, at index: Int32, level: Int, into output: inout [UInt8]) {
        let count = lua_objlen(L, index)
        appendCollectionHeader(UInt64(count), small: 0x90, medium: 0xDC, large: 0xDD, into: &output)
        guard count > 0 else { return }
        for element in 1...count {
            lua_rawgeti(L, index, Int32(truncatingIfNeeded: element))
            encodeValue(L, at: lua_gettop(L), level: level + 1, into: &output)
            lua_settop(L, -2)
        }
    }

    private static func encodeMap(_ L: OpaquePointer, at index: Int32, level: Int, into output: inout [UInt8]) {
        var count: UInt64 = 0
        lua_pushnil(L)
        while lua_next(L, index) != 0 {
            lua_settop(L, -2)
            count += 1
        }
        appendCollectionHeader(count, small: 0x80, medium: 0xDE, large: 0xDF, into: &output)
        lua_pushnil(L)
        while lua_next(L, index) != 0 {
            let value = lua_gettop(L)
            encodeValue(L, at: value - 1, level: level + 1, into: &output)
            encodeValue(L, at: value, level: level + 1, into: &output)
            lua_settop(L, -2)
        }
    }

    private static func appendStringHeader(_ length: Int, into output: inout [UInt8]) {
        switch length {
        case ..<32: output.append(0xA0 | UInt8(length))
        case ...0xFF: output += [0xD9, UInt8(length)]
        case ...0xFFFF: output.append(0xDA); appendBigEndian(UInt64(length), bytes: 2, into: &output)
        default: output.append(0xDB); appendBigEndian(UInt64(truncatingIfNeeded: length), bytes: 4, into: &output)
        }
    }

    /// The smallest MessagePack integer that holds `n`: unsigned forms for non-negative numbers.
    private static func appendInteger(_ n: Int64, into output: inout [UInt8]) {
        let bits = UInt64(bitPattern: n)
        if n >= 0 {
            switch n {
            case ...127: output.append(UInt8(n))
            case ...0xFF: output += [0xCC, UInt8(n)]
            case ...0xFFFF: output.append(0xCD); appendBigEndian(bits, bytes: 2, into: &output)
            case ...0xFFFF_FFFF: output.append(0xCE); appendBigEndian(bits, bytes: 4, into: &output)
            default: output.append(0xCF); appendBigEndian(bits, bytes: 8, into: &output)
            }
        } else {
            switch n {
            case (-32)...: output.append(UInt8(truncatingIfNeeded: n))
            case (-128)...: output += [0xD0, UInt8(truncatingIfNeeded: n)]
            case (-32768)...: output.append(0xD1); appendBigEndian(bits, bytes: 2, into: &output)
            case (-2_147_483_648)...: output.append(0xD2); appendBigEndian(bits, bytes: 4, into: &output)
            default: output.append(0xD3); appendBigEndian(bits, bytes: 8, into: &output)
            }
        }
    }

    /// A float when the number survives the trip through single precision, else a double.
    private static func appendFloatingPoint(_ n: Double, into output: inout [UInt8]) {
        let single = Float(n)
        if Double(single) == n {
            output.append(0xCA)
            appendBigEndian(UInt64(single.bitPattern), bytes: 4, into: &output)
        } else {
            output.append(0xCB)
            appendBigEndian(n.bitPattern, bytes: 8, into: &output)
        }
    }

    private static func appendCollectionHeader(_ count: UInt64, small: UInt8, medium: UInt8, large: UInt8, into output: inout [UInt8]) {
        if count <= 15 {
            output.append(small | UInt8(count))
        } else if count <= 0xFFFF {
            output.append(medium)
            appendBigEndian(count, bytes: 2, into: &output)
        } else {
            output.append(large)
            appendBigEndian(count, bytes: 4, into: &output)
        }
    }

    private static func appendBigEndian(_ value: UInt64, bytes: Int, into output: inout [UInt8]) {
        for shift in stride(from: (bytes - 1) * 8, through: 0, by: -8) { output.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }
}
