#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLua
import RESP
import RedisSimulator

/// Redis 7.0's conversions between Lua values and replies (script_lua.c), RESP2 side.
/// Only raw table access is used, so no metamethod can raise a Lua error through Swift.
enum LuaConversion {
    /// Deepest table nesting converted before answering Redis's stack-limit error.
    static let maximumDepth = 1000

    /// Pushes `reply` as Redis hands command replies to scripts: integers → numbers, bulk →
    /// strings, nulls → false, arrays → tables, status → `{ok=…}`, error → `{err=…}`.
    static func push(_ L: OpaquePointer, _ reply: RESPValue) {
        guard lua_checkstack(L, 3) != 0 else { return }
        switch reply {
        case .integer(let i): lua_pushnumber(L, lua_Number(i))
        case .bulkString(let bytes): pushBytes(L, bytes)
        case .nullBulkString, .nullArray: lua_pushboolean(L, 0)
        case .simpleString(let s):
            lua_createtable(L, 0, 1)
            lua_pushstring(L, "ok")
            pushBytes(L, Array(s.utf8))
            lua_rawset(L, -3)
        case .error(let message):
            pushErrorTable(L, errorText("-" + message))
            lua_pushstring(L, "ignore_error_stats_update")
            lua_pushboolean(L, 1)
            lua_rawset(L, -3)
        case .array(let items):
            lua_createtable(L, Int32(clamping: items.count), 0)
            for (offset, item) in items.enumerated() {
                push(L, item)
                lua_rawseti(L, -2, Int32(clamping: offset + 1))
            }
        }
    }

    /// Pushes `{err = text}`.
    static func pushErrorTable(_ L: OpaquePointer, _ text: String) {
        lua_createtable(L, 0, 1)
        lua_pushstring(L, "err")
        pushBytes(L, Array(text.utf8))
        lua_rawset(L, -3)
    }

    /// Redis's luaPushErrorBuff: `-CODE msg` keeps its code, a bare message gets `ERR`, and
    /// line breaks at either end are trimmed.
    static func errorText(_ buffer: String) -> String {
        var code = "ERR"
        var message = Substring(buffer)
        if buffer.hasPrefix("-") {
            let rest = buffer.dropFirst()
            if let space = rest.firstIndex(of: " ") {
                code = String(rest[..<space])
                message = rest[rest.index(after: space)...]
            } else {
                message = rest
            }
        }
        let isBreak: (Character) -> Bool = { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        while let first = message.first, isBreak(first) { message = message.dropFirst() }
        while let last = message.last, isBreak(last) { message = message.dropLast() }
        return code + " " + message
    }

    static func pushBytes(_ L: OpaquePointer, _ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { lua_pushlstring(L, $0.baseAddress, $0.count) }
        }
    }

    /// The bytes of the string or number at `index` (numbers as Lua prints them), else nil.
    static func bytes(_ L: OpaquePointer, _ index: Int32) -> [UInt8]? {
        var length = 0
        guard let pointer = lua_tolstring(L, index, &length) else { return nil }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    }

    /// The reply for the Lua value at absolute `index`, as Redis converts a script's result:
    /// numbers truncated to integers, true → 1, false/nil → null, `{err=…}`, `{ok=…}`, arrays
    /// up to the first nil.
    static func reply(_ L: OpaquePointer, _ index: Int32, depth: Int = 0) -> RESPValue {
        switch lua_type(L, index) {
        case LUA_TSTRING: return .bulkString(bytes(L, index) ?? [])
        case LUA_TBOOLEAN: return lua_toboolean(L, index) != 0 ? .integer(1) : .nullBulkString
        case LUA_TNUMBER: return .integer(truncated(lua_tonumber(L, index)))
        case LUA_TTABLE: return tableReply(L, index, depth: depth)
        default: return .nullBulkString
        }
    }

    /// C's `(long long)` cast as x86-64 does it: out of range and NaN give INT64_MIN.
    static func truncated(_ number: Double) -> Int64 {
        guard number.isFinite, number >= -9.223372036854775808e18, number < 9.223372036854775808e18 else {
            return .min
        }
        return Int64(number)
    }

    private static func field(_ L: OpaquePointer, _ table: Int32, _ name: String) -> Int32 {
        lua_pushstring(L, name)
        lua_rawget(L, table)
        return lua_type(L, -1)
    }

    private static func tableReply(_ L: OpaquePointer, _ index: Int32, depth: Int) -> RESPValue {
        guard depth < maximumDepth, lua_checkstack(L, 4) != 0 else { return .error("ERR reached lua stack limit") }
        if field(L, index, "err") == LUA_TSTRING {
            let text = bytes(L, -1) ?? []
            redislings_lua_pop(L, 1)
            return .error(oneLine(text))
        }
        redislings_lua_pop(L, 1)
        if field(L, index, "ok") == LUA_TSTRING {
            let text = bytes(L, -1) ?? []
            redislings_lua_pop(L, 1)
            return .simpleString(oneLine(text))
        }
        redislings_lua_pop(L, 1)
        if field(L, index, "double") == LUA_TNUMBER {
            let value = lua_tonumber(L, -1)
            redislings_lua_pop(L, 1)
            return .bulk(formatG17(value))
        }
        redislings_lua_pop(L, 1)
        if field(L, index, "big_number") == LUA_TSTRING {
            let text = bytes(L, -1) ?? []
            redislings_lua_pop(L, 1)
            return .bulkString(text.map { $0 == 13 || $0 == 10 ? 32 : $0 })
        }
        redislings_lua_pop(L, 1)
        for kind in ["map", "set"] {
            if field(L, index, kind) == LUA_TTABLE {
                let inner = lua_gettop(L)
                var items: [RESPValue] = []
                lua_pushnil(L)
                while lua_next(L, inner) != 0 {
                    items.append(reply(L, lua_gettop(L) - 1, depth: depth + 1))
                    if kind == "map" { items.append(reply(L, lua_gettop(L), depth: depth + 1)) }
                    redislings_lua_pop(L, 1)
                }
                redislings_lua_pop(L, 1)
                return .array(items)
            }
            redislings_lua_pop(L, 1)
        }
        var items: [RESPValue] = []
        var position: Int32 = 1
        while true {
            lua_rawgeti(L, index, position)
            if lua_type(L, -1) == LUA_TNIL {
                redislings_lua_pop(L, 1)
                break
            }
            items.append(reply(L, lua_gettop(L), depth: depth + 1))
            redislings_lua_pop(L, 1)
            position += 1
        }
        return .array(items)
    }

    /// Status and error replies cannot hold line breaks; Redis turns each CR and LF into a space.
    static func oneLine(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.map { $0 == 13 || $0 == 10 ? 32 : $0 }, as: UTF8.self)
    }

    /// `%.17g`, as Redis formats numbers passed to `redis.call` and doubles.
    static func formatG17(_ value: Double) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            _ = withVaList([value]) { vsnprintf(buffer.baseAddress, 64, "%.17g", $0) }
            return String(cString: buffer.baseAddress!)
        }
    }
}
