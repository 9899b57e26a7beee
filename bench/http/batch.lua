-- wrk script: POST /events/batch with 100 events per request, every id unique.
-- wrk -t2 -c8 -d8s -s bench/http/batch.lua http://127.0.0.1:PORT -- RUN_TAG
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

local per_request = 100
local items = {}

function request()
  for i = 1, per_request do
    items[i] = next_event()
  end
  return wrk.format("POST", "/events/batch", nil, "[" .. table.concat(items, ",") .. "]")
end
