#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLua
import RESP
import RedisSimulator

/// Redis 7.0's conversions between Lua values and replies (script_lua.c), for scripts on
/// RESP2 (the default) and on RESP3 (`redis.setresp(3)`).
/// Only raw table access is used, so no metamethod can raise a Lua error through Swift.
enum LuaConversion {
    /// Deepest table nesting converted before answering Redis's stack-limit error.
    static let maximumDepth = 1000

    /// Pushes `reply` as Redis hands command replies to scripts: integers → numbers, bulk →
    /// strings, RESP2 nulls → false, arrays → tables, status → `{ok=…}`, error → `{err=…}`;
    /// and RESP3's: null → nil, boolean → boolean, double → `{double=…}`, map → `{map={k=v}}`,
    /// set → `{set={member=true}}`, big number → `{big_number=…}`, verbatim string →
    /// `{verbatim_string={format=…, string=…}}`.
    static func push(_ L: OpaquePointer, _ reply: RESPValue) {
        guard lua_checkstack(L, 5) != 0 else { return }
        switch reply {
        case .null: lua_pushnil(L)
        case .boolean(let truth): lua_pushboolean(L, truth ? 1 : 0)
        case .double(let number):
            lua_createtable(L, 0, 1)
            lua_pushstring(L, "double")
            lua_pushnumber(L, number)
            lua_rawset(L, -3)
        case .bigNumber(let digits):
            lua_createtable(L, 0, 1)
            lua_pushstring(L, "big_number")
            pushBytes(L, Array(digits.utf8))
            lua_rawset(L, -3)
        case .verbatimString(let format, let text):
            lua_createtable(L, 0, 1)
            lua_pushstring(L, "verbatim_string")
            lua_createtable(L, 0, 2)
            lua_pushstring(L, "string")
            pushBytes(L, text)
            lua_rawset(L, -3)
            lua_pushstring(L, "format")
            pushBytes(L, Array(format.utf8))
            lua_rawset(L, -3)
            lua_rawset(L, -3)
        case .map(let items), .set(let items):
            let isMap: Bool
            if case .map = reply { isMap = true } else { isMap = false }
            lua_createtable(L, 0, 1)
            lua_pushstring(L, isMap ? "map" : "set")
            lua_createtable(L, 0, Int32(clamping: isMap ? items.count / 2 : items.count))
            var index = 0
            while index < items.count {
                push(L, items[index])
                if isMap, index + 1 < items.count {
                    push(L, items[index + 1])
                    index += 1
                } else {
                    lua_pushboolean(L, 1)
                }
                // A nil key (a null member) cannot index a table; Redis's lua_settable would
                // raise, so such an entry is left out.
                if lua_type(L, -2) == LUA_TNIL { redislings_lua_pop(L, 2) } else { lua_rawset(L, -3) }
                index += 1
            }
            lua_rawset(L, -3)
        case .integer(let i): lua_pushnumber(L, lua_Number(i))
        case .bulkString(let bytes): pushBytes(L, bytes)
        case .nullBulkString, .nullArray: lua_pushboolean(L, 0)
        case .simpleString(let s):
            lua_createtable(L, 0, 1)
            lua_pushstring(L, "ok")
            pushBytes(L, s.bytes)
            lua_rawset(L, -3)
        case .error(let message):
            pushErrorTable(L, errorText([UInt8(ascii: "-")] + message.bytes))
            lua_pushstring(L, "ignore_error_stats_update")
            lua_pushboolean(L, 1)
            lua_rawset(L, -3)
        case .array(let items), .push(let items):
            lua_createtable(L, Int32(clamping: items.count), 0)
            for (offset, item) in items.enumerated() {
                push(L, item)
                lua_rawseti(L, -2, Int32(clamping: offset + 1))
            }
        }
    }

    /// True when the value at `index` is an error table marked `ignore_error_stats_update`: an
    /// error a command answered inside the script, already counted in errorstats.
    static func carriesCountedError(_ L: OpaquePointer, _ index: Int32) -> Bool {
        guard redislings_lua_istable(L, index) != 0 else { return false }
        defer { redislings_lua_pop(L, 2) }
        lua_pushstring(L, "err")
        lua_rawget(L, index)
        lua_pushstring(L, "ignore_error_stats_update")
        lua_rawget(L, index)
        return lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TBOOLEAN && lua_toboolean(L, -1) != 0
    }

    /// Pushes `{err = text}`.
    static func pushErrorTable(_ L: OpaquePointer, _ text: [UInt8]) {
        lua_createtable(L, 0, 1)
        lua_pushstring(L, "err")
        pushBytes(L, text)
        lua_rawset(L, -3)
    }

    /// Redis's luaPushErrorBuff: `-CODE msg` keeps its code, a bare message gets `ERR`, and
    /// line breaks at either end are trimmed. Bytes throughout: a code need not be UTF-8.
    static func errorText(_ buffer: [UInt8]) -> [UInt8] {
        var code = Array("ERR".utf8)
        var message = buffer[...]
        if buffer.first == UInt8(ascii: "-") {
            let rest = buffer.dropFirst()
            if let space = rest.firstIndex(of: UInt8(ascii: " ")) {
                code = Array(rest[..<space])
                message = rest[(space + 1)...]
            } else {
                message = rest
            }
        }
        let isBreak: (UInt8) -> Bool = { $0 == 13 || $0 == 10 }
        while let first = message.first, isBreak(first) { message = message.dropFirst() }
        while let last = message.last, isBreak(last) { message = message.dropLast() }
        return code + [UInt8(ascii: " ")] + message
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
    /// numbers truncated to integers, true → 1 and false → null (a RESP3 boolean once the
    /// script ran `redis.setresp(3)`), nil → null, `{err=…}`, `{ok=…}`, `{double=…}`,
    /// `{big_number=…}`, `{verbatim_string=…}`, `{map=…}`, `{set=…}`, arrays up to the first nil.
    static func reply(_ L: OpaquePointer, _ index: Int32, depth: Int = 0, resp: Int = 2) -> RESPValue {
        switch lua_type(L, index) {
        case LUA_TSTRING: return .bulkString(bytes(L, index) ?? [])
        case LUA_TBOOLEAN:
            let truth = lua_toboolean(L, index) != 0
            if resp >= 3 { return .boolean(truth) }
            return truth ? .integer(1) : .nullBulkString
        case LUA_TNUMBER: return .integer(truncated(lua_tonumber(L, index)))
        case LUA_TTABLE: return tableReply(L, index, depth: depth, resp: resp)
        default: return .null
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

    private static func tableReply(_ L: OpaquePointer, _ index: Int32, depth: Int, resp: Int) -> RESPValue {
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
            return .double(value)
        }
        redislings_lua_pop(L, 1)
        if field(L, index, "big_number") == LUA_TSTRING {
            let text = bytes(L, -1) ?? []
            redislings_lua_pop(L, 1)
            return .bigNumber(String(decoding: text.map { $0 == 13 || $0 == 10 ? 32 : $0 }, as: UTF8.self))
        }
        redislings_lua_pop(L, 1)
        if field(L, index, "verbatim_string") == LUA_TTABLE {
            let inner = lua_gettop(L)
            let format = field(L, inner, "format") == LUA_TSTRING ? bytes(L, -1) : nil
            redislings_lua_pop(L, 1)
            let text = field(L, inner, "string") == LUA_TSTRING ? bytes(L, -1) : nil
            redislings_lua_pop(L, 1)
            if let format, let text {
                redislings_lua_pop(L, 1)
                // addReplyVerbatim writes the first three bytes of the format.
                let code = String(decoding: (format + Array("   ".utf8)).prefix(3), as: UTF8.self)
                return .verbatimString(format: code, text: text)
            }
        }
        redislings_lua_pop(L, 1)
        for kind in ["map", "set"] {
            if field(L, index, kind) == LUA_TTABLE {
                let inner = lua_gettop(L)
                var items: [RESPValue] = []
                lua_pushnil(L)
                while lua_next(L, inner) != 0 {
                    items.append(reply(L, lua_gettop(L) - 1, depth: depth + 1, resp: resp))
                    if kind == "map" { items.append(reply(L, lua_gettop(L), depth: depth + 1, resp: resp)) }
                    redislings_lua_pop(L, 1)
                }
                redislings_lua_pop(L, 1)
                return kind == "map" ? .map(items) : .set(items)
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
            items.append(reply(L, lua_gettop(L), depth: depth + 1, resp: resp))
            redislings_lua_pop(L, 1)
            position += 1
        }
        return .array(items)
    }

    /// Status and error replies cannot hold line breaks; Redis turns each CR and LF into a space.
    static func oneLine(_ bytes: [UInt8]) -> RESPLine {
        RESPLine(bytes: bytes.map { $0 == 13 || $0 == 10 ? 32 : $0 })
    }

    /// `%.17g`, as Redis formats numbers passed to `redis.call` and doubles.
    static func formatG17(_ value: Double) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            _ = withVaList([value]) { vsnprintf(buffer.baseAddress, 64, "%.17g", $0) }
            return String(cString: buffer.baseAddress!)
        }
    }
}
