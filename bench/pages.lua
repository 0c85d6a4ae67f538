-- wrk script for the soak: each request asks for the next of the paths given
-- after "--" on wrk's command line, in turn.
local paths = {}
local next_path = 0

function init(args)
  paths = args
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end
