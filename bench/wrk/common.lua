-- Shared by the wrk scripts of bench/run.sh: per-thread ids, reading files, and the summary line run.sh collects.
local common = {}

local threads = {}
local counter = 0

-- setup(thread) runs in the main state: give every thread its number, and the thread count.
function common.setup(thread)
  thread:set("thread_id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

-- init(args) runs in each thread's state: common.tid is this thread's number (0, 1, ...).
common.tid = 0
function common.init(args)
  common.tid = tonumber(thread_id or 0) or 0
end

function common.lines(path)
  local out = {}
  local file = assert(io.open(path, "r"), "cannot read " .. tostring(path))
  for line in file:lines() do
    if #line > 0 then table.insert(out, line) end
  end
  file:close()
  return out
end

function common.split(text, sep)
  local out = {}
  for part in string.gmatch(text or "", "([^" .. sep .. "]+)") do table.insert(out, part) end
  return out
end

function common.headers()
  local h = { ["Accept"] = "application/json" }
  local token = os.getenv("WRK_TOKEN")
  if token and #token > 0 then h["Authorization"] = "Bearer " .. token end
  return h
end

-- One line run.sh greps: requests, duration, latency percentiles (us), errors. wrk counts a status >= 400 in
-- errors.status; every other error is a socket error.
function common.done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"duration_us":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"non2xx":%d,"socket_errors":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout))
end

return common
