-- wrk: allocation revisions over HTTP, each on a project at random, each to a new amount.
-- Set by ExternalLoadBenchmark: PROJECTS (a file of project ids, one a line), AUTH (a Basic header).
local ids = {}
for line in io.lines(os.getenv("PROJECTS")) do ids[#ids + 1] = line end
local counter = 0
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function init(args)
  math.randomseed(tid * 7919 + os.time())
end

local function amount()
  counter = counter + 1
  return string.format("%d%06d.%02d", tid, counter, math.random(0, 99))
end

function revision()
  return '{"type":"ALLOCATION_REVISION","projectId":"' .. ids[math.random(#ids)] .. '","fundingSource":"SPECIAL_ACCOUNT","amount":"'
      .. amount() .. '","reason":"benchmark"}'
end

local size = tonumber(os.getenv("BATCH") or "0")

function request()
  local headers = { ["Authorization"] = os.getenv("AUTH"), ["Content-Type"] = "application/json" }
  if size == 0 then
    local id = ids[math.random(#ids)]
    local body = '{"fundingSource":"SPECIAL_ACCOUNT","amount":"' .. amount() .. '","reason":"benchmark"}'
    return wrk.format("POST", "/api/v1/projects/" .. id .. "/allocation-revisions", headers, body)
  end
  local commands = {}
  for i = 1, size do commands[i] = revision() end
  return wrk.format("POST", "/api/v1/batches", headers, '{"commands":[' .. table.concat(commands, ",") .. ']}')
end
