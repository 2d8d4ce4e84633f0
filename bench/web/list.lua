-- wrk: each request asks for a filtered customer list, rotating through the filters people use.
local cookie = os.getenv("LADDER_COOKIE")
local paths = {
  "/customers?rung=loyal",
  "/customers?rung=repeat&state=active",
  "/customers?state=lapsed",
  "/customers?rung=loyal&state=at_risk",
  "/customers?segment=champions",
  "/customers?country=IL",
  "/customers?rung=advocate&sort=last_order",
  "/customers?consent=email&rung=customer",
  "/customers?rung=repeat&page=3",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], { ["Cookie"] = cookie })
end
