-- wrk script for `make bench-web`: residents sending the public complaint form, each text unique
-- (so none is taken for a resend). HERALD_BENCH_FORM_PATH, HERALD_BENCH_CSRF (cookie and form token).
local path = os.getenv("HERALD_BENCH_FORM_PATH")
local csrf = os.getenv("HERALD_BENCH_CSRF")
local counter = 0
local thread_id = 0
local threads = {}

setup = function(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
  table.insert(threads, thread)
end

request = function()
  counter = counter + 1
  local body = "csrfmiddlewaretoken=" .. csrf .. "&about=other&about_detail=&name=Bench+Resident"
    .. "&email=resident" .. tid .. "-" .. counter .. "%40example.org&phone=&confidential=no&website="
    .. "&text=Load+test+complaint+" .. tid .. "-" .. counter .. "+about+the+council+page+being+slow+to+update."
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=" .. csrf,
  }, body)
end

done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format("RESULT requests=%d duration_s=%.3f errors=%d p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, summary.duration / 1e6, errors, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
