import CLua

extension LuaMessagePack {
    /// Which unpacking function was called: they differ in their arguments and in whether the
    /// next offset is returned first.
    enum UnpackMode {
        /// `cmsgpack.unpack(data)`: every object.
        case all
        /// `cmsgpack.unpack_one(data [, offset])`: one object, after the next offset.
        case one
        /// `cmsgpack.unpack_limit(data, limit [, offset])`: up to `limit` objects, after the next offset.
        case limit
    }

    /// Why decoding stopped: lua-cmsgpack's cursor errors, and the errors Lua itself raises.
    private enum DecodeStop: Error {
        case missingBytes, badFormat
        case failure(LuaLibraryFailure)
    }

    /// A read position in the data, with the stack depth Redis would have at this point.
    private struct Decoder {
        let L: OpaquePointer
        let data: [UInt8]
        var position: Int
        /// Values Redis keeps below the decoded ones (its arguments), counted against Lua's cap.
        let baseline: Int

        var remaining: Int { data.count - position }

        func need(_ count: Int) throws(DecodeStop) { if remaining < count { throw .missingBytes } }

        func reserve(_ reason: String) throws(DecodeStop) {
            guard baseline + Int(lua_gettop(L)) + 1 <= LuaLibraryCall.maximumStack, lua_checkstack(L, 2) != 0 else {
                throw .failure(.message("stack overflow (\(reason))"))
            }
        }

        func bigEndian(at offset: Int, bytes: Int) -> UInt64 {
            var value: UInt64 = 0
            for byte in data[(position + offset)..<(position + offset + bytes)] { value = value << 8 | UInt64(byte) }
            return value
        }

        mutating func pushString(headerLength: Int, length: Int) throws(DecodeStop) {
            try need(headerLength + length)
            LuaLibraryCall.pushBytes(L, Array(data[(position + headerLength)..<(position + headerLength + length)]))
            position += headerLength + length
        }

        mutating func pushNumber(_ value: Double, length: Int) {
            lua_pushnumber(L, value)
            position += length
        }

        /// A table being filled: how many elements (or pairs) are still to come.
        private struct OpenTable {
            let isArray: Bool
            var remaining: Int
            var nextIndex = 1
            /// A map's key is on the stack, waiting for its value.
            var awaitingValue = false
        }

        /// Decodes one object onto the stack. Nesting is followed with a list of open tables
        /// rather than recursion, so any depth Lua's stack allows fits in the thread's stack.
        mutating func decodeObject() throws(DecodeStop) {
            var open: [OpenTable] = []
            while true {
                var complete = try decodeItem(opening: &open)
                while let last = open.indices.last {
                    if complete {
                        if open[last].isArray {
                            lua_rawset(L, -3)
                            open[last].remaining -= 1
                        } else if open[last].awaitingValue {
                            // Lua refuses these keys when Redis stores the pair.
                            if lua_type(L, -2) == LUA_TNIL { throw .failure(.bare(Array("table index is nil".utf8))) }
                            if lua_type(L, -2) == LUA_TNUMBER, lua_tonumber(L, -2).isNaN {
                                throw .failure(.bare(Array("table index is NaN".utf8)))
                            }
                            lua_rawset(L, -3)
                            open[last].remaining -= 1
                            open[last].awaitingValue = false
                        } else {
                            open[last].awaitingValue = true
                        }
                    }
                    if open[last].remaining == 0 && !open[last].awaitingValue {
                        open.removeLast()
                        complete = true
                        continue
                    }
                    if open[last].isArray {
                        lua_pushnumber(L, Double(open[last].nextIndex))
                        open[last].nextIndex += 1
                    }
                    break
                }
                if open.isEmpty { return }
            }
        }

        /// Reads one item: a whole value pushed (true), or a new table pushed and opened (false).
        private mutating func decodeItem(opening open: inout [OpenTable]) throws(DecodeStop) -> Bool {
            try need(1)
            try reserve("too many return values at once; use unpack_one or unpack_limit instead.")
            let type = data[position]
            switch type {
            case 0xCC: try need(2); pushNumber(Double(bigEndian(at: 1, bytes: 1)), length: 2)
            case 0xCD: try need(3); pushNumber(Double(bigEndian(at: 1, bytes: 2)), length: 3)
            case 0xCE: try need(5); pushNumber(Double(bigEndian(at: 1, bytes: 4)), length: 5)
            // Redis pushes unsigned 64-bit values through a signed integer: the top half wraps negative.
            case 0xCF, 0xD3: try need(9); pushNumber(Double(Int64(bitPattern: bigEndian(at: 1, bytes: 8))), length: 9)
            case 0xD0: try need(2); pushNumber(Double(Int8(truncatingIfNeeded: bigEndian(at: 1, bytes: 1))), length: 2)
            case 0xD1: try need(3); pushNumber(Double(Int16(truncatingIfNeeded: bigEndian(at: 1, bytes: 2))), length: 3)
            case 0xD2: try need(5); pushNumber(Double(Int32(truncatingIfNeeded: bigEndian(at: 1, bytes: 4))), length: 5)
            case 0xC0: lua_pushnil(L); position += 1
            case 0xC2, 0xC3: lua_pushboolean(L, type == 0xC3 ? 1 : 0); position += 1
            case 0xCA:
                try need(5)
                pushNumber(Double(Float(bitPattern: UInt32(bigEndian(at: 1, bytes: 4)))), length: 5)
            case 0xCB:
                try need(9)
                pushNumber(Double(bitPattern: bigEndian(at: 1, bytes: 8)), length: 9)
            case 0xD9: try need(2); try pushString(headerLength: 2, length: Int(bigEndian(at: 1, bytes: 1)))
            case 0xDA: try need(3); try pushString(headerLength: 3, length: Int(bigEndian(at: 1, bytes: 2)))
            case 0xDB: try need(5); try pushString(headerLength: 5, length: Int(bigEndian(at: 1, bytes: 4)))
            case 0xDC: try need(3); try openTable(isArray: true, count: Int(bigEndian(at: 1, bytes: 2)), headerLength: 3, &open)
            case 0xDD: try need(5); try openTable(isArray: true, count: Int(bigEndian(at: 1, bytes: 4)), headerLength: 5, &open)
            case 0xDE: try need(3); try openTable(isArray: false, count: Int(bigEndian(at: 1, bytes: 2)), headerLength: 3, &open)
            case 0xDF: try need(5); try openTable(isArray: false, count: Int(bigEndian(at: 1, bytes: 4)), headerLength: 5, &open)
            case 0x00...0x7F: pushNumber(Double(type), length: 1)
            case 0xE0...0xFF: pushNumber(Double(Int8(bitPattern: type)), length: 1)
            case 0xA0...0xBF: try pushString(headerLength: 1, length: Int(type & 0x1F))
            case 0x90...0x9F: try openTable(isArray: true, count: Int(type & 0x0F), headerLength: 1, &open)
            case 0x80...0x8F: try openTable(isArray: false, count: Int(type & 0x0F), headerLength: 1, &open)
            default: throw .badFormat
            }
            return !(0x80...0x9F).contains(type) && !(0xDC...0xDF).contains(type)
        }

        /// An array becomes a table indexed from 1 (nil elements leave holes); a map, a table.
        private mutating func openTable(isArray: Bool, count: Int, headerLength: Int, _ open: inout [OpenTable]) throws(DecodeStop) {
            position += headerLength
            lua_createtable(L, 0, 0)
            if isArray { try reserve("in function mp_decode_to_lua_array") }
            open.append(OpenTable(isArray: isArray, remaining: count))
        }
    }

    /// The three unpacking functions.
    static func unpack(_ L: OpaquePointer, mode: UnpackMode) -> Int32 {
        LuaLibraryCall.finish(L, Result { () throws(LuaLibraryFailure) -> Int32 in
            let call = LuaLibraryCall(L: L)
            var limit = 0, offset = 0
            switch mode {
            case .all: break
            case .one:
                offset = try call.integer(2, default: 0)
                limit = 1
            case .limit:
                limit = try call.integer(2)
                offset = try call.integer(3, default: 0)
            }
            // unpack_one and unpack_limit drop all but the data before reading it; unpack keeps them.
            if mode != .all, lua_gettop(L) > 1 { lua_settop(L, 1) }
            let data = try call.bytes(1)
            let baseline = Int(call.argumentCount)
            lua_settop(L, 0)
            return try unpackObjects(L, data: data, limit: limit, offset: offset, baseline: baseline)
        })
    }

    private static func unpackObjects(_ L: OpaquePointer, data: [UInt8], limit: Int, offset: Int, baseline: Int) throws(LuaLibraryFailure) -> Int32 {
        if offset < 0 || limit < 0 {
            // Redis prints the data's length where the limit belongs; kept for identical errors.
            throw .message("Invalid request to unpack with offset of \(Int32(truncatingIfNeeded: offset)) and limit of \(Int32(truncatingIfNeeded: data.count)).")
        }
        if offset > data.count {
            throw .message("Start offset \(Int32(truncatingIfNeeded: offset)) greater than input length \(Int32(truncatingIfNeeded: data.count)).")
        }
        let everything = limit == 0 && offset == 0
        let wanted = everything ? Int(Int32.max) : limit
        var decoder = Decoder(L: L, data: data, position: offset, baseline: baseline)
        var count = 0
        while decoder.remaining > 0, count < wanted {
            do {
                try decoder.decodeObject()
            } catch {
                switch error {
                case .missingBytes: throw .message("Missing bytes in input.")
                case .badFormat: throw .message("Bad data format in input.")
                case .failure(let failure): throw failure
                }
            }
            count += 1
        }
        if !everything {
            guard baseline + Int(lua_gettop(L)) + 1 <= LuaLibraryCall.maximumStack, lua_checkstack(L, 2) != 0 else {
                throw .message("stack overflow (in function mp_unpack_full)")
            }
            lua_pushinteger(L, decoder.remaining == 0 ? -1 : decoder.position)
            lua_insert(L, 1)
        }
        return lua_gettop(L)
    }
}
