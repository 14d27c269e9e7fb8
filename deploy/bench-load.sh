#!/usr/bin/env bash
# Load check: one JVM holds VEHICLES vehicles (default 500) for EPISODES episodes (default 5) of 100
# slots with training, and reports whether any slot or round deadline was missed and whether any
# protocol message was dead-lettered (summary.json), plus the time per episode and peak heap.
#   deploy/bench-load.sh [VEHICLES] [EPISODES]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
vehicles="${1:-500}"
episodes="${2:-5}"
out="$(mktemp -d)/load"
trap 'rm -rf "$(dirname "$out")"' EXIT
"$root/bin/fedvec" run --vehicles "$vehicles" --episodes "$episodes" --seed 1 --quiet --out "$out" \
  > /dev/null
python3 - "$out" <<'PY'
import csv, json, sys
out = sys.argv[1]
summary = json.load(open(out + "/summary.json"))
rows = list(csv.DictReader(open(out + "/metrics.csv")))
print(f"vehicles {summary['vehicles']}, episodes {summary['episodes']}, tasks {summary['tasks']}")
print("episode wall ms: " + ", ".join(r["wall_ms"] for r in rows))
print(f"deadline misses: {summary['deadline_misses']}, dead-lettered protocol messages: {summary['dead_letters']}")
print(f"rounds committed: {summary['rounds_committed']}, aborted: {summary['rounds_aborted']}")
PY
