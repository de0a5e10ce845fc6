-- GET of one path, or of a rotating list of paths (WRK_PATHS, separated by '|'), with an optional bearer token (WRK_TOKEN).
local common = dofile("bench/wrk/common.lua")
local paths = common.split(os.getenv("WRK_PATHS") or "/", "|")
local headers = common.headers()
local i = 0

setup = common.setup

function init(args)
  i = tonumber(thread_id or 0) or 0
end

function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], headers)
end

done = common.done
