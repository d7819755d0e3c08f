-- wrk script for `make bench-web`: anonymous visitors reading a council's public pages, in turn.
-- Paths come from the environment (HERALD_BENCH_PATHS, space-separated); p95 printed at the end.
local paths = {}
for p in string.gmatch(os.getenv("HERALD_BENCH_PATHS") or "/", "%S+") do paths[#paths + 1] = p end
local i = 0

request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end

done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format("RESULT requests=%d duration_s=%.3f errors=%d p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, summary.duration / 1e6, errors, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
