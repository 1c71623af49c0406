#include "CLuaSandbox.h"
#include <lauxlib.h>
#include <stdint.h>
#include <string.h>

// The `bit` library scripts know from Redis (LuaBitOp's API), written here so no script can
// reach a C library whose edge cases corrupt memory. Numbers become 32-bit values as LuaBitOp
// makes them: the double is added to 2^52 + 2^51 and its low 32 bits are read, which rounds to
// nearest and wraps modulo 2^32; results are returned as signed 32-bit numbers.

static uint32_t bit_argument(lua_State *L, int index) {
    double number = lua_tonumber(L, index);
    number += 6755399441055744.0;
    uint64_t representation;
    memcpy(&representation, &number, sizeof representation);
    uint32_t bits = (uint32_t)representation;
    if (bits == 0 && !lua_isnumber(L, index)) luaL_typerror(L, index, "number");
    return bits;
}

static int bit_return(lua_State *L, uint32_t bits) {
    lua_pushnumber(L, (lua_Number)(int32_t)bits);
    return 1;
}

static int bit_tobit(lua_State *L) { return bit_return(L, bit_argument(L, 1)); }
static int bit_bnot(lua_State *L) { return bit_return(L, ~bit_argument(L, 1)); }

// LuaBitOp reads the first argument, then the others from the last to the second.
static int bit_band(lua_State *L) {
    uint32_t bits = bit_argument(L, 1);
    for (int i = lua_gettop(L); i > 1; i--) bits &= bit_argument(L, i);
    return bit_return(L, bits);
}
static int bit_bor(lua_State *L) {
    uint32_t bits = bit_argument(L, 1);
    for (int i = lua_gettop(L); i > 1; i--) bits |= bit_argument(L, i);
    return bit_return(L, bits);
}
static int bit_bxor(lua_State *L) {
    uint32_t bits = bit_argument(L, 1);
    for (int i = lua_gettop(L); i > 1; i--) bits ^= bit_argument(L, i);
    return bit_return(L, bits);
}

// Shift counts are taken modulo 32; a rotation by 0 leaves the value unchanged.
static int bit_lshift(lua_State *L) {
    uint32_t bits = bit_argument(L, 1), count = bit_argument(L, 2) & 31;
    return bit_return(L, bits << count);
}
static int bit_rshift(lua_State *L) {
    uint32_t bits = bit_argument(L, 1), count = bit_argument(L, 2) & 31;
    return bit_return(L, bits >> count);
}
static int bit_arshift(lua_State *L) {
    uint32_t bits = bit_argument(L, 1), count = bit_argument(L, 2) & 31;
    uint32_t shifted = bits >> count;
    if ((bits & 0x80000000u) && count != 0) shifted |= ~(0xFFFFFFFFu >> count);
    return bit_return(L, shifted);
}
static int bit_rol(lua_State *L) {
    uint32_t bits = bit_argument(L, 1), count = bit_argument(L, 2) & 31;
    return bit_return(L, count == 0 ? bits : (bits << count) | (bits >> (32 - count)));
}
static int bit_ror(lua_State *L) {
    uint32_t bits = bit_argument(L, 1), count = bit_argument(L, 2) & 31;
    return bit_return(L, count == 0 ? bits : (bits >> count) | (bits << (32 - count)));
}
static int bit_bswap(lua_State *L) {
    uint32_t bits = bit_argument(L, 1);
    return bit_return(L, (bits >> 24) | ((bits >> 8) & 0xFF00u) | ((bits & 0xFF00u) << 8) | (bits << 24));
}

// tohex(x [, n]): the low |n| hex digits (8 at most), upper case when n is negative. Redis
// 7.0.15 answers 8 upper-case digits for n = -2^31, whose negation does not fit.
static int bit_tohex(lua_State *L) {
    uint32_t bits = bit_argument(L, 1);
    int32_t requested = lua_isnone(L, 2) ? 8 : (int32_t)bit_argument(L, 2);
    const char *digits = "0123456789abcdef";
    int64_t count = requested;
    if (count < 0) {
        count = -count;
        digits = "0123456789ABCDEF";
    }
    if (count > 8) count = 8;
    char buffer[8];
    for (int64_t i = count - 1; i >= 0; i--) {
        buffer[i] = digits[bits & 15];
        bits >>= 4;
    }
    lua_pushlstring(L, buffer, (size_t)count);
    return 1;
}

void redislings_push_bit_library(lua_State *L) {
    static const luaL_Reg functions[] = {
        {"tobit", bit_tobit}, {"bnot", bit_bnot}, {"band", bit_band}, {"bor", bit_bor},
        {"bxor", bit_bxor}, {"lshift", bit_lshift}, {"rshift", bit_rshift}, {"arshift", bit_arshift},
        {"rol", bit_rol}, {"ror", bit_ror}, {"bswap", bit_bswap}, {"tohex", bit_tohex},
        {NULL, NULL},
    };
    lua_createtable(L, 0, 12);
    for (const luaL_Reg *function = functions; function->name != NULL; function++) {
        lua_pushcfunction(L, function->func);
        lua_setfield(L, -2, function->name);
    }
}
