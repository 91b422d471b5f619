#!/usr/bin/env bash
# On-demand benchmark of a node started as the README says (bin/ax-node):
#   start-to-ready time, idle RSS, `bin/ax settings get` wall time over HTTP and over the
#   secure API (4458), HTTP settings reads/s (wrk).
# Usage: deploy/bench/node-bench.sh [runs]      (needs wrk for the last figure: apt-get install wrk)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS="${1:-3}"
WORK="$(mktemp -d)"
trap 'kill "${NODE_PID:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
[ -f "$ROOT/deploy/target/ax-node.jar" ] && [ -f "$ROOT/cli/target/ax.jar" ] || (cd "$ROOT" && mvn -B -q -DskipTests package)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

start_node() {
  HTTP_PORT="$(free_port)"
  local started log="$WORK/node.log"
  started="$(now_ms)"
  "$ROOT/bin/ax-node" --data-dir "$WORK/data" --http-port "$HTTP_PORT" --swarm-port 0 --admin-port 0 --events-port 0 >"$log" 2>&1 &
  NODE_PID=$!
  until grep -q "ready in" "$log"; do
    kill -0 "$NODE_PID" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.02
  done
  READY_MS=$(( $(now_ms) - started ))
}

stop_node() { kill "$NODE_PID"; wait "$NODE_PID" 2>/dev/null || true; }

echo "JDK: $(bash -c "source '$ROOT/bin/lib/launch.sh'; ax_find_java")"
# Warm-up run: creates the keystore, the settings and the class-data-sharing archives.
start_node; "$ROOT/bin/ax" settings get . --local "localhost:$HTTP_PORT" >/dev/null; stop_node

ready=(); rss=()
for _ in $(seq "$RUNS"); do
  start_node
  ready+=("$READY_MS")
  sleep 5
  rss+=("$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$(pgrep -P "$NODE_PID" java || echo "$NODE_PID")/status" 2>/dev/null || awk '/VmRSS/ {print int($2/1024)}' "/proc/$NODE_PID/status")")
  stop_node
done
echo "start-to-ready (wall, ms): $(printf '%s ' "${ready[@]}")→ median $(printf '%s\n' "${ready[@]}" | median)"
echo "idle RSS after 5 s (MB):   $(printf '%s ' "${rss[@]}")→ median $(printf '%s\n' "${rss[@]}" | median)"

start_node
cli=()
for _ in $(seq 10); do
  t0="$(now_ms)"; "$ROOT/bin/ax" settings get . --local "localhost:$HTTP_PORT" >/dev/null; cli+=($(( $(now_ms) - t0 )))
done
echo "bin/ax settings get (ms):  $(printf '%s ' "${cli[@]}")→ median $(printf '%s\n' "${cli[@]}" | median)"

ADMIN_PORT="$(grep -o 'listening on libp2p [0-9.]*:[0-9]*' "$WORK/node.log" | tail -1 | sed 's/.*://')"
export XDG_CONFIG_HOME="$WORK/config"
"$ROOT/bin/ax" settings get . --local "/ip4/127.0.0.1/tcp/$ADMIN_PORT" --accept-new-host >/dev/null
secure=()
for _ in $(seq 10); do
  t0="$(now_ms)"; "$ROOT/bin/ax" settings get . --local "/ip4/127.0.0.1/tcp/$ADMIN_PORT" >/dev/null; secure+=($(( $(now_ms) - t0 )))
done
echo "bin/ax settings get over 4458 (ms): $(printf '%s ' "${secure[@]}")→ median $(printf '%s\n' "${secure[@]}" | median)"

if command -v wrk >/dev/null; then
  URL="http://127.0.0.1:$HTTP_PORT/api/v1/settings?scope=."
  wrk -t1 -c32 -d5s "$URL" >/dev/null   # JIT warm-up
  for _ in $(seq "$RUNS"); do
    wrk -t1 -c32 -d10s "$URL" | awk '/Requests\/sec/ {print "HTTP settings reads/s:     " $2}'
  done
else
  echo "wrk not installed: apt-get install wrk for the reads/s figure"
fi
stop_node
