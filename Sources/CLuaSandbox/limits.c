#include "CLuaSandbox.h"
#include <lauxlib.h>
#include <stdlib.h>

static void count_hook(lua_State *L, lua_Debug *ar);

// The allocator Lua calls for every block. Shrinking and freeing always succeed (Lua requires
// it); growth is refused only while a script runs and would pass the budget.
static void *limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    redislings_lua_limits *limits = (redislings_lua_limits *)ud;
    if (nsize == 0) {
        free(ptr);
        limits->memory_used -= osize;
        return NULL;
    }
    if (nsize > osize && limits->enforcing && limits->memory_budget != 0
        && (nsize - osize > limits->memory_budget || limits->memory_used + (nsize - osize) > limits->memory_budget)) {
        if (!limits->memory_exceeded && limits->L != NULL) {
            // From now on the hook fires on every instruction: a script that caught the memory
            // error with pcall is stopped at its next step.
            lua_sethook(limits->L, count_hook, LUA_MASKCOUNT | LUA_MASKLINE, 1);
        }
        limits->memory_exceeded = 1;
        return NULL;
    }
    void *block = realloc(ptr, nsize);
    if (block == NULL) return NULL;
    limits->memory_used = limits->memory_used - osize + nsize;
    return block;
}

lua_State *redislings_limited_newstate(redislings_lua_limits *limits) {
    limits->memory_used = 0;
    lua_State *L = lua_newstate(limited_alloc, limits);
    limits->L = L;
    return L;
}

static redislings_lua_limits *limits_of(lua_State *L) {
    void *ud = NULL;
    lua_getallocf(L, &ud);
    return (redislings_lua_limits *)ud;
}

// Raises {err = message}. The table is built with the budget lifted, so that even a script
// stopped for memory gets its message rather than Lua's bare "not enough memory".
static int raise_limit(lua_State *L, const char *message) {
    redislings_lua_limits *limits = limits_of(L);
    int enforcing = limits->enforcing;
    limits->enforcing = 0;
    lua_newtable(L);
    lua_pushstring(L, "err");
    lua_pushstring(L, message);
    lua_settable(L, -3);
    limits->enforcing = enforcing;
    return lua_error(L);
}

void redislings_checkpoint(lua_State *L) {
    redislings_lua_limits *limits = limits_of(L);
    if (limits == NULL) return;
    const char *message = NULL;
    if (limits->memory_exceeded) {
        message = limits->memory_message;
    } else if (limits->check != NULL) {
        int code = limits->check(limits->context);
        if (code == REDISLINGS_KILLED) message = limits->killed_message;
        else if (code == REDISLINGS_OUT_OF_TIME) message = limits->budget_message;
    }
    if (message == NULL) return;
    // As Redis does: fire on every line from now on, so pcall cannot swallow the stop.
    lua_sethook(L, count_hook, LUA_MASKLINE | LUA_MASKCOUNT, 1);
    if (limits->L != NULL && limits->L != L) lua_sethook(limits->L, count_hook, LUA_MASKLINE | LUA_MASKCOUNT, 1);
    raise_limit(L, message);
}

// The hook is C so that the error it raises never unwinds through Swift frames: it runs
// between Lua instructions, with only Lua and C frames above the protected call.
static void count_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    redislings_checkpoint(L);
}

void redislings_install_hook(lua_State *L, int count) { lua_sethook(L, count_hook, LUA_MASKCOUNT, count); }

void redislings_remove_hook(lua_State *L) { lua_sethook(L, NULL, 0, 0); }
