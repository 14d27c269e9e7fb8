#!/usr/bin/env bash
# Measures episode time and traffic for 30 and 120 vehicles on 1, 2 and 3 JVMs (local-cluster.sh) and
# prints a table (the figures of docs/benchmarks.md). Same seed everywhere, so every configuration
# computes the same episodes.
#   deploy/bench-scaling.sh [EPISODES] [SLOTS]      (defaults 4 and 100)
# Episode time is the mean over episodes 3..EPISODES: with Table I's batch of 128 a vehicle trains from
# its 128th transition on (during episode 2), so these episodes train on every slot.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
episodes="${1:-4}"
slots="${2:-100}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

printf "%-9s %-5s %-22s %-16s %-16s %-14s %-14s %s\n" vehicles jvms "episode_ms(mean 3..E)" \
  "veh->rsu B/ep" "rsu->veh B/ep" "rsu->bs B/rd" "bs->rsu B/rd" final_cost
for vehicles in 30 120; do
  for jvms in 1 2 3; do
    out="$work/v$vehicles-j$jvms"
    LOG_DIR="$work/logs-v$vehicles-j$jvms" BASE_PORT=$((27551 + 10 * jvms)) \
      "$root/deploy/local-cluster.sh" "$jvms" --vehicles "$vehicles" --episodes "$episodes" \
      --slots "$slots" --seed 1 --quiet --out "$out" > /dev/null 2>&1
    episode_ms=$(awk -F, 'NR > 3 { s += $11; n++ } END { printf "%.0f", n ? s / n : 0 }' "$out/metrics.csv")
    traffic() { awk -F, -v link="$1" '$2 == link { s += $4; n++ } END { printf "%.0f", s / n }' "$out/traffic.csv"; }
    cost=$(awk -F, 'END { print $3 }' "$out/metrics.csv")
    printf "%-9s %-5s %-22s %-16s %-16s %-14s %-14s %s\n" "$vehicles" "$jvms" "$episode_ms" \
      "$(traffic 'vehicle->rsu')" "$(traffic 'rsu->vehicle')" "$(traffic 'rsu->bs')" \
      "$(traffic 'bs->rsu')" "$cost"
  done
done
