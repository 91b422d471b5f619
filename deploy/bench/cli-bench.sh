#!/usr/bin/env bash
# On-demand benchmark of the ax client's wall time, beside curl of the same URL:
#   bin/ax settings get com.actyx.os over HTTP (--local 127.0.0.1:PORT), over the secure
#   admin API (--local /ip4/127.0.0.1/tcp/PORT), and curl of the HTTP URL; median and p90.
# Starts its own node (bin/ax-node, ports chosen by the OS, temporary data and config dirs).
# Usage: deploy/bench/cli-bench.sh [runs]   (default 15; JAVA_HOME and AX_JAVA_OPTS apply to
# bin/ax as always)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS="${1:-15}"
WORK="$(mktemp -d)"
trap 'kill "${NODE_PID:-0}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
# The client's own key pair and known_hosts go to the temporary dir, never the user's.
export XDG_CONFIG_HOME="$WORK/config"

# Microseconds since the epoch from bash itself ($EPOCHREALTIME, bash 5): `date` would add
# its own fork and exec (several ms) to every figure.
now_us() { NOW_US="${EPOCHREALTIME/[.,]/}"; }
# Prints "median p90" (ms) of column $1 of standard input (one run per line).
stats() {
  awk -v c="$1" '{print $c}' | sort -n | awk '{a[NR]=$1}
    END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; p = a[int((NR*9+9)/10)];
         printf "%7.0f %7.0f", m, p}'
}
# Runs "$@" RUNS times, output discarded; prints "wall-ms cpu-ms" per run. CPU time (user +
# system, all threads) shows the work itself when other processes share the cores. The
# command runs in this shell (no subshell around it), timed by the `time` keyword.
time_runs() {
  local t0 _
  for _ in $(seq "$RUNS"); do
    now_us; t0="$NOW_US"
    { TIMEFORMAT='%3U %3S'; time "$@" >/dev/null 2>"$WORK/run.err"; } 2>"$WORK/run.cpu" \
      || { echo "failed: $*" >&2; cat "$WORK/run.err" >&2; exit 1; }
    now_us
    echo "$(( (NOW_US - t0) / 1000 )) $(awk '{printf "%d", ($1 + $2) * 1000}' "$WORK/run.cpu")"
  done
}
report() {
  local runs
  runs="$(time_runs "${@:2}")"
  printf '%-36s %s   %s\n' "$1" "$(stats 1 <<<"$runs")" "$(stats 2 <<<"$runs")"
}

[ -f "$ROOT/cli/target/ax.jar" ] && [ -f "$ROOT/deploy/target/ax-node.jar" ] \
  || (cd "$ROOT" && mvn -B -q -DskipTests package)

LOG="$WORK/node.log"
"$ROOT/bin/ax-node" --data-dir "$WORK/data" --http-port 0 --swarm-port 0 --admin-port 0 --events-port 0 >"$LOG" 2>&1 &
NODE_PID=$!
until grep -q "ready in" "$LOG"; do
  kill -0 "$NODE_PID" 2>/dev/null || { cat "$LOG" >&2; exit 1; }
  sleep 0.05
done
HTTP_PORT="$(sed -n 's/.*listening on http [0-9.]*:\([0-9]*\).*/\1/p' "$LOG" | tail -1)"
ADMIN_PORT="$(sed -n 's/.*listening on libp2p [0-9.]*:\([0-9]*\).*/\1/p' "$LOG" | tail -1)"
HTTP="127.0.0.1:$HTTP_PORT"
SECURE="/ip4/127.0.0.1/tcp/$ADMIN_PORT"
URL="http://$HTTP/api/v1/settings?scope=com.actyx.os"

echo "opts: ${AX_JAVA_OPTS:-(bin/ax defaults)}"
# Warm-up: the first ax run writes the client's startup archive, the first secure run makes
# the client key and pins the node (--accept-new-host, as without a terminal), and a few
# requests let the node's JIT settle, so only the client's own start is measured.
"$ROOT/bin/ax" settings get com.actyx.os --local "$HTTP" >/dev/null
"$ROOT/bin/ax" settings get com.actyx.os --local "$SECURE" --accept-new-host >/dev/null 2>"$WORK/pin.log"
# On Java 25+ bin/ax writes its AOT caches in the background after those first runs.
source "$ROOT/bin/lib/launch.sh"
ax_client_java
echo "JDK:  $AX_JAVA"
if [ "$AX_JAVA_FEATURE" -ge 25 ]; then
  for kind in http secure; do
    ax_client_aot_cache "$ROOT/cli/target/ax.jar" "$kind"
    for _ in $(seq 1200); do [ -z "$AX_CACHE" ] || [ -f "$AX_CACHE" ] && break; sleep 0.1; done
    [ -z "$AX_CACHE" ] || [ -f "$AX_CACHE" ] || echo "no AOT cache $AX_CACHE after 120 s" >&2
  done
fi
for _ in 1 2 3; do
  curl -fsS "$URL" >/dev/null
  "$ROOT/bin/ax" settings get com.actyx.os --local "$HTTP" >/dev/null
  "$ROOT/bin/ax" settings get com.actyx.os --local "$SECURE" >/dev/null
done

printf '%-36s %7s %7s   %7s %7s   (ms: medians, p90; %s runs each; load %s)\n' "" "wall" "p90" "cpu" "p90" \
  "$RUNS" "$(cut -d' ' -f1-3 /proc/loadavg)"
report "ax settings get, HTTP" "$ROOT/bin/ax" settings get com.actyx.os --local "$HTTP"
report "ax settings get, secure API (4458)" "$ROOT/bin/ax" settings get com.actyx.os --local "$SECURE"
report "curl, same HTTP URL" curl -fsS "$URL"
