#ifndef REDISLINGS_CLUA_SHIM_H
#define REDISLINGS_CLUA_SHIM_H
#include <lua.h>
#include <lualib.h>
#include <lauxlib.h>

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
#endif
