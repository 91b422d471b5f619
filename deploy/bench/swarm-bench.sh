#!/usr/bin/env bash
# On-demand end-to-end swarm benchmark over loopback, pnet + Noise + yamux, side by side:
#   perf download of BENCH_BYTES (default 1 GiB), BENCH_RUNS runs (default 3), median MB/s:
#     node<-node (ax swarms perf), node<-js (the node downloads from a js listener),
#     js<-node (a js dialer downloads from the node), js<-js (deploy/js-peer)
#   connection setups per second (TCP + pnet + Noise + yamux + one ping, then close), the
#     node dialing the node and js (ax swarms setups), js dialing the node and js
#     (peer.js bench-setups), SETUP_SECONDS (default 10) per run, medians of setups/s and of
#     each run's median setup time
#   and the aims: node<-node perf / js<-js perf >= 3, node->node setups / js->js setups >= 2.
# The same perf pairs over libp2p TLS (/tls/1.0.0, pnet below it; nodes c and d offer TLS first,
# js with --security tls) are printed beside Noise; TLS_BENCH=0 skips them.
# Every pair first gets an uncounted warm-up (WARMUP_BYTES, default 256 MiB; WARMUP_SECONDS, default 3).
# Nodes run through bin/ax-node, as the README says users should (newest JDK found, or $JAVA_HOME).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BYTES="${BENCH_BYTES:-1073741824}"
RUNS="${BENCH_RUNS:-3}"
SETUP_SECONDS="${SETUP_SECONDS:-10}"
JS="$ROOT/deploy/js-peer"
WORK="$(mktemp -d)"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT

[ -f "$ROOT/deploy/target/ax-node.jar" ] && [ -f "$ROOT/cli/target/ax.jar" ] || (cd "$ROOT" && mvn -B -q -DskipTests package)
[ -d "$JS/node_modules" ] || (cd "$JS" && npm ci --no-audit --no-fund >/dev/null)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
json_field() { python3 -c "import json,sys; d=json.loads(sys.stdin.read()); print(d$1)"; }

start_node() { # name [extra ax-node args] -> sets HTTP_<name>, ADDR_<name>
  local name="$1" http swarm log="$WORK/$1.log"
  http="$(free_port)"; swarm="$(free_port)"
  "$ROOT/bin/ax-node" --data-dir "$WORK/$name" --http-port "$http" --swarm-port "$swarm" --admin-port 0 --events-port 0 "${@:2}" >"$log" 2>&1 &
  PIDS+=($!)
  until grep -q "ready in" "$log"; do sleep 0.1; done
  "$ROOT/bin/ax" settings set com.actyx.os/general/swarmKey "$KEY" --local "localhost:$http" >/dev/null
  printf -v "HTTP_$name" '%s' "$http"
  printf -v "ADDR_$name" '%s' "/ip4/127.0.0.1/tcp/$swarm/p2p/$(grep -m1 -o 'node 12D3KooW[A-Za-z0-9]*' "$log" | cut -d' ' -f2)"
}

KEY="$("$ROOT/bin/ax" swarms keygen)"
printf '%s' "$KEY" > "$WORK/swarm.key"
echo "JDK: $(bash -c "source '$ROOT/bin/lib/launch.sh'; ax_find_java")   bytes per run: $BYTES   runs: $RUNS"
start_node a
start_node b

# Warm-up, not counted, the same for every pair: one perf of WARMUP_BYTES and one setups run
# of WARMUP_SECONDS, so the JIT (the JVM's and V8's) has compiled the hot paths first.
WARMUP_BYTES="${WARMUP_BYTES:-268435456}"
WARMUP_SECONDS="${WARMUP_SECONDS:-3}"
ax_perf() { "$ROOT/bin/ax" swarms perf "$2" --download "$3" --json --local "localhost:$1" | json_field "['result']['downloadMBps']"; }
js_perf() { (cd "$JS" && node peer.js dial "$1" --psk "$WORK/swarm.key" --perf-download "$2") | grep '"perf"' | json_field "['downloadMBps']"; }

ax_perf "$HTTP_a" "$ADDR_b" "$WARMUP_BYTES" >/dev/null
node_node=(); for _ in $(seq "$RUNS"); do
  node_node+=("$(ax_perf "$HTTP_a" "$ADDR_b" "$BYTES")")
done

(cd "$JS" && exec node peer.js listen --port 0 --psk "$WORK/swarm.key" --no-stdin >"$WORK/js-listen.log" 2>&1) &
PIDS+=($!)
until grep -q '"listening"' "$WORK/js-listen.log"; do sleep 0.1; done
JS_ADDR="$(grep '"listening"' "$WORK/js-listen.log" | json_field "['addrs'][0]")"
case "$JS_ADDR" in /ip4/127.0.0.1/*) ;; *) JS_ADDR="$(grep '"listening"' "$WORK/js-listen.log" | python3 -c "import json,sys; print([a for a in json.loads(sys.stdin.read())['addrs'] if a.startswith('/ip4/127.0.0.1/')][0])")";; esac

ax_perf "$HTTP_a" "$JS_ADDR" "$WARMUP_BYTES" >/dev/null
js_perf "$ADDR_b" "$WARMUP_BYTES" >/dev/null
js_perf "$JS_ADDR" "$WARMUP_BYTES" >/dev/null
node_js=(); js_node=(); js_js=()
for _ in $(seq "$RUNS"); do
  node_js+=("$(ax_perf "$HTTP_a" "$JS_ADDR" "$BYTES")")
  js_node+=("$(js_perf "$ADDR_b" "$BYTES")")
  js_js+=("$(js_perf "$JS_ADDR" "$BYTES")")
done

# The perf pairs again over TLS: c <- d (both TLS first), c <- js (js listens with TLS only),
# js <- d and js <- js (js dials with TLS only).
tls_nn=(); tls_nj=(); tls_jn=(); tls_jj=()
if [ "${TLS_BENCH:-1}" != 0 ]; then
  python3 - "$ROOT/deploy/src/main/resources/ax-node-default.json" "$WORK/tls-first.json" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
for v in config["verticles"]:
    if v["name"] == "handshake":
        v["config"] = {"securityProtocols": ["/tls/1.0.0", "/noise"]}
json.dump(config, open(sys.argv[2], "w"))
PY
  start_node c --config "$WORK/tls-first.json"
  start_node d --config "$WORK/tls-first.json"
  (cd "$JS" && exec node peer.js listen --port 0 --psk "$WORK/swarm.key" --security tls --no-stdin >"$WORK/js-tls.log" 2>&1) &
  PIDS+=($!)
  until grep -q '"listening"' "$WORK/js-tls.log"; do sleep 0.1; done
  JS_TLS="$(grep '"listening"' "$WORK/js-tls.log" | python3 -c "import json,sys; print([a for a in json.loads(sys.stdin.read())['addrs'] if a.startswith('/ip4/127.0.0.1/')][0])")"
  js_tls_perf() { (cd "$JS" && node peer.js dial "$1" --psk "$WORK/swarm.key" --security tls --perf-download "$2") | grep '"perf"' | json_field "['downloadMBps']"; }
  ax_perf "$HTTP_c" "$ADDR_d" "$WARMUP_BYTES" >/dev/null
  ax_perf "$HTTP_c" "$JS_TLS" "$WARMUP_BYTES" >/dev/null
  js_tls_perf "$ADDR_d" "$WARMUP_BYTES" >/dev/null
  js_tls_perf "$JS_TLS" "$WARMUP_BYTES" >/dev/null
  for _ in $(seq "$RUNS"); do
    tls_nn+=("$(ax_perf "$HTTP_c" "$ADDR_d" "$BYTES")")
    tls_nj+=("$(ax_perf "$HTTP_c" "$JS_TLS" "$BYTES")")
    tls_jn+=("$(js_tls_perf "$ADDR_d" "$BYTES")")
    tls_jj+=("$(js_tls_perf "$JS_TLS" "$BYTES")")
  done
  grep -h -m1 "libp2p TLS engine" "$WORK/c.log" || true
fi

# One setups run as "perSecond medianMs": ax_setups LOCAL_HTTP_PORT ADDR, js_setups ADDR.
ax_setups() { "$ROOT/bin/ax" swarms setups "$2" --seconds "${3:-$SETUP_SECONDS}" --json --local "localhost:$1" | json_field "['result']['perSecond'], d['result']['medianMs']"; }
js_setups() { (cd "$JS" && node peer.js bench-setups "$1" --psk "$WORK/swarm.key" --seconds "${2:-$SETUP_SECONDS}") | grep '"setups"' | json_field "['perSecond'], d['medianMs']"; }
ax_setups "$HTTP_a" "$ADDR_b" "$WARMUP_SECONDS" >/dev/null
ax_setups "$HTTP_a" "$JS_ADDR" "$WARMUP_SECONDS" >/dev/null
js_setups "$ADDR_b" "$WARMUP_SECONDS" >/dev/null
js_setups "$JS_ADDR" "$WARMUP_SECONDS" >/dev/null
rate_nn=(); ms_nn=(); rate_nj=(); ms_nj=(); rate_jn=(); ms_jn=(); rate_jj=(); ms_jj=()
for _ in $(seq "$RUNS"); do
  out="$(ax_setups "$HTTP_a" "$ADDR_b")"; read -r r m <<<"$out"; rate_nn+=("$r"); ms_nn+=("$m")
  out="$(ax_setups "$HTTP_a" "$JS_ADDR")"; read -r r m <<<"$out"; rate_nj+=("$r"); ms_nj+=("$m")
  out="$(js_setups "$ADDR_b")"; read -r r m <<<"$out"; rate_jn+=("$r"); ms_jn+=("$m")
  out="$(js_setups "$JS_ADDR")"; read -r r m <<<"$out"; rate_jj+=("$r"); ms_jj+=("$m")
done

row() { printf '%-44s %s   median %.1f\n' "$1" "$(printf '%.1f ' "${@:2}")" "$(printf '%s\n' "${@:2}" | median)"; }
med() { printf '%s\n' "$@" | median; }
ratio() { python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print(f'{a / b:.2f}' if b else 'n/a')" "$1" "$2"; }
aim() { printf '%-44s %.1f / %.1f = %s   (aim >= %s)\n' "$1" "$2" "$3" "$(ratio "$2" "$3")" "$4"; }
echo
row "perf MB/s node <- node" "${node_node[@]}"
row "perf MB/s node <- js (js serves)" "${node_js[@]}"
row "perf MB/s js <- node (node serves)" "${js_node[@]}"
row "perf MB/s js <- js" "${js_js[@]}"
row "setups/s node dialing node" "${rate_nn[@]}"
row "setups/s node dialing js" "${rate_nj[@]}"
row "setups/s js dialing the node" "${rate_jn[@]}"
row "setups/s js dialing js" "${rate_jj[@]}"
row "setup median ms node dialing node" "${ms_nn[@]}"
row "setup median ms node dialing js" "${ms_nj[@]}"
row "setup median ms js dialing the node" "${ms_jn[@]}"
row "setup median ms js dialing js" "${ms_jj[@]}"
if [ "${#tls_nn[@]}" -gt 0 ]; then
  echo
  printf '%-36s %12s %12s\n' "perf MB/s, medians (pnet below both)" "Noise" "TLS"
  side() { printf '%-36s %12.1f %12.1f\n' "$1" "$(med $2)" "$(med $3)"; }
  side "node <- node" "${node_node[*]}" "${tls_nn[*]}"
  side "node <- js (js serves)" "${node_js[*]}" "${tls_nj[*]}"
  side "js <- node (node serves)" "${js_node[*]}" "${tls_jn[*]}"
  side "js <- js" "${js_js[*]}" "${tls_jj[*]}"
fi
echo
aim "aim perf: node <- node / js <- js" "$(med "${node_node[@]}")" "$(med "${js_js[@]}")" 3
aim "aim setups: node -> node / js -> js" "$(med "${rate_nn[@]}")" "$(med "${rate_jj[@]}")" 2
