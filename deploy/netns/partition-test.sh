#!/usr/bin/env bash
# A real network partition: three fedvec hosts in network namespaces on a private bridge (addresses in
# 10.77.X.0/24, which exists only inside these namespaces). JVM 1 is the coordinator, 2 and 3 host the
# vehicles. Once episode 3 is done, host 3 is cut off (its link to the bridge goes down). Checks: the
# majority side (hosts 1 and 2) finishes the run (exit 0, all episodes written), and the cut-off host downs
# itself (split-brain resolver, keep-majority) and exits on its own, without running a clock.
# Needs root and iproute2 (`ip netns`). Leaves nothing behind: namespaces, links and processes go on exit.
#   deploy/netns/partition-test.sh [WORK_DIR]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
fedvec="$root/bin/fedvec"
[ "$(id -u)" -eq 0 ] || { echo "partition-test: needs root (ip netns)" >&2; exit 2; }
command -v ip > /dev/null || { echo "partition-test: needs iproute2 (ip)" >&2; exit 2; }
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
tag="fv$$"
net="10.77.$((RANDOM % 200 + 20))"
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2> /dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2> /dev/null || true; done
  for i in 1 2 3; do
    ip link del "${tag}h$i" 2> /dev/null || true # removes its peer inside the namespace too
    ip netns del "${tag}n$i" 2> /dev/null || true
  done
  ip link del "${tag}br" 2> /dev/null || true
}
trap cleanup EXIT

"$fedvec" --version > /dev/null # build before the clock starts

ip link add "${tag}br" type bridge
ip link set "${tag}br" up
for i in 1 2 3; do
  ns="${tag}n$i"
  ip netns add "$ns"
  ip link add "${tag}h$i" type veth peer name "${tag}p$i"
  ip link set "${tag}p$i" netns "$ns"
  ip link set "${tag}h$i" master "${tag}br" up
  ip netns exec "$ns" ip link set lo up
  ip netns exec "$ns" ip addr add "$net.$i/24" dev "${tag}p$i"
  ip netns exec "$ns" ip link set "${tag}p$i" up
done

cluster_settings=(--set pekko.cluster.split-brain-resolver.stable-after=7s)
for i in 2 3; do
  ip netns exec "${tag}n$i" "$fedvec" node --roles vehicles --host "$net.$i" --port 2551 \
    --seed-nodes "$net.1:2551" --management-port 0 "${cluster_settings[@]}" > "$work/node-$i.log" 2>&1 &
  pids+=("$!")
done
ip netns exec "${tag}n1" "$fedvec" run --cluster --min-nodes 3 --roles coordinator,rsu \
  --host "$net.1" --port 2551 --seed-nodes "$net.1:2551" --management-port 0 "${cluster_settings[@]}" \
  --vehicles 30 --episodes 10 --slots 10 --seed 5 --set learning.batch-size=16 \
  --set fl.slot-timeout=8s --set fl.rsu-timeout=15s --quiet --out "$work/run" > "$work/node-1.log" 2>&1 &
coordinator=$!
pids+=("$coordinator")

# cut host 3 off once three episodes are done
deadline=$((SECONDS + 300))
until [ -f "$work/.run.partial/metrics.csv" ] && [ "$(wc -l < "$work/.run.partial/metrics.csv")" -ge 4 ]; do
  kill -0 "$coordinator" 2> /dev/null || { echo "partition-test: run ended early" >&2; tail -20 "$work/node-1.log" >&2; exit 1; }
  [ "$SECONDS" -lt "$deadline" ] || { echo "partition-test: no progress" >&2; exit 1; }
  sleep 0.2
done
ip link set "${tag}h3" down
echo "partition-test: host 3 ($net.3) cut off after episode 3"

status=0
wait "$coordinator" || status=$?
minority_status=0
for _ in $(seq 1 90); do kill -0 "${pids[1]}" 2> /dev/null || break; sleep 1; done
if kill -0 "${pids[1]}" 2> /dev/null; then
  echo "FAIL: the cut-off host is still running 90 s after the run ended" >&2
  exit 1
fi
wait "${pids[1]}" || minority_status=$?

fail() { echo "FAIL: $*" >&2; exit 1; }
[ "$status" -eq 0 ] || fail "the majority side's run exited with $status (see $work/node-1.log)"
rows=$(($(wc -l < "$work/run/metrics.csv") - 1))
[ "$rows" -eq 10 ] || fail "metrics.csv has $rows episodes, expected 10"
grep -q "SBR took decision Down" "$work/node-3.log" || fail "the cut-off host did not down itself (see $work/node-3.log)"
grep -q "run starts:" "$work/node-3.log" && fail "the cut-off host ran a clock"
[ "$minority_status" -ne 0 ] || fail "the cut-off host claims a finished run"
echo "partition-test: ok — majority finished 10 episodes; the cut-off host downed itself (exit $minority_status)"
