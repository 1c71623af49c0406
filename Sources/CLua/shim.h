#ifndef REDISLINGS_CLUA_SHIM_H
#define REDISLINGS_CLUA_SHIM_H
#include <lua.h>
#include <lualib.h>
#include <lauxlib.h>
#include <dlfcn.h>
#include <stddef.h>

// Lua's function-like macros are not imported into Swift; these inline functions are.
static inline void redislings_lua_pop(lua_State *L, int n) { lua_pop(L, n); }
static inline void redislings_lua_newtable(lua_State *L) { lua_newtable(L); }
static inline int redislings_lua_upvalueindex(int i) { return lua_upvalueindex(i); }
static inline const char *redislings_lua_tostring(lua_State *L, int i) { return lua_tostring(L, i); }
static inline void redislings_lua_setglobal(lua_State *L, const char *name) { lua_setglobal(L, name); }
static inline void redislings_lua_getglobal(lua_State *L, const char *name) { lua_getglobal(L, name); }
static inline int redislings_lua_isnil(lua_State *L, int i) { return lua_isnil(L, i); }
static inline int redislings_lua_istable(lua_State *L, int i) { return lua_istable(L, i); }
static inline int redislings_lua_isfunction(lua_State *L, int i) { return lua_isfunction(L, i); }
static inline int redislings_lua_isboolean(lua_State *L, int i) { return lua_isboolean(L, i); }
static inline void redislings_lua_pushcfunction(lua_State *L, lua_CFunction f) { lua_pushcfunction(L, f); }
static inline int redislings_lua_upvalue_registry(void) { return LUA_REGISTRYINDEX; }
static inline int redislings_lua_globalsindex(void) { return LUA_GLOBALSINDEX; }

// Calls the Lua function in upvalue 1 with this call's arguments. If it returns the raise
// marker, then a value (and optionally true to prefix the caller's position, as luaL_error
// does), raises that value from here: a C frame, as Redis's own functions are, so a script's
// `return redis.call(...)` tail call keeps the script's line in the error.
// The raise marker is this function's own address (a unique pointer, as a light userdata).
static int redislings_guarded_call(lua_State *L) {
    int argc = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, argc, LUA_MULTRET);
    int results = lua_gettop(L);
    if (results >= 2 && lua_touserdata(L, 1) == (void *)&redislings_guarded_call) {
        if (results >= 3 && lua_toboolean(L, 3) && lua_type(L, 2) == LUA_TSTRING) {
            luaL_where(L, 1);
            lua_pushvalue(L, 2);
            lua_concat(L, 2);
        } else {
            lua_pushvalue(L, 2);
        }
        return lua_error(L);
    }
    return results;
}

/// Wraps the Lua function on top of the stack in `redislings_guarded_call`.
static inline void redislings_push_guarded(lua_State *L) { lua_pushcclosure(L, redislings_guarded_call, 1); }

/// Pushes the raise marker.
static inline void redislings_push_raise_marker(lua_State *L) { lua_pushlightuserdata(L, (void *)&redislings_guarded_call); }

/// Opens a Lua C module from a shared library (`luaopen_cjson` in the lua-cjson package, …)
/// and stores what it returns as global `name`. Returns 0 on success, -1 if the library or
/// the symbol is missing, or the open function failed.
static inline int redislings_open_shared_module(lua_State *L, const char *library, const char *symbol, const char *name) {
    void *handle = dlopen(library, RTLD_NOW | RTLD_GLOBAL);
    if (handle == NULL) return -1;
    lua_CFunction open = (lua_CFunction)dlsym(handle, symbol);
    if (open == NULL) return -1;
    lua_pushcfunction(L, open);
    lua_pushstring(L, name);
    if (lua_pcall(L, 1, 1, 0) != 0) { lua_pop(L, 1); return -1; }
    lua_setglobal(L, name);
    return 0;
}
#endif
