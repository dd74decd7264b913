-- login_rate.lua: anonymous GET /admin/login at a steady rate, so two
-- builds are compared under the same offered load: each of wrk's
-- connections waits 16 ms between requests (32 connections ≈ 2,000 req/s).
--   wrk -t2 -c32 -d20s -s docs/bench/login_rate.lua http://127.0.0.1:18081
wrk.path = "/admin/login"

function delay()
  return 16
end
