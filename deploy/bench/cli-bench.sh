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

now_ns() { date +%s%N; }
# Prints "median p90" (ms, one decimal) of the numbers (ns) on standard input.
stats() {
  sort -n | awk '{a[NR]=$1/1e6}
    END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; p = a[int((NR*9+9)/10)];
         printf "%7.1f %7.1f\n", m, p}'
}
# Runs "$@" RUNS times with output discarded; prints one wall time (ns) per line.
time_runs() {
  local t0 _
  for _ in $(seq "$RUNS"); do
    t0="$(now_ns)"
    "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; "$@" >&2 || true; exit 1; }
    echo $(( $(now_ns) - t0 ))
  done
}

[ -f "$ROOT/cli/target/ax.jar" ] && [ -f "$ROOT/deploy/target/ax-node.jar" ] \
  || (cd "$ROOT" && mvn -B -q -DskipTests package)

LOG="$WORK/node.log"
"$ROOT/bin/ax-node" --data-dir "$WORK/data" --http-port 0 --swarm-port 0 --admin-port 0 >"$LOG" 2>&1 &
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

echo "JDK:  $(bash -c "source '$ROOT/bin/lib/launch.sh'; ax_find_java")"
echo "opts: ${AX_JAVA_OPTS:-(bin/ax defaults)}"
# Warm-up: the first ax run writes the client's startup archive, the first secure run makes
# the client key and pins the node (--accept-new-host, as without a terminal), and a few
# requests let the node's JIT settle, so only the client's own start is measured.
"$ROOT/bin/ax" settings get com.actyx.os --local "$HTTP" >/dev/null
"$ROOT/bin/ax" settings get com.actyx.os --local "$SECURE" --accept-new-host >/dev/null 2>"$WORK/pin.log"
for _ in 1 2 3; do
  curl -fsS "$URL" >/dev/null
  "$ROOT/bin/ax" settings get com.actyx.os --local "$HTTP" >/dev/null
  "$ROOT/bin/ax" settings get com.actyx.os --local "$SECURE" >/dev/null
done

printf '%-40s %7s %7s   (ms wall, %s runs)\n' "" median p90 "$RUNS"
printf '%-40s %s\n' "ax settings get, HTTP" \
  "$(time_runs "$ROOT/bin/ax" settings get com.actyx.os --local "$HTTP" | stats)"
printf '%-40s %s\n' "ax settings get, secure API (4458)" \
  "$(time_runs "$ROOT/bin/ax" settings get com.actyx.os --local "$SECURE" | stats)"
printf '%-40s %s\n' "curl, same HTTP URL" "$(time_runs curl -fsS "$URL" | stats)"
