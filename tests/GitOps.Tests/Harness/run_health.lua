-- Runs an Argo CD health.lua on one object, as Argo CD does: the script is a chunk that reads the global `obj` and
-- returns a table `hs` with `status` and `message`. The environment holds only what Argo CD's Lua VM opens for health
-- scripts (the base functions, string, table and math; no io, no os, no require), so a script that needs more fails
-- here. Usage: lua5.1 run_health.lua HEALTH_LUA OBJECT_LUA (a file that returns the object as a table).
-- Prints the status on the first line and the message on the second.
local healthPath, objectPath = arg[1], arg[2]
local object = assert(loadfile(objectPath))()
local chunk = assert(loadfile(healthPath))

local env = { obj = object }
for _, name in ipairs({ "assert", "error", "ipairs", "next", "pairs", "pcall", "select", "tonumber", "tostring",
  "type", "unpack", "xpcall", "_VERSION" }) do
  env[name] = _G[name]
end
env.string, env.table, env.math = string, table, math
setmetatable(env, {
  __index = function(_, key)
    error("health.lua reads the global '" .. tostring(key) .. "', which is not available to Argo CD health scripts", 2)
  end,
})
setfenv(chunk, env)

local ok, hs = pcall(chunk)
if not ok then
  io.stderr:write("health.lua failed: ", tostring(hs), "\n")
  os.exit(2)
end
local allowed = { Healthy = true, Progressing = true, Degraded = true, Suspended = true, Missing = true }
if type(hs) ~= "table" or not allowed[hs.status] or type(hs.message) ~= "string" then
  io.stderr:write("health.lua returned no valid hs: status ", tostring(type(hs) == "table" and hs.status),
    ", message ", tostring(type(hs) == "table" and hs.message), "\n")
  os.exit(3)
end
io.write(hs.status, "\n", hs.message, "\n")
