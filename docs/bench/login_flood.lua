-- login_flood.lua: wrk sends anonymous GET /admin/login until its threads
-- have had `total` answers between them, then stops (see docs/BENCHMARKS.md).
--   wrk -t2 -c32 -d60s -s docs/bench/login_flood.lua http://127.0.0.1:18081
local total, threads = 10000, 2
local answered = 0
wrk.path = "/admin/login"

function response(status, headers, body)
  answered = answered + 1
  if answered >= total / threads then
    wrk.thread:stop()
  end
end
