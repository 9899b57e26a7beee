-- wrk script: one event per POST /events, a unique id for each request.
-- wrk -t2 -c32 -d8s -s bench/http/single.lua http://127.0.0.1:PORT -- RUN_TAG
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

function request()
  return wrk.format("POST", "/events", nil, next_event())
end
