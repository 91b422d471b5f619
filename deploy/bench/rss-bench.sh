#!/usr/bin/env bash
# On-demand memory benchmark: two nodes (bin/ax-node, the launcher's JVM defaults or
# AX_NODE_JAVA_OPTS) in one private swarm over loopback; prints each node's resident set
# size (VmRSS):
#   idle        IDLE_SECONDS (default 10) after both are ready and the swarm key is set
#   peak        the highest sample (every 0.2 s) during a perf download of BENCH_BYTES
#               (default 4 GiB) from b to a, then during an upload of BENCH_BYTES from a to b
#   after       AFTER_SECONDS (default 30) after the last perf
# SCRYPT_LOG2N (e.g. 17) creates both keystores at that scrypt cost, to see what unlocking
# them leaves behind. Never calls farm-bench.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BYTES="${BENCH_BYTES:-4GiB}"
IDLE_SECONDS="${IDLE_SECONDS:-10}"
AFTER_SECONDS="${AFTER_SECONDS:-30}"
WORK="$(mktemp -d)"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT

[ -f "$ROOT/deploy/target/ax-node.jar" ] && [ -f "$ROOT/cli/target/ax.jar" ] || (cd "$ROOT" && mvn -B -q -DskipTests package)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }

config_args() { # scrypt cost for the keystore, the rest as built in
  [ -n "${SCRYPT_LOG2N:-}" ] || return 0
  python3 - "$ROOT/deploy/src/main/resources/ax-node-default.json" "$WORK/config.json" "$SCRYPT_LOG2N" <<'EOF'
import json, sys
config = json.load(open(sys.argv[1]))
for v in config["verticles"]:
    if v["name"] == "keystore":
        v["config"] = {"scryptLog2N": int(sys.argv[3])}
json.dump(config, open(sys.argv[2], "w"))
EOF
  echo "--config $WORK/config.json"
}

start_node() { # name -> sets HTTP_<name>, ADMIN_<name>, ADDR_<name>, PID_<name>
  local name="$1" http swarm admin log="$WORK/$1.log"
  http="$(free_port)"; swarm="$(free_port)"; admin="$(free_port)"
  # shellcheck disable=SC2046
  "$ROOT/bin/ax-node" --data-dir "$WORK/$name" --http-port "$http" --swarm-port "$swarm" --admin-port "$admin" --events-port 0 \
    $(config_args) >"$log" 2>&1 &
  PIDS+=($!)
  printf -v "PID_$name" '%s' "$!"
  until grep -q "ready in" "$log" 2>/dev/null; do
    kill -0 "$!" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.1
  done
  "$ROOT/bin/ax" settings set com.actyx.os/general/swarmKey "$KEY" --local "localhost:$http" >/dev/null
  printf -v "HTTP_$name" '%s' "$http"
  printf -v "ADMIN_$name" '%s' "$admin"
  printf -v "ADDR_$name" '%s' "/ip4/127.0.0.1/tcp/$swarm/p2p/$(grep -m1 -o 'node 12D3KooW[A-Za-z0-9]*' "$log" | cut -d' ' -f2)"
}

# The perf request goes over the secure admin API: the HTTP API closes a connection idle for
# 60 s, which a slow 4 GiB perf outlasts.
export XDG_CONFIG_HOME="$WORK/config"

# One perf from a to b (--download or --upload), sampling both nodes' RSS; sets PEAK_a, PEAK_b (KiB) and MBPS.
perf_peak() {
  local direction="$1" out="$WORK/perf.json" perf
  PEAK_a=0; PEAK_b=0
  "$ROOT/bin/ax" swarms perf "$ADDR_b" "--$direction" "$BYTES" --json \
    --local "/ip4/127.0.0.1/tcp/$ADMIN_a" --accept-new-host >"$out" 2>"$WORK/perf.err" &
  perf=$!
  while kill -0 "$perf" 2>/dev/null; do
    local a b
    a="$(rss_kib "$PID_a")"; b="$(rss_kib "$PID_b")"
    [ "$a" -gt "$PEAK_a" ] && PEAK_a="$a"
    [ "$b" -gt "$PEAK_b" ] && PEAK_b="$b"
    sleep 0.2
  done
  wait "$perf" || { echo "perf --$direction failed:"; cat "$out" "$WORK/perf.err"; tail -n 5 "$WORK/a.log" "$WORK/b.log"; exit 1; }
  MBPS="$(python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['result']; print(r['${direction}MBps'])" "$out")"
}

KEY="$("$ROOT/bin/ax" swarms keygen)"
echo "JDK: $(bash -c "source '$ROOT/bin/lib/launch.sh'; ax_find_java")   bytes per perf: $BYTES   JVM options: ${AX_NODE_JAVA_OPTS:-launcher defaults}"
start_node a
start_node b
sleep "$IDLE_SECONDS"
IDLE_a="$(rss_kib "$PID_a")"; IDLE_b="$(rss_kib "$PID_b")"
perf_peak download; DOWN_a="$PEAK_a"; DOWN_b="$PEAK_b"; DOWN_MBPS="$MBPS"
perf_peak upload; UP_a="$PEAK_a"; UP_b="$PEAK_b"; UP_MBPS="$MBPS"
sleep "$AFTER_SECONDS"
AFTER_a="$(rss_kib "$PID_a")"; AFTER_b="$(rss_kib "$PID_b")"

echo
printf '%-34s %10s %10s\n' "RSS MiB" "node a" "node b"
printf '%-34s %10s %10s\n' "idle (${IDLE_SECONDS} s after ready)" "$(mib "$IDLE_a")" "$(mib "$IDLE_b")"
printf '%-34s %10s %10s\n' "peak, a downloads ($DOWN_MBPS MB/s)" "$(mib "$DOWN_a")" "$(mib "$DOWN_b")"
printf '%-34s %10s %10s\n' "peak, a uploads ($UP_MBPS MB/s)" "$(mib "$UP_a")" "$(mib "$UP_b")"
printf '%-34s %10s %10s\n' "${AFTER_SECONDS} s after" "$(mib "$AFTER_a")" "$(mib "$AFTER_b")"
