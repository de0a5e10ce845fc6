-- GET of one path, or of a rotating list of paths (WRK_PATHS, separated by '|'), with an optional bearer token (WRK_TOKEN).
local common = dofile("bench/wrk/common.lua")
local paths = common.split(os.getenv("WRK_PATHS") or "/", "|")
local headers = common.headers()
local i = 0

setup, init, done = common.setup, common.init, common.done

function request()
  i = i + 1
  return wrk.format("GET", paths[((i + common.tid) % #paths) + 1], headers)
end
