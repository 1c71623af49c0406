/// The Functions state's part of the prelude (Redis's function_lua.c): `redis.register_function`
/// with both call forms and Redis's texts, and the environment library code runs in. At load
/// time that environment shows only a small `redis` table (register_function, log, the log
/// levels and the version); at run time it shows the globals every script sees. Both are
/// readonly, and reading a name they lack is an error, as in Redis.
///
/// It is spliced into the prelude after the readonly tables are made, so `protect`, `refuse`, `sealed`,
/// `raise`, `errtable` and the real `redis` table are in scope; it sets `functions_api`, which
/// the engine uses to compile and load libraries.
enum LuaFunctionsPrelude {
    static let source = #"""
local functions_api
do
  local lower, find, pairs, tostring, rawget = string.lower, string.find, pairs, tostring, rawget
  local loading, pending, pending_names = false, nil, nil
  local flag_order = { ["no-writes"] = 1, ["allow-oom"] = 2, ["allow-stale"] = 3, ["no-cluster"] = 4, ["allow-cross-slot-keys"] = 5 }
  local function isstring(v) local t = type(v) return t == "string" or t == "number" end
  local function fail(message) return raise(errtable(message)) end

  local function add(name, callback, flags, description)
    if name == "" or find(name, "[^%w_]") then
      return fail("Library names can only contain letters, numbers, or underscores(_) and must be at least one character long")
    end
    if pending_names[lower(name)] then return fail("Function already exists in the library") end
    pending_names[lower(name)] = true
    pending[#pending + 1] = { name = name, callback = callback, flags = flags, description = description }
  end

  -- Flags by their place in Redis's list, so FUNCTION LIST shows them in Redis's order.
  local function read_flags(list)
    local flags = {}
    for _, value in pairs(list) do
      if not isstring(value) then return nil end
      local flag = lower(tostring(value))
      local place = flag_order[flag]
      if place == nil then return nil end
      flags[place] = flag
    end
    return flags
  end

  local register = guard(function(...)
    if not loading then return fail("redis.register_function can only be called on FUNCTION LOAD command") end
    local argc = select("#", ...)
    if argc < 1 or argc > 2 then return fail("wrong number of arguments to redis.register_function") end
    if argc == 2 then
      local name, callback = ...
      if not isstring(name) then return fail("first argument to redis.register_function must be a string") end
      if type(callback) ~= "function" then return fail("second argument to redis.register_function must be a function") end
      return add(tostring(name), callback, {}, nil)
    end
    local named = ...
    if type(named) ~= "table" then
      return fail("calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments).")
    end
    local name, description, callback, flags
    for key, value in pairs(named) do
      if not isstring(key) then return fail("named argument key given to redis.register_function is not a string") end
      key = lower(tostring(key))
      if key == "function_name" then
        if not isstring(value) then return fail("function_name argument given to redis.register_function must be a string") end
        name = tostring(value)
      elseif key == "description" then
        if not isstring(value) then return fail("description argument given to redis.register_function must be a string") end
        description = tostring(value)
      elseif key == "callback" then
        if type(value) ~= "function" then return fail("callback argument given to redis.register_function must be a function") end
        callback = value
      elseif key == "flags" then
        if type(value) ~= "table" then return fail("flags argument to redis.register_function must be a table representing function flags") end
        flags = read_flags(value)
        if flags == nil then return fail("unknown flag given") end
      else
        return fail("unknown argument given to redis.register_function")
      end
    end
    if name == nil then return fail("redis.register_function must get a function name argument") end
    if callback == nil then return fail("redis.register_function must get a callback argument") end
    return add(name, callback, flags or {}, description)
  end)

  -- A readonly table whose missing names are errors (Redis's error metatable).
  local function strict(real)
    return setmetatable_({}, {
      __index = function(_, name)
        local value = rawget(real, name)
        if value == nil then
          \#(LuaPrelude.nonexistentGlobal)
        end
        return value
      end,
      __newindex = refuse, __metatable = sealed,
    })
  end
  local load_api = {
    redis = strict({
      register_function = register, log = redis.log,
      LOG_DEBUG = redis.LOG_DEBUG, LOG_VERBOSE = redis.LOG_VERBOSE, LOG_NOTICE = redis.LOG_NOTICE,
      LOG_WARNING = redis.LOG_WARNING, REDIS_VERSION = redis.REDIS_VERSION, REDIS_VERSION_NUM = redis.REDIS_VERSION_NUM,
    }),
  }
  local environment = setmetatable_({}, {
    __index = function(_, name)
      local value
      if loading then value = rawget(load_api, name) else value = rawget(G, name) end
      if value == nil then
        \#(LuaPrelude.nonexistentGlobal)
      end
      return value
    end,
    __newindex = refuse, __metatable = sealed,
  })
  functions_api = {
    prepare = function(chunk) setfenv_(chunk, environment) return chunk end,
    begin_load = function() loading, pending, pending_names = true, {}, {} end,
    end_load = function()
      local registered = pending
      loading, pending, pending_names = false, nil, nil
      return registered
    end,
  }
end

"""#
}
