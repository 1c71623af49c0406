#include "CLuaSandbox.h"
#include <lauxlib.h>

// Library functions whose loops run inside C, where the count hook never fires: the same
// answers as Lua 5.1's, but every few thousand turns they ask whether the script must stop.
enum { TURNS_BETWEEN_CHECKS = 4096 };

// table.insert(t, [pos,] value) as Lua 5.1 does it, including its int conversion of pos:
// table.insert({}, 2^31, 1) moves 2^31 slots, as in Redis, but can now be stopped.
static int bounded_table_insert(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    int end = (int)lua_objlen(L, 1) + 1;
    int position;
    switch (lua_gettop(L)) {
    case 2:
        position = end;
        break;
    case 3: {
        position = luaL_checkint(L, 2);
        if (position > end) end = position;
        unsigned turns = 0;
        for (int i = end; i > position; i--) {
            if (++turns % TURNS_BETWEEN_CHECKS == 0) redislings_checkpoint(L);
            lua_rawgeti(L, 1, i - 1);
            lua_rawseti(L, 1, i);
        }
        break;
    }
    default:
        return luaL_error(L, "wrong number of arguments to 'insert'");
    }
    lua_rawseti(L, 1, position);
    return 0;
}

// string.rep(s, n) as Lua 5.1 does it (n read as an int, so 2^31 gives ""), stoppable.
static int bounded_string_rep(lua_State *L) {
    size_t length;
    const char *text = luaL_checklstring(L, 1, &length);
    int count = luaL_checkint(L, 2);
    if (length == 0 || count <= 0) {
        lua_pushliteral(L, "");
        return 1;
    }
    luaL_Buffer buffer;
    luaL_buffinit(L, &buffer);
    unsigned turns = 0;
    size_t sinceCheck = 0;
    while (count-- > 0) {
        sinceCheck += length;
        if (++turns % TURNS_BETWEEN_CHECKS == 0 || sinceCheck >= (1u << 20)) {
            redislings_checkpoint(L);
            sinceCheck = 0;
        }
        luaL_addlstring(&buffer, text, length);
    }
    luaL_pushresult(&buffer);
    return 1;
}

// Readers that hand Lua's loader a space before a chunk starting with ESC (a binary chunk's
// signature): the text parser then refuses it ("unexpected symbol near 'char(27)'"), as
// Redis's Lua, which cannot load bytecode, does. Lines and columns are unchanged.
typedef struct {
    const char *buffer;
    size_t size;
    int stage; // 0: nothing read, 1: space given, 2: done
} text_reader_state;

static const char *text_reader(lua_State *L, void *data, size_t *size) {
    (void)L;
    text_reader_state *state = (text_reader_state *)data;
    if (state->stage == 0 && state->size > 0 && state->buffer[0] == LUA_SIGNATURE[0]) {
        state->stage = 1;
        *size = 1;
        return " ";
    }
    if (state->stage == 2 || state->size == 0) {
        *size = 0;
        return NULL;
    }
    state->stage = 2;
    *size = state->size;
    return state->buffer;
}

int redislings_load_text(lua_State *L, const char *buffer, size_t size, const char *name) {
    text_reader_state state = {buffer, size, 0};
    return lua_load(L, text_reader, &state, name);
}

static int load_result(lua_State *L, int status) {
    if (status == 0) return 1;
    lua_pushnil(L);
    lua_insert(L, -2);
    return 2;
}

// loadstring(s [, chunkname]).
static int text_loadstring(lua_State *L) {
    size_t size;
    const char *source = luaL_checklstring(L, 1, &size);
    const char *name = luaL_optstring(L, 2, source);
    return load_result(L, redislings_load_text(L, source, size, name));
}

// load(reader [, chunkname]): the reader's pieces, with the same space before a binary chunk.
// Slot 3 anchors the piece being parsed; slot 4 the piece held back behind the space.
typedef struct {
    int stage; // 0: first piece not read, 1: a held piece is due, 2: pass through
} function_reader_state;

static const char *function_reader(lua_State *L, void *data, size_t *size) {
    function_reader_state *state = (function_reader_state *)data;
    if (state->stage == 1) {
        state->stage = 2;
        lua_pushvalue(L, 4);
        lua_replace(L, 3);
        return lua_tolstring(L, 3, size);
    }
    luaL_checkstack(L, 2, "too many nested functions");
    lua_pushvalue(L, 1);
    lua_call(L, 0, 1);
    if (lua_isnil(L, -1)) {
        *size = 0;
        return NULL;
    }
    if (!lua_isstring(L, -1)) luaL_error(L, "reader function must return a string");
    if (state->stage == 0) {
        state->stage = 2;
        size_t length;
        const char *piece = lua_tolstring(L, -1, &length);
        if (length > 0 && piece[0] == LUA_SIGNATURE[0]) {
            state->stage = 1;
            lua_replace(L, 4);
            *size = 1;
            return " ";
        }
    }
    lua_replace(L, 3);
    return lua_tolstring(L, 3, size);
}

static int text_load(lua_State *L) {
    luaL_checktype(L, 1, LUA_TFUNCTION);
    const char *name = luaL_optstring(L, 2, "=(load)");
    lua_settop(L, 4);
    function_reader_state state = {0};
    return load_result(L, lua_load(L, function_reader, &state, name));
}

static void replace_field(lua_State *L, const char *table, const char *name, lua_CFunction function) {
    if (table != NULL) {
        lua_getglobal(L, table);
        lua_pushcfunction(L, function);
        lua_setfield(L, -2, name);
        lua_pop(L, 1);
    } else {
        lua_pushcfunction(L, function);
        lua_setglobal(L, name);
    }
}

void redislings_install_bounded_patterns(lua_State *L);

void redislings_install_bounded_functions(lua_State *L) {
    redislings_install_bounded_patterns(L);
    replace_field(L, "table", "insert", bounded_table_insert);
    replace_field(L, "string", "rep", bounded_string_rep);
    replace_field(L, NULL, "loadstring", text_loadstring);
    replace_field(L, NULL, "load", text_load);
}
