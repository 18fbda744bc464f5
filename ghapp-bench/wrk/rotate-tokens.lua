-- wrk script for emulator-vs-wiremock.sh: each request is a GET of one line of $WRK_REQUESTS
-- ("<path> <token>", one line per installation) in turn, so that the requests carry every
-- installation's token. The requests are formatted once per wrk thread, in init (after wrk has set
-- its Host header), so that rotating costs wrk no more than a fixed request would.
local requests = {}
local next_index = 0

function init(args)
  local file = os.getenv("WRK_REQUESTS")
  if not file then
    error("set WRK_REQUESTS to the requests.txt that WrkEmulator wrote")
  end
  for line in io.lines(file) do
    local path, token = line:match("^(%S+) (%S+)$")
    if path then
      requests[#requests + 1] = wrk.format("GET", path, {
        ["Authorization"] = "token " .. token,
        ["Accept"] = "application/vnd.github+json",
      })
    end
  end
  if #requests == 0 then
    error("no '<path> <token>' lines in " .. file)
  end
  -- threads start at different places in the list
  next_index = math.random(#requests) - 1
end

function request()
  next_index = next_index % #requests + 1
  return requests[next_index]
end
