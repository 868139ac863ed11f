-- POST /api/v1/sessions/batch with 50 targets; TOKEN and MAINT_ID come from the environment.
local targets = {}
for i = 1, 50 do
  targets[#targets + 1] = string.format('{"label":"srv-%02d.customer.example","notes":"rack %d"}', i, i)
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.body = '{"tree_id":"' .. os.getenv("MAINT_ID") .. '","targets":[' .. table.concat(targets, ",") .. ']}'
