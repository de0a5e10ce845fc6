-- POST /crm/leads with the webhook key: a new person each time, and every tenth request repeats the contact of an
-- earlier one of this thread (the duplicate path: linked to the original, same salesperson).
local common = dofile("bench/wrk/common.lua")
local key = os.getenv("WRK_WEBHOOK_KEY")
local clinic = os.getenv("WRK_DEMO_CLINIC")
local nonce = os.getenv("WRK_NONCE") or tostring(os.time())
local sources = { "facebook", "instagram", "google", "tiktok", "website" }
local n = 0
-- The warm-up run (nonce "w...") and the measured run ("m...") use different phone ranges, so neither repeats the other.
local phase = (string.sub(nonce, 1, 1) == "m") and 50 or 0

setup, init, done = common.setup, common.init, common.done

function request()
  n = n + 1
  local person = n
  if n % 10 == 0 then person = n - 5 end
  local body = string.format(
    '{"firstName":"Wrk","lastName":"Lead%d","email":"wrk.%s.%d.%d@bench.example","phone":"+3069%02d%06d","source":"%s"%s}',
    person, nonce, common.tid, person, (phase + common.tid) % 100, person % 1000000, sources[(n % #sources) + 1],
    (n % 2 == 0 and clinic) and (',"clinicId":"' .. clinic .. '"') or "")
  return wrk.format("POST", "/crm/leads", { ["Content-Type"] = "application/json", ["X-Webhook-Key"] = key }, body)
end
