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
