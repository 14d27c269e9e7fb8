#!/usr/bin/env bash
# Starts a local fedvec cluster of N JVMs on 127.0.0.1, runs one simulation on it, and waits.
#   deploy/local-cluster.sh N [run flags...]      e.g. deploy/local-cluster.sh 3 --vehicles 30 --episodes 5
# JVM 1 is the coordinator (roles coordinator,rsu; port BASE_PORT) and runs `fedvec run --cluster`;
# JVMs 2..N host the vehicles (ports BASE_PORT+1...); with N = 1 the coordinator hosts them too. Each node writes its log to LOG_DIR/node-K.log.
# The run directory is whatever the run flags say (--out DIR, or runs/...). Every process this script
# started is stopped when it ends, also on Ctrl-C or failure.
# Environment: BASE_PORT (default 2551), LOG_DIR (default runs/local-cluster-logs-<time>),
# JOIN_TIMEOUT (seconds, default 120), FEDVEC (the launcher, default bin/fedvec next to this script).
set -euo pipefail

if [ $# -lt 1 ] || ! [[ "$1" =~ ^[0-9]+$ ]] || [ "$1" -lt 1 ]; then
  echo "usage: $0 N [run flags...]   (N >= 1 JVMs: one coordinator, N-1 vehicle hosts)" >&2
  exit 2
fi
nodes=$1
shift
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fedvec="${FEDVEC:-$root/bin/fedvec}"
base_port="${BASE_PORT:-2551}"
log_dir="${LOG_DIR:-runs/local-cluster-logs-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$log_dir"

# build once up front, so the nodes do not race to build
"$fedvec" --version > /dev/null

pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2> /dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2> /dev/null || true
  done
}
trap cleanup EXIT
trap 'echo "interrupted; stopping the nodes" >&2; exit 130' INT TERM

seed="127.0.0.1:$base_port"
for ((k = 2; k <= nodes; k++)); do
  port=$((base_port + k - 1))
  "$fedvec" node --roles vehicles --host 127.0.0.1 --port "$port" --seed-nodes "$seed" \
    > "$log_dir/node-$k.log" 2>&1 &
  pids+=("$!")
done

status=0
coordinator_roles=coordinator,rsu
[ "$nodes" -eq 1 ] && coordinator_roles=coordinator,rsu,vehicles # a one-JVM cluster hosts it all
"$fedvec" run --cluster --min-nodes "$nodes" --roles "$coordinator_roles" --host 127.0.0.1 \
  --port "$base_port" --seed-nodes "$seed" --join-timeout "${JOIN_TIMEOUT:-120}" "$@" \
  2> >(tee "$log_dir/node-1.log" >&2) || status=$?

# after a finished run the coordinator tells the other nodes to stop: give them a moment to leave
# (then stop them); after a failed run, stop them at once. Collect their exit codes.
grace=30
[ "$status" -eq 0 ] || grace=0
for pid in "${pids[@]}"; do
  for _ in $(seq 1 "$grace"); do
    kill -0 "$pid" 2> /dev/null || break
    sleep 1
  done
  kill "$pid" 2> /dev/null || true
  node_status=0
  wait "$pid" || node_status=$?
  [ "$status" -ne 0 ] && continue # the nodes were stopped on purpose
  if [ "$node_status" -ne 0 ]; then
    echo "a vehicle node exited with $node_status (see $log_dir)" >&2
    [ "$status" -eq 0 ] && status=$node_status
  fi
done
pids=()
echo "node logs in $log_dir" >&2
exit "$status"
