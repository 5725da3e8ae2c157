-- wrk script: rotate through the request paths in $BENCH_PATHS (one per line),
-- send the bearer token in $BENCH_TOKEN, and print the figures as one JSON line.
local paths = {}
local token = os.getenv("BENCH_TOKEN")
local file = os.getenv("BENCH_PATHS")

local function load_paths()
  for line in io.lines(file) do
    if #line > 0 then paths[#paths + 1] = line end
  end
end

init = function(args)
  load_paths()
  if token and #token > 0 then
    wrk.headers["Authorization"] = "Bearer " .. token
  end
end

local counter = 0
request = function()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  return wrk.format("GET", path)
end

local non2xx = 0
response = function(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

done = function(summary, latency, requests)
  -- Latencies are in microseconds; report milliseconds.
  local function p(q) return latency:percentile(q) / 1000.0 end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    'WRK_JSON {"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_ms": %.3f, ' ..
    '"p95_ms": %.3f, "p99_ms": %.3f, "mean_ms": %.3f, "max_ms": %.3f, "errors": %d, ' ..
    '"non2xx": %d, "bytes": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    p(50), p(95), p(99), latency.mean / 1000.0, latency.max / 1000.0, errors,
    summary.errors.status, summary.bytes))
end
