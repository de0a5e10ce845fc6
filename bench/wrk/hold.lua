-- POST /appointments/hold on distinct free slots: thread t takes slots t, t + T, t + 2T... of WRK_SLOTS_FILE
-- ("providerId start" lines, none overlapping another of its provider), rotating the clients of WRK_TOKENS_FILE
-- (each may hold 20 slots at once). The warm-up run (WRK_NONCE "w...") takes the first fifth of the list and the
-- measured run ("m...") the rest, so the measured run never asks for a slot the warm-up already holds. When its part
-- runs out a thread starts over in it, and those holds answer 409 (counted as errors in the table).
local common = dofile("bench/wrk/common.lua")
local slots = common.lines(os.getenv("WRK_SLOTS_FILE"))
local tokens = common.lines(os.getenv("WRK_TOKENS_FILE"))
local clinic = os.getenv("WRK_HOLD_CLINIC")
local service = os.getenv("WRK_HOLD_SERVICE")
local threads = tonumber(os.getenv("WRK_THREADS") or "2")
local warmup = math.floor(#slots / 5)
local measured = (string.sub(os.getenv("WRK_NONCE") or "m", 1, 1) == "m")
local base = measured and warmup or 0
local size = measured and (#slots - warmup) or warmup
local n = 0

setup, init, done = common.setup, common.init, common.done

function request()
  local index = common.tid + n * threads
  n = n + 1
  local slot = common.split(slots[base + (index % size) + 1], " ")
  local token = tokens[(index % #tokens) + 1]
  local body = string.format('{"clinicId":"%s","serviceId":"%s","providerId":"%s","start":"%s"}', clinic, service, slot[1], slot[2])
  return wrk.format("POST", "/appointments/hold",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end
