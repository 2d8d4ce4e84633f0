#!/usr/bin/env bash
# Create bench/.venv (if absent) and install the Python library `lifetimes`
# 0.11.3 into it, for bench/lifetimes_bench.py. Safe to run repeatedly.
# Prints the path of the venv's python at the end.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet "lifetimes==0.11.3"
echo "$venv/bin/python"
