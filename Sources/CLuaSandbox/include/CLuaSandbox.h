#ifndef REDISLINGS_CLUA_SANDBOX_H
#define REDISLINGS_CLUA_SANDBOX_H
#include <lua.h>
#include <stddef.h>

/// What the interrupt check answers: go on, stop for SCRIPT KILL, stop at the time budget.
enum {
    REDISLINGS_GO_ON = 0,
    REDISLINGS_KILLED = 1,
    REDISLINGS_OUT_OF_TIME = 2,
};

/// Asks the host whether the running script must stop (one of the values above).
typedef int (*redislings_interrupt_check)(void *context);

/// What one Lua state may spend and how it is told to stop. The state's allocator counts every
/// byte here; the count hook and the library loops the hook cannot reach (table.insert,
/// string.rep) ask `check` and raise `killed_message`, `budget_message` or `memory_message`.
typedef struct redislings_lua_limits {
    /// The state these limits belong to (set by `redislings_limited_newstate`).
    lua_State *L;
    /// Bytes the state may hold while a script runs; 0 for no budget.
    size_t memory_budget;
    /// Bytes the state holds now.
    size_t memory_used;
    /// Nonzero only while a script runs with no Swift frame above the Lua frames: a refused
    /// allocation raises a Lua error, which must never unwind through Swift.
    int enforcing;
    /// Set when an allocation was refused during the current run; the host clears it.
    int memory_exceeded;
    redislings_interrupt_check check;
    void *context;
    const char *killed_message;
    const char *budget_message;
    const char *memory_message;
} redislings_lua_limits;

/// A new Lua state whose allocator counts into, and refuses past, `limits`.
lua_State *redislings_limited_newstate(redislings_lua_limits *limits);

/// Installs the count hook, checking the limits every `count` instructions.
void redislings_install_hook(lua_State *L, int count);

/// Removes the hook.
void redislings_remove_hook(lua_State *L);

/// Raises the limit error if the host says the script must stop; for C loops, every few thousand turns.
void redislings_checkpoint(lua_State *L);

/// Pushes the `bit` library table (LuaBitOp's functions with Redis 7.0's results).
void redislings_push_bit_library(lua_State *L);

/// Replaces `table.insert`, `string.rep`, `string.find`/`match`/`gmatch`/`gsub`, `loadstring` and
/// `load` in the opened libraries with versions that answer the same but stop at the limits and
/// never load binary chunks.
void redislings_install_bounded_functions(lua_State *L);

/// luaL_loadbuffer that reads a binary chunk as source text (so it is refused with the parser's
/// error), as Redis's Lua does; returns lua_load's status.
int redislings_load_text(lua_State *L, const char *buffer, size_t size, const char *name);
#endif
