#!/usr/bin/env bash
# Eight customer exports at once against a running `ladder serve`, with the customer page loaded by wrk
# meanwhile: what the exports cost the server's memory and the other users' latency.
#
#   LADDER_COOKIE='ladder_session=…' LADDER_PID=$(pgrep -f 'ladder serve') \
#     bash bench/web/exports.sh http://127.0.0.1:8080 '/customers.csv?state=lost'
set -euo pipefail
base=${1:?the server, e.g. http://127.0.0.1:8080}
export_path=${2:-/customers.csv}
parallel=${PARALLEL:-8}
: "${LADDER_COOKIE:?a signed-in owner's cookie}"
: "${LADDER_PID:?the server's process id}"
here=$(cd "$(dirname "$0")" && pwd)
# The server's own memory (heap), not SQLite's memory-mapped database pages, which the kernel can drop.
rss() { awk '/^RssAnon/ {print $2}' "/proc/$LADDER_PID/status"; }
before=$(rss)
peak=$before
wrk -t1 -c8 -d20s --latency -s "$here/customer.lua" "$base" > /tmp/exports-wrk.txt &
wrk_pid=$!
sleep 2
start=$(date +%s.%N)
for i in $(seq "$parallel"); do
  curl -s -o "/tmp/export-$i.csv" -H "Cookie: $LADDER_COOKIE" "$base$export_path" &
done
while pgrep -f "curl -s -o /tmp/export-" > /dev/null; do
  now=$(rss); [ "$now" -gt "$peak" ] && peak=$now
  sleep 0.1
done
end=$(date +%s.%N)
wait "$wrk_pid" || true
rows=$(($(wc -l < /tmp/export-1.csv) - 1))
echo "exports: $parallel × $rows customers ($(du -h /tmp/export-1.csv | cut -f1) each) in $(echo "$end - $start" | bc) s"
echo "server heap (RssAnon): $((before / 1024)) MiB before, $((peak / 1024)) MiB at the peak (+$(((peak - before) / 1024)) MiB)"
grep -A4 "Latency Distribution" /tmp/exports-wrk.txt
