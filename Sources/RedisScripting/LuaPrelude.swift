/// The Lua side of the sandbox, run once per Lua state after the libraries are open: the
/// `redis` table, `pcall` as Redis replaces it, `math.random` on Redis's generator, the error
/// handler, and Redis's protection (readonly library tables, no new globals, an error for
/// undeclared ones). Errors reach scripts through `error(...)` here, never from Swift.
///
/// Stock Lua 5.1 has no readonly tables (Redis patches its Lua); the libraries and the global
/// table are therefore proxies whose metatables refuse writes with Redis's text.
enum LuaPrelude {
    /// Chunk name of the engine's own Lua code; the error handler skips its frames so errors
    /// name the script's line, as Redis's C functions do.
    static let chunkName = "=redislings"

    /// The prelude of an EVAL state (`functions` false) or of the Functions state, which also
    /// gets `redis.register_function` and the environment that swaps between load and run time.
    static func source(functions: Bool) -> String {
        base + (functions ? LuaFunctionsPrelude.source : "local functions_api = nil\n")
            + "return G, G.__redis__err__handler, functions_api\n"
    }

    /// Redis's error for reading a global nobody declared (`name` is the __index argument),
    /// raised at the script's line; the EVAL globals and both Functions environments use it.
    static let nonexistentGlobal = #"error("Script attempted to access nonexistent global variable '" .. tostring(name) .. "'", 2)"#

    private static let base = #"""
local host = ...
local G = _G
local type, error, tostring, tonumber, select, rawget = type, error, tostring, tonumber, select, rawget
local rawset_, setmetatable_, rawpcall, setfenv_ = rawset, setmetatable, pcall, setfenv
local floor = math.floor
local dbg = debug
local INTERNAL = "=redislings"

-- Redis's luaPushErrorBuff: "-CODE msg" keeps its code, a bare message gets ERR.
local function errtext(buf)
  local code, msg = "ERR", buf
  if buf:sub(1, 1) == "-" then
    local space = buf:find(" ", 1, true)
    if space then code, msg = buf:sub(2, space - 1), buf:sub(space + 1) else msg = buf:sub(2) end
  end
  msg = msg:gsub("^[\r\n]+", ""):gsub("[\r\n]+$", "")
  return code .. " " .. msg
end
local function errtable(buf) return { err = errtext(buf) } end

-- Lua's (int) cast of a number, as luaL_checkint does.
local function toint(n) if n >= 0 then return floor(n) else return -floor(-n) end end
-- luaL_checkint on x86-64: truncated to a 64-bit integer (out of range and nan give -2^63),
-- then to its low 32 bits, signed. math.random(2^40) thus sees 0, as in Redis.
local TWO32, TWO31, TWO63 = 4294967296, 2147483648, 9223372036854775808
local function wrap32(t)
  local low = t % TWO32
  if low >= TWO31 then low = low - TWO32 end
  return low
end
local function toint32(n)
  if n ~= n or n >= TWO63 or n < -TWO63 then return 0 end
  return wrap32(toint(n))
end

-- Functions that raise are guarded: the Lua body returns raise(value) and a C frame raises
-- it, as Redis's C functions do (a C frame keeps a tail-calling script's line).
local guard, marker = host.guard, host.marker
local function raise(value, positioned) return marker, value, positioned end

local redis = {}
local rawcall = host.call
redis.call = guard(function(...)
  local failed, value = rawcall(...)
  if failed then return raise(value) end
  return value
end)
function redis.pcall(...)
  local _, value = rawcall(...)
  return value
end
redis.sha1hex = guard(function(...)
  if select("#", ...) ~= 1 then return raise(errtable("wrong number of arguments")) end
  return host.sha1hex((...))
end)
function redis.error_reply(...)
  local e = ...
  if select("#", ...) ~= 1 or type(e) ~= "string" then return errtable("wrong number or type of arguments") end
  if e:sub(1, 1) ~= "-" then e = "-" .. e end
  return errtable(e)
end
function redis.status_reply(...)
  local s = ...
  if select("#", ...) ~= 1 or type(s) ~= "string" then return errtable("wrong number or type of arguments") end
  return { ok = s }
end
redis.LOG_DEBUG, redis.LOG_VERBOSE, redis.LOG_NOTICE, redis.LOG_WARNING = 0, 1, 2, 3
redis.log = guard(function(...)
  local argc = select("#", ...)
  if argc < 2 then return raise(errtable("redis.log() requires two arguments or more.")) end
  local level = tonumber((...))
  if level == nil then return raise(errtable("First argument must be a number (log level).")) end
  level = toint(level)
  if level < 0 or level > 3 then return raise(errtable("Invalid debug level.")) end
  local parts = {}
  for j = 2, argc do
    local v = select(j, ...)
    local t = type(v)
    if t == "string" or t == "number" then
      if j ~= 2 then parts[#parts + 1] = " " end
      parts[#parts + 1] = tostring(v)
    end
  end
  host.log(level, table.concat(parts))
end)
redis.setresp = guard(function(...)
  if select("#", ...) ~= 1 then return raise(errtable("redis.setresp() requires one argument.")) end
  local resp = toint(tonumber((...)) or 0)
  if resp ~= 2 and resp ~= 3 then return raise(errtable("RESP version must be 2 or 3.")) end
  host.setresp(resp)
end)
redis.REPL_NONE, redis.REPL_AOF, redis.REPL_SLAVE, redis.REPL_REPLICA, redis.REPL_ALL = 0, 1, 2, 2, 3
redis.set_repl = guard(function(...)
  if select("#", ...) ~= 1 then return raise(errtable("redis.set_repl() requires two arguments.")) end
  local flags = toint(tonumber((select(1, ...))) or 0)
  if flags < 0 or flags > 3 then
    return raise(errtable("Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE."))
  end
end)
function redis.replicate_commands() return true end
function redis.breakpoint() return false end
function redis.debug() end
redis.acl_check_cmd = guard(function(...)
  local outcome = host.aclcheck(...)
  if type(outcome) == "boolean" then return outcome end
  return raise(errtable(outcome))
end)
redis.REDIS_VERSION = "7.0.15"
redis.REDIS_VERSION_NUM = 458767
G.redis = redis

-- math.random and math.randomseed on Redis's generator (the same sequence everywhere), with
-- luaL_checkint's messages.
local function badint(argc, index, value, fname)
  local got = index > argc and "no value" or type(value)
  return raise("bad argument #" .. index .. " to '" .. fname .. "' (number expected, got " .. got .. ")", true)
end
local rand, seed = host.rand, host.seed
G.math.random = guard(function(...)
  local argc = select("#", ...)
  local r = rand()
  if argc == 0 then return r end
  if argc == 1 then
    local u = tonumber((...))
    if u == nil then return badint(argc, 1, (...), "random") end
    u = toint32(u)
    if u < 1 then return raise("bad argument #1 to 'random' (interval is empty)", true) end
    return floor(r * u) + 1
  end
  if argc == 2 then
    local l, u = tonumber((select(1, ...))), tonumber((select(2, ...)))
    if l == nil then return badint(argc, 1, (select(1, ...)), "random") end
    if u == nil then return badint(argc, 2, (select(2, ...)), "random") end
    l, u = toint32(l), toint32(u)
    if l > u then return raise("bad argument #2 to 'random' (interval is empty)", true) end
    -- u - l + 1 is computed in C ints, which wrap.
    return floor(r * wrap32(u - l + 1)) + l
  end
  return raise("wrong number of arguments", true)
end)
G.math.randomseed = guard(function(...)
  local n = tonumber((...))
  if n == nil then return badint(select("#", ...), 1, (...), "randomseed") end
  seed(toint32(n))
end)

-- struct and cmsgpack: Swift answers true and the results, or false, the message and how to
-- raise it (an argument's number, nothing for luaL_error's positioned text, false for a bare
-- one). Bad arguments are named after the call, as luaL_argerror names them.
local function settle_library(ok, ...)
  if ok then return ... end
  local message, how = ...
  if how == false then return raise(message) end
  if how then
    -- Level 3 is the guard's C frame: this function was tail-called from the wrapper.
    local info = dbg.getinfo(3, "n")
    local name = info and info.name or "?"
    if info and info.namewhat == "method" then
      how = how - 1
      if how == 0 then return raise("calling '" .. name .. "' on bad self (" .. message .. ")", true) end
    end
    message = "bad argument #" .. how .. " to '" .. name .. "' (" .. message .. ")"
  end
  return raise(message, true)
end
local function library_function(f)
  return guard(function(...) return settle_library(f(...)) end)
end
G.struct = {
  pack = library_function(host.structpack),
  unpack = library_function(host.structunpack),
  size = library_function(host.structsize),
}
G.cmsgpack = {
  pack = library_function(host.msgpackpack),
  unpack = library_function(host.msgpackunpack),
  unpack_one = library_function(host.msgpackunpackone),
  unpack_limit = library_function(host.msgpackunpacklimit),
  _NAME = "cmsgpack",
  _VERSION = "lua-cmsgpack 0.4.0",
  _COPYRIGHT = "Copyright (C) 2012, Salvatore Sanfilippo",
  _DESCRIPTION = "MessagePack C implementation for Lua",
}

-- Redis's pcall: an error table raised by redis.call comes back as its message.
local function settle(ok, ...)
  if ok then return ok, ... end
  local e = ...
  if type(e) == "table" then
    local m = e.err
    if type(m) == "string" or type(m) == "number" then return false, m end
  end
  return false, e
end
G.pcall = function(...) return settle(rawpcall(...)) end

-- The error handler EVAL runs scripts under: an error becomes {err=…, source=…, line=…}
-- naming the script's line (frames of this file and one C frame are skipped).
G.__redis__err__handler = function(err)
  local level = 2
  local i = dbg.getinfo(level, "nSl")
  if i and i.what == "C" then level = 3; i = dbg.getinfo(level, "nSl") end
  while i and i.source == INTERNAL do
    level = level + 1
    i = dbg.getinfo(level, "nSl")
    if i and i.what == "C" then level = level + 1; i = dbg.getinfo(level, "nSl") end
  end
  if type(err) ~= "table" then err = { err = "ERR " .. tostring(err) } end
  if i then
    rawpcall(function() err["source"] = i.source; err["line"] = i.currentline end)
  end
  return err
end

-- What Redis 7.0.15 leaves out of the sandbox.
G.dofile, G.loadfile, G.print, G.debug = nil, nil, nil, nil
G.setfenv, G.getfenv, G.newproxy = nil, nil, nil

-- Readonly tables: proxies that refuse writes, as Redis's patched Lua does.
local readonly = setmetatable_({}, { __mode = "k" })
local function refuse() error("Attempt to modify a readonly table", 2) end
-- What getmetatable answers for a protected table: a readonly table, so that writing to it
-- fails with Redis's text (Redis's protected metatables are readonly too).
local sealed = setmetatable_({}, { __newindex = refuse, __metatable = false })
readonly[sealed] = true
local function protect(real)
  local proxy = setmetatable_({}, { __index = real, __newindex = refuse, __metatable = sealed })
  readonly[proxy] = true
  return proxy
end
G.rawset = guard(function(t, k, v)
  if readonly[t] then return raise("Attempt to modify a readonly table") end
  return rawset_(t, k, v)
end)
G.setmetatable = guard(function(t, m)
  if readonly[t] then return raise("Attempt to modify a readonly table") end
  return setmetatable_(t, m)
end)
for _, name in ipairs({ "string", "table", "math", "coroutine", "redis", "cjson", "bit", "struct", "cmsgpack" }) do
  if rawget(G, name) ~= nil then G[name] = protect(G[name]) end
end
-- The string metatable is shared by every string: getmetatable('') answers a readonly view
-- of it, whose __index is the readonly string library, as Redis's protected tables do.
local string_metatable = getmetatable("")
string_metatable.__metatable = protect({ __index = G.string })
local globals = protect(G)
G._G = globals
setmetatable_(G, { __index = function(_, name)
  \#(LuaPrelude.nonexistentGlobal)
end })
setfenv_(0, globals)
"""#
}
