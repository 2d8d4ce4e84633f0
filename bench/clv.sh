#!/usr/bin/env bash
# Ladder's CLV against the Python library `lifetimes`, side by side on the same summary file: BG/NBD and
# Gamma-Gamma fits, then expected purchases, P(alive), expected spend and 12-month CLV for every customer.
# Reading and writing files is timed by neither. Not part of the test command.
#
#   bash bench/clv.sh [CUSTOMERS] [SUMMARY.csv]
#
# Without a summary file it simulates one (BG/NBD and Gamma-Gamma with the CDNOW parameters, in whole days).
set -euo pipefail
cd "$(dirname "$0")/.."
customers="${1:-1000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
summary="${2:-$work/summary.csv}"

cargo build --release --quiet -p ladder
python="$(bash bench/setup_lifetimes.sh | tail -1)"
if [ -z "${2:-}" ]; then
    target/release/ladder clv simulate --customers "$customers" --time-unit days --out "$summary"
fi

ladder="$(target/release/ladder clv predict --summary "$summary" --horizon 90 --timings --format csv 2>&1 >/dev/null)"
lifetimes="$("$python" bench/lifetimes_bench.py "$summary" --time-unit days --horizon 90)"

python3 - "$ladder" "$lifetimes" <<'PY'
import json, sys
ladder, lifetimes = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"customers: {ladder['customers']:,}")
print(f"{'':<10} {'fit s':>8} {'predict s':>10} {'total s':>9}")
for name, r in (("ladder", ladder), ("lifetimes", lifetimes)):
    print(f"{name:<10} {r['fit_seconds']:>8.3f} {r['predict_seconds']:>10.3f} {r['total_seconds']:>9.3f}")
print(f"ladder is {lifetimes['total_seconds'] / ladder['total_seconds']:.1f} times faster")
PY
