local t = {}
local chunk = string.rep('x', 1024 * 1024)
while true do t[#t + 1] = chunk .. #t end
