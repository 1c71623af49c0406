import CLua

extension LuaStruct {
    /// `struct.unpack(format, data [, offset])`: the values the format reads from `data`
    /// (starting at 1-based `offset`), then the position after the last byte read.
    static func unpack(_ L: OpaquePointer) -> Int32 {
        LuaLibraryCall.finish(L, Result { () throws(LuaLibraryFailure) -> Int32 in
            let call = LuaLibraryCall(L: L)
            let format = try call.bytes(1)
            let data = try call.bytes(2)
            let offset = try call.integer(3, default: 1)
            guard offset != 0 else { throw .argument(3, "offset must be 1 or greater") }
            // The values are pushed as they are read (a `c0` reads the count before it back),
            // where the arguments were; Lua's stack cap still counts the arguments Redis keeps.
            let argumentCount = Int(call.argumentCount)
            lua_settop(L, 0)
            return try unpackValues(L, format: format, data: data, start: UInt(bitPattern: offset) &- 1, argumentCount: argumentCount)
        })
    }

    private static func unpackValues(_ L: OpaquePointer, format: [UInt8], data: [UInt8], start: UInt, argumentCount: Int) throws(LuaLibraryFailure) -> Int32 {
        var reader = FormatReader(format)
        var layout = Layout()
        var position = start
        let length = UInt(data.count)
        func fits(_ size: UInt) -> Bool { size <= length && position <= length - size }
        while let option = reader.nextOption() {
            var size = UInt(try itemSize(option, &reader))
            position &+= padding(at: position, option: option, size: Int(size), layout: layout)
            guard fits(size) else { throw .argument(2, "data string too short") }
            guard argumentCount + Int(lua_gettop(L)) + 2 <= LuaLibraryCall.maximumStack, lua_checkstack(L, 2) != 0 else {
                throw .message("stack overflow (too many results)")
            }
            let item = data[Int(position)..<Int(position + size)]
            switch option {
            case UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "h"), UInt8(ascii: "H"), UInt8(ascii: "l"),
                 UInt8(ascii: "L"), UInt8(ascii: "T"), UInt8(ascii: "i"), UInt8(ascii: "I"):
                lua_pushnumber(L, integerValue(item, signed: option >= UInt8(ascii: "a"), littleEndian: layout.littleEndian))
            case UInt8(ascii: "x"):
                break
            case UInt8(ascii: "f"):
                let bits = UInt32(truncatingIfNeeded: bitPattern(item, littleEndian: layout.littleEndian))
                lua_pushnumber(L, Double(Float(bitPattern: bits)))
            case UInt8(ascii: "d"):
                lua_pushnumber(L, Double(bitPattern: bitPattern(item, littleEndian: layout.littleEndian)))
            case UInt8(ascii: "c"):
                if size == 0 {
                    // `c0`: the string's length is the value read just before.
                    guard lua_gettop(L) > 0, lua_isnumber(L, -1) != 0 else { throw .message("format 'c0' needs a previous size") }
                    size = UInt(CNumericCasts.uint64(lua_tonumber(L, -1)))
                    lua_settop(L, -2)
                    guard fits(size) else { throw .argument(2, "data string too short") }
                }
                LuaLibraryCall.pushBytes(L, Array(data[Int(position)..<Int(position + size)]))
            case UInt8(ascii: "s"):
                guard let end = data[Int(position)...].firstIndex(of: 0) else { throw .message("unfinished string in data") }
                LuaLibraryCall.pushBytes(L, Array(data[Int(position)..<end]))
                size = UInt(end) - position + 1
            default:
                try applyControl(option, &reader, to: &layout)
            }
            position &+= size
        }
        lua_pushinteger(L, Int(bitPattern: position &+ 1))
        return lua_gettop(L)
    }

    /// An integer item read into 64 bits (bytes beyond the eighth push the first ones out),
    /// sign-extended from the item's top bit for lower-case options.
    private static func integerValue(_ item: ArraySlice<UInt8>, signed: Bool, littleEndian: Bool) -> Double {
        var value: UInt64 = 0
        for byte in (littleEndian ? Array(item.reversed()) : Array(item)) { value = (value &<< 8) | UInt64(byte) }
        guard signed else { return Double(value) }
        // The shift count wraps at 64 as the C shift does on x86-64 and arm64.
        let signBits = UInt64.max &<< (item.count * 8 - 1)
        if value & signBits != 0 { value |= signBits }
        return Double(Int64(bitPattern: value))
    }

    /// The bytes of a float or double item as an integer, in the layout's byte order.
    private static func bitPattern(_ item: ArraySlice<UInt8>, littleEndian: Bool) -> UInt64 {
        var value: UInt64 = 0
        for byte in (littleEndian ? Array(item.reversed()) : Array(item)) { value = (value << 8) | UInt64(byte) }
        return value
    }

    /// `struct.size(format)`: the bytes a format packs into; `s` and `c0` have no fixed size.
    static func size(_ L: OpaquePointer) -> Int32 {
        LuaLibraryCall.finish(L, Result { () throws(LuaLibraryFailure) -> Int32 in
            var reader = FormatReader(try LuaLibraryCall(L: L).bytes(1))
            var layout = Layout()
            var position: UInt = 0
            while let option = reader.nextOption() {
                let size = try itemSize(option, &reader)
                position &+= padding(at: position, option: option, size: size, layout: layout)
                if option == UInt8(ascii: "s") { throw .argument(1, "option 's' has no fixed size") }
                if option == UInt8(ascii: "c"), size == 0 { throw .argument(1, "option 'c0' has no fixed size") }
                // Letters and digits the format does not know take no room, without an error.
                if !option.isAlphanumeric { try applyControl(option, &reader, to: &layout) }
                position &+= UInt(size)
            }
            lua_pushinteger(L, Int(bitPattern: position))
            return 1
        })
    }
}
