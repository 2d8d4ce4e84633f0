-- wrk: each request opens a random customer's page (1,000,000 customers, ids C0000001…C1000000).
local cookie = os.getenv("LADDER_COOKIE")
math.randomseed(7)
request = function()
  local path = string.format("/customers/C%07d", math.random(1, 1000000))
  return wrk.format("GET", path, { ["Cookie"] = cookie })
end
