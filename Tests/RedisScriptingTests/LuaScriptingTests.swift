import Testing
@testable import RedisScripting

@Suite struct LuaScriptingTests {
    @Test func reportsLuaVersion() { #expect(LuaScripting.luaVersion == "Lua 5.1") }
}
