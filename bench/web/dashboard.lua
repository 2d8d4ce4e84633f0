-- wrk: the dashboard.
local cookie = os.getenv("LADDER_COOKIE")
request = function()
  return wrk.format("GET", "/", { ["Cookie"] = cookie })
end
