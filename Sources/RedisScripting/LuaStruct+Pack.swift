import CLua

extension LuaStruct {
    /// `struct.pack(format, ...)`: the values laid out as the format says, as one string.
    static func pack(_ L: OpaquePointer) -> Int32 {
        LuaLibraryCall.finish(L, Result { () throws(LuaLibraryFailure) -> Int32 in
            let packed = try packedBytes(LuaLibraryCall(L: L))
            LuaLibraryCall.pushBytes(L, packed)
            return 1
        })
    }

    private static func packedBytes(_ call: LuaLibraryCall) throws(LuaLibraryFailure) -> [UInt8] {
        var reader = FormatReader(try call.bytes(1))
        // Redis pushes a nil above the arguments before reading them, so the first missing
        // value reads as nil rather than as no value.
        lua_pushnil(call.L)
        var layout = Layout()
        var argument: Int32 = 2
        var output: [UInt8] = []
        while let option = reader.nextOption() {
            var size = try itemSize(option, &reader)
            output += repeatElement(0, count: Int(padding(at: UInt(output.count), option: option, size: size, layout: layout)))
            switch option {
            case UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "h"), UInt8(ascii: "H"), UInt8(ascii: "l"),
                 UInt8(ascii: "L"), UInt8(ascii: "T"), UInt8(ascii: "i"), UInt8(ascii: "I"):
                let n = try call.number(argument)
                argument += 1
                output += integerBytes(n, size: size, littleEndian: layout.littleEndian)
            case UInt8(ascii: "x"):
                output.append(0)
            case UInt8(ascii: "f"):
                let bits = Float(try call.number(argument)).bitPattern
                argument += 1
                output += ordered(littleEndianBytes(UInt64(bits), count: 4), littleEndian: layout.littleEndian)
            case UInt8(ascii: "d"):
                let bits = try call.number(argument).bitPattern
                argument += 1
                output += ordered(littleEndianBytes(bits, count: 8), littleEndian: layout.littleEndian)
            case UInt8(ascii: "c"), UInt8(ascii: "s"):
                let string = try call.bytes(argument)
                argument += 1
                if size == 0 { size = string.count }
                // Redis names the argument after the string here, a quirk kept for identical errors.
                guard string.count >= size else { throw .argument(argument, "string too short") }
                output += string[..<size]
                if option == UInt8(ascii: "s") { output.append(0) }
            default:
                try applyControl(option, &reader, to: &layout)
            }
        }
        return output
    }

    /// An integer item: the number cast to a 64-bit integer, its low `size` bytes (zeros beyond the eighth).
    private static func integerBytes(_ n: Double, size: Int, littleEndian: Bool) -> [UInt8] {
        var value = n < 0 ? UInt64(bitPattern: CNumericCasts.int64(n)) : CNumericCasts.uint64(n)
        var bytes = [UInt8](repeating: 0, count: size)
        for offset in 0..<size {
            bytes[littleEndian ? offset : size - 1 - offset] = UInt8(truncatingIfNeeded: value)
            value >>= 8
        }
        return bytes
    }

    static func littleEndianBytes(_ value: UInt64, count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    static func ordered(_ littleEndianBytes: [UInt8], littleEndian: Bool) -> [UInt8] {
        littleEndian ? littleEndianBytes : littleEndianBytes.reversed()
    }
}
