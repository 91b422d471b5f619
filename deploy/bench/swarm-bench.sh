#!/usr/bin/env bash
# On-demand end-to-end swarm benchmark over loopback, pnet + Noise + yamux, side by side:
#   perf download of BENCH_BYTES (default 1 GiB), BENCH_RUNS runs (default 3), median MB/s:
#     node<-node (ax swarms perf), node<-js (the node downloads from a js listener),
#     js<-node (a js dialer downloads from the node), js<-js (deploy/js-peer)
#   connection setups per second (TCP + pnet + Noise + yamux + one ping), js dialing the
#   node against js dialing js, SETUP_SECONDS (default 10) per run, median.
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

start_node() { # name -> sets HTTP_<name>, ADDR_<name>
  local name="$1" http swarm log="$WORK/$1.log"
  http="$(free_port)"; swarm="$(free_port)"
  "$ROOT/bin/ax-node" --data-dir "$WORK/$name" --http-port "$http" --swarm-port "$swarm" --admin-port 0 >"$log" 2>&1 &
  PIDS+=($!)
  until grep -q "ready in" "$log"; do sleep 0.1; done
  "$ROOT/bin/ax" settings set com.actyx.os/general/swarmKey "$KEY" --local "localhost:$http" >/dev/null
  printf -v "HTTP_$name" '%s' "$http"
  printf -v "ADDR_$name" '%s' "/ip4/127.0.0.1/tcp/$swarm/p2p/$(grep -o 'node 12D3KooW[A-Za-z0-9]*' "$log" | head -1 | cut -d' ' -f2)"
}

KEY="$("$ROOT/bin/ax" swarms keygen)"
printf '%s' "$KEY" > "$WORK/swarm.key"
echo "JDK: $(bash -c "source '$ROOT/bin/lib/launch.sh'; ax_find_java")   bytes per run: $BYTES   runs: $RUNS"
start_node a
start_node b

node_node=(); for _ in $(seq "$RUNS"); do
  node_node+=("$("$ROOT/bin/ax" swarms perf "$ADDR_b" --download "$BYTES" --json --local "localhost:$HTTP_a" | json_field "['result']['downloadMBps']")")
done

(cd "$JS" && exec node peer.js listen --port 0 --psk "$WORK/swarm.key" --no-stdin >"$WORK/js-listen.log" 2>&1) &
PIDS+=($!)
until grep -q '"listening"' "$WORK/js-listen.log"; do sleep 0.1; done
JS_ADDR="$(grep '"listening"' "$WORK/js-listen.log" | json_field "['addrs'][0]")"
case "$JS_ADDR" in /ip4/127.0.0.1/*) ;; *) JS_ADDR="$(grep '"listening"' "$WORK/js-listen.log" | python3 -c "import json,sys; print([a for a in json.loads(sys.stdin.read())['addrs'] if a.startswith('/ip4/127.0.0.1/')][0])")";; esac

node_js=(); js_node=(); js_js=()
for _ in $(seq "$RUNS"); do
  node_js+=("$("$ROOT/bin/ax" swarms perf "$JS_ADDR" --download "$BYTES" --json --local "localhost:$HTTP_a" | json_field "['result']['downloadMBps']")")
  js_node+=("$(cd "$JS" && node peer.js dial "$ADDR_b" --psk "$WORK/swarm.key" --perf-download "$BYTES" | grep '"perf"' | json_field "['downloadMBps']")")
  js_js+=("$(cd "$JS" && node peer.js dial "$JS_ADDR" --psk "$WORK/swarm.key" --perf-download "$BYTES" | grep '"perf"' | json_field "['downloadMBps']")")
done

setups_node=(); setups_js=()
for _ in $(seq "$RUNS"); do
  setups_node+=("$(cd "$JS" && node peer.js bench-setups "$ADDR_b" --psk "$WORK/swarm.key" --seconds "$SETUP_SECONDS" | grep '"setups"' | json_field "['perSecond']")")
  setups_js+=("$(cd "$JS" && node peer.js bench-setups "$JS_ADDR" --psk "$WORK/swarm.key" --seconds "$SETUP_SECONDS" | grep '"setups"' | json_field "['perSecond']")")
done

row() { printf '%-44s %s   median %s\n' "$1" "$(printf '%s ' "${@:2}")" "$(printf '%s\n' "${@:2}" | median)"; }
echo
row "perf MB/s node <- node" "${node_node[@]}"
row "perf MB/s node <- js (js serves)" "${node_js[@]}"
row "perf MB/s js <- node (node serves)" "${js_node[@]}"
row "perf MB/s js <- js" "${js_js[@]}"
row "setups/s js dialing the node" "${setups_node[@]}"
row "setups/s js dialing js" "${setups_js[@]}"
