-- wrk script for scripts/bench-api: sets the bearer token, the method and a JSON body
-- from the environment, so one script serves every endpoint.
--   BENCH_TOKEN   bearer token (optional)
--   BENCH_COOKIE  Cookie header, for the web pages (optional)
--   BENCH_METHOD  GET (default) or POST, ...
--   BENCH_BODY    request body, sent as application/json (optional)
local token = os.getenv("BENCH_TOKEN")
if token ~= nil and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

local cookie = os.getenv("BENCH_COOKIE")
if cookie ~= nil and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end

local method = os.getenv("BENCH_METHOD")
if method ~= nil and method ~= "" then
  wrk.method = method
end

local body = os.getenv("BENCH_BODY")
if body ~= nil and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end

-- BENCH_PATHS_FILE: a file of request paths, one per line; each request takes the next
-- (each wrk thread starts at a different line), so requests spread over many records.
-- BENCH_WRITE_PATHS_FILE with BENCH_WRITE_EVERY=N (and BENCH_WRITE_BODY): every Nth request
-- of a thread is instead a POST of that body to the next path of that file (mixed load).
local function read_paths(file)
  local paths = {}
  for line in io.lines(file) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  return paths
end

local paths_file = os.getenv("BENCH_PATHS_FILE")
if paths_file ~= nil and paths_file ~= "" then
  local paths = read_paths(paths_file)
  local write_file = os.getenv("BENCH_WRITE_PATHS_FILE")
  local writes = (write_file ~= nil and write_file ~= "") and read_paths(write_file) or nil
  local every = tonumber(os.getenv("BENCH_WRITE_EVERY") or "0") or 0
  local write_body = os.getenv("BENCH_WRITE_BODY") or "{}"
  -- wrk.format takes the headers it is given instead of wrk.headers: keep the token.
  local write_headers = { ["Content-Type"] = "application/json" }
  for name, value in pairs(wrk.headers) do write_headers[name] = value end
  local next_path, next_write, sent = 0, 0, 0
  local thread_count = 0
  setup = function(thread)
    thread_count = thread_count + 1
    thread:set("first", thread_count * 7919)
  end
  init = function(args)
    next_path = (first or 0) % #paths
    if writes ~= nil then next_write = (first or 0) % #writes end
  end
  request = function()
    sent = sent + 1
    if writes ~= nil and every > 0 and sent % every == 0 then
      next_write = next_write % #writes + 1
      return wrk.format("POST", writes[next_write], write_headers, write_body)
    end
    next_path = next_path % #paths + 1
    return wrk.format(nil, paths[next_path])
  end
end
