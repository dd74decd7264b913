-- wrk script: GET a random path from a file, one path a line, on every
-- request. Bytes outside [A-Za-z0-9-._~/] are percent-encoded, so raw
-- Persian slugs are sent as a browser sends them.
--
--   wrk -t2 -c32 -d10s -s docs/bench/wrk-paths.lua http://127.0.0.1:18080 -- PATHS_FILE [FIRST_N]
--
-- FIRST_N, when given, uses only the first N lines (a hot set).
local paths = {}

local function encode(s)
  return (s:gsub("[^%w%-%._~/]", function(c) return string.format("%%%02X", c:byte()) end))
end

function init(args)
  local limit = tonumber(args[2]) or math.huge
  for line in io.lines(args[1]) do
    if #paths >= limit then break end
    if line ~= "" then paths[#paths + 1] = encode(line) end
  end
  -- a different sequence per thread
  math.randomseed(os.time() + tonumber(tostring(paths):match("0x(%x+)") or "0", 16) % 100000)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
