-- Shared by single.lua and batch.lua (loaded with dofile): unique event ids per request from a
-- per-thread counter, and one machine-readable result line for the bench to parse.
-- Ids are "<run tag>-<thread>-<counter>": the run tag comes after `--` on wrk's command line, so
-- runs against the same bus never repeat an id (the bus would drop repeats as duplicates).

local threads_made = 0

function setup(thread)
  threads_made = threads_made + 1
  thread:set("thread_number", threads_made)
end

function init(args)
  run_tag = args[1] or tostring(os.time())
  counter = 0
  stamp = os.time() * 1000
  wrk.headers["Content-Type"] = "application/json"
end

-- One SPEC §12 event; `counter` advances once per event.
function next_event()
  counter = counter + 1
  return string.format(
    '{"id":"%s-%d-%d","type":"bench.http","source":"sensor-%d","timestamp":%d,"data":{"value":%d}}',
    run_tag, thread_number, counter, counter % 100, stamp, counter % 1000)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "EVBUS-WRK requests=%d duration_us=%d p50_us=%d p99_us=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.connect, errors.read, errors.write, errors.status, errors.timeout))
end
