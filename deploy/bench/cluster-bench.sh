#!/usr/bin/env bash
# On-demand cluster benchmark over loopback (never run by the build), medians of BENCH_RUNS runs:
#   1. request/reply across members: the driver (deploy/src/test/java/dev/axnode/deploy/bench/
#      ClusterBench) joins the node's cluster as a member with its own certificate and asks the
#      keystore member for the node identity: REQUESTS one at a time (p50, p99 µs, requests/s)
#      and REQUESTS with WINDOW in flight (requests/s), after WARMUP_REQUESTS uncounted; the bus
#      on OpenSSL, then members and driver restarted with -Dax.cluster.openssl=false (JDK engine);
#      and the same request against a keystore in the driver's own unclustered JVM for reference.
#      The runs here are rounds within one driver JVM (joining Hazelcast takes seconds).
#   2. connection setups/s (ax swarms setups, SETUP_SECONDS) from an ordinary node against
#      (a) an ordinary node and (b) a two-member node: keystore member + swarm member
#      (transport,psk,handshake), so the handshake's signature comes from the other JVM.
#   3. perf MB/s (ax swarms perf --download BENCH_BYTES, default 1 GiB) from an ordinary node
#      against (a), (b) and (c) a three-member node: keystore, transport, psk+handshake (every
#      connection chunk crosses members); (c) prints "not supported" when it does not work.
# Every target first gets an uncounted warm-up (WARMUP_BYTES, WARMUP_SECONDS). PARTS (default
# "latency swarm split") picks parts: latency = 1, swarm = 2 and 3 (a), (b), split = 3 (c).
# Nodes run through bin/ax-node; JVM options reach members through JAVA_TOOL_OPTIONS, which
# adds to bin/ax-node's defaults (AX_NODE_JAVA_OPTS would replace them).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BYTES="${BENCH_BYTES:-1073741824}"
RUNS="${BENCH_RUNS:-3}"
SETUP_SECONDS="${SETUP_SECONDS:-10}"
REQUESTS="${REQUESTS:-2000}"
WARMUP_REQUESTS="${WARMUP_REQUESTS:-2000}"
WINDOW="${WINDOW:-32}"
WARMUP_BYTES="${WARMUP_BYTES:-268435456}"
WARMUP_SECONDS="${WARMUP_SECONDS:-3}"
PARTS="${PARTS:-latency swarm split}"
MEMBER_ATTEMPTS="${MEMBER_ATTEMPTS:-1}"
JAR="$ROOT/deploy/target/ax-node.jar"
WORK="$(mktemp -d)"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT

[ -f "$JAR" ] && [ -f "$ROOT/cli/target/ax.jar" ] || (cd "$ROOT" && mvn -B -q -DskipTests package)
JAVA="$(bash -c "source '$ROOT/bin/lib/launch.sh'; ax_find_java")"
mkdir -p "$WORK/classes"
"$(dirname "$(readlink -f "$JAVA")")/javac" -nowarn -d "$WORK/classes" -cp "$JAR" \
  "$ROOT/deploy/src/test/java/dev/axnode/deploy/bench/ClusterBench.java"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
med() { printf '%s\n' "$@" | median; }
json_field() { python3 -c "import json,sys; d=json.loads(sys.stdin.read()); print(d$1)"; }

# Waits until log $2 of process $1 contains $3; fails when the process died or after 180 s.
wait_log() {
  local deadline=$((SECONDS + 180))
  until grep -q "$3" "$2"; do
    if ! kill -0 "$1" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
      echo "no '$3' in $2:" >&2; tail -20 "$2" >&2; return 1
    fi
    sleep 0.1
  done
}

# start NAME [ax-node args…] -> sets PID_<name>, HTTP_<name>, SWARM_<name>; waits for "ready in".
start() {
  local name="$1" http swarm log="$WORK/$1.log"
  http="$(free_port)"; swarm="$(free_port)"
  "$ROOT/bin/ax-node" --data-dir "$WORK/$name" --http-port "$http" --swarm-port "$swarm" --admin-port 0 --events-port 0 "${@:2}" \
    >"$log" 2>&1 &
  PIDS+=($!)
  printf -v "PID_$name" '%s' "$!"; printf -v "HTTP_$name" '%s' "$http"; printf -v "SWARM_$name" '%s' "$swarm"
  wait_log "$!" "$log" "ready in"
}
stop() { local pid="PID_$1"; kill "${!pid}" 2>/dev/null || true; wait "${!pid}" 2>/dev/null || true; }
node_id() { grep -m1 -o 'node 12D3KooW[A-Za-z0-9]*' "$WORK/$1.log" | cut -d' ' -f2; }
hazelcast_port() { grep -m1 -o 'member listening on hazelcast [^ ]*' "$WORK/$1.log" | sed 's/.*://'; }
# member NAME VERTICLES [JOIN_MEMBER]: a cluster member with DATA/cluster issued by the CA in "keys".
member() {
  local join=()
  [ -z "${3:-}" ] || join=(--join "127.0.0.1:$(hazelcast_port "$3")")
  local args=(--cluster --cluster-host 127.0.0.1 --cluster-port 0 --verticles "$2" "${join[@]}")
  # A member's start-time requests wait up to 10 s (BusRequests.START_TIMEOUT_MS); on a machine
  # busier than that, MEMBER_ATTEMPTS (default 1) tries a failed start again, said on stderr.
  local attempt
  for attempt in $(seq $((MEMBER_ATTEMPTS - 1))); do
    start "$1" "${args[@]}" 2>/dev/null && return 0
    stop "$1"
    echo "member $1 ($2) failed to start, once more: $(grep -m1 -o 'failed to start.*' "$WORK/$1.log" | cut -c1-160)" >&2
    mv "$WORK/$1.log" "$WORK/$1-failed-$attempt.log"
  done
  start "$1" "${args[@]}"
}
set_key() { "$ROOT/bin/ax" settings set com.actyx.os/general/swarmKey "$KEY" --local "localhost:$1" >/dev/null; }

KEY="$("$ROOT/bin/ax" swarms keygen)"
"$ROOT/bin/ax-node" cluster init --data-dir "$WORK/keys" >/dev/null
"$ROOT/bin/ax-node" cluster add-member --data-dir "$WORK/keys" --name keys --host 127.0.0.1 >/dev/null
for name in swarm transport layers probe; do
  "$ROOT/bin/ax-node" cluster add-member --data-dir "$WORK/keys" --name "$name" --host 127.0.0.1 \
    --out "$WORK/$name/cluster" >/dev/null
done
echo "JDK: $JAVA   runs: $RUNS   requests: $REQUESTS (window $WINDOW)   bytes per perf: $BYTES"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

# --- 1. request/reply latency. One line per engine: "p50 p99 sequential/s window/s" (medians).
driver() { # driver [JVM options…] -- ARGS…: the medians of the driver's rounds
  local opts=() out
  while [ "$1" != -- ]; do opts+=("$1"); shift; done; shift
  out="$("$JAVA" "${opts[@]}" -cp "$WORK/classes:$JAR" dev.axnode.deploy.bench.ClusterBench "$@" \
    "$RUNS" "$REQUESTS" "$WARMUP_REQUESTS" "$WINDOW" 2>>"$WORK/driver.log")" \
    || { echo "the bench driver failed:" >&2; tail -20 "$WORK/driver.log" >&2; return 1; }
  for field in p50Us p99Us sequentialPerSecond windowPerSecond; do
    grep '"round"' <<<"$out" | while read -r line; do json_field "['$field']" <<<"$line"; done | median
  done | paste -sd' '
}
# latency ENGINE_NAME [JVM options of members and driver]: sets LAT_<engine>, keeps the engine logged
latency() {
  [ -z "${2:-}" ] || export JAVA_TOOL_OPTIONS="$2"
  member keys keystore,settings,admin-api
  unset JAVA_TOOL_OPTIONS
  local out
  out="$(driver ${2:-} -- member "$WORK/probe/cluster" "$(hazelcast_port keys)")"
  printf -v "LAT_$1" '%s' "$out"
  printf -v "ENGINE_$1" '%s' "$(grep -h -m1 -o 'engine [A-Za-z]*' "$WORK/keys.log" | cut -d' ' -f2)"
  stop keys
  mv "$WORK/keys.log" "$WORK/keys-$1.log"
}
has() { [[ " $PARTS " == *" $1 "* ]]; }
# Each part prints its figures as soon as it has them (a later part may fail on a loaded machine).
row() { printf '%-48s %s   median %.1f\n' "$1" "$(printf '%.1f ' "${@:2}")" "$(med "${@:2}")"; }
lat() { read -r p50 p99 seq win <<<"$2"; printf '%-30s %9.1f %9.1f %13.0f %14.0f\n' "$1" "$p50" "$p99" "$seq" "$win"; }
if has latency; then
  latency openssl
  latency jdk -Dax.cluster.openssl=false
  LAT_local="$(driver -- local "$WORK/local")"
  echo
  printf '%-30s %9s %9s %13s %14s\n' "keystore.identity request" "p50 µs" "p99 µs" "1 at a time/s" "$WINDOW in flight/s"
  lat "across members, bus on $ENGINE_openssl" "$LAT_openssl"
  lat "across members, bus on $ENGINE_jdk" "$LAT_jdk"
  lat "one JVM, no cluster" "$LAT_local"
  echo
fi

ax_perf() { "$ROOT/bin/ax" swarms perf "$1" --download "$2" --json --local "localhost:$HTTP_a" | json_field "['result']['downloadMBps']"; }
ax_setups() { "$ROOT/bin/ax" swarms setups "$1" --seconds "$2" --json --local "localhost:$HTTP_a" | json_field "['result']['perSecond']"; }
# The first perf to a member node may race the swarm key's publication to its psk member: retried.
warm() { local i; for i in 1 2 3 4 5; do ax_perf "$1" "$WARMUP_BYTES" >/dev/null 2>&1 && return 0; sleep 1; done; return 1; }
has swarm || has split && { start a; set_key "$HTTP_a"; }

# --- 2 and 3 (a), (b): the single-JVM node b, the two-member node keys + swarm.
perf_one=(); perf_two=(); setups_one=(); setups_two=()
if has swarm; then
  start b; set_key "$HTTP_b"
  member keys keystore,settings,admin-api
  member swarm transport,psk,handshake keys
  set_key "$HTTP_keys"
  ADDR_b="/ip4/127.0.0.1/tcp/$SWARM_b/p2p/$(node_id b)"
  ADDR_two="/ip4/127.0.0.1/tcp/$SWARM_swarm/p2p/$(node_id keys)"
  warm "$ADDR_b"; warm "$ADDR_two"
  ax_setups "$ADDR_b" "$WARMUP_SECONDS" >/dev/null; ax_setups "$ADDR_two" "$WARMUP_SECONDS" >/dev/null
  for _ in $(seq "$RUNS"); do
    perf_one+=("$(ax_perf "$ADDR_b" "$BYTES")"); perf_two+=("$(ax_perf "$ADDR_two" "$BYTES")")
    setups_one+=("$(ax_setups "$ADDR_b" "$SETUP_SECONDS")"); setups_two+=("$(ax_setups "$ADDR_two" "$SETUP_SECONDS")")
  done
  stop swarm; stop keys; stop b
  mv "$WORK/keys.log" "$WORK/keys-two.log"
  row "setups/s, single-JVM node" "${setups_one[@]}"
  row "setups/s, keystore + swarm members" "${setups_two[@]}"
  row "perf MB/s node <- single-JVM node" "${perf_one[@]}"
  row "perf MB/s node <- keystore + swarm members" "${perf_two[@]}"
fi

# --- 3 (c): the swarm layers split, transport alone, psk + handshake in another member.
perf_split=()
split() {
  member keys keystore,settings,admin-api || return 1
  member transport transport keys || return 1
  member layers psk,handshake keys || return 1
  set_key "$HTTP_keys" || return 1
  ADDR_split="/ip4/127.0.0.1/tcp/$SWARM_transport/p2p/$(node_id keys)"
  warm "$ADDR_split" || { echo "perf against the split node failed: $(perf_error "$ADDR_split")"; return 1; }
  local _ mbps
  for _ in $(seq "$RUNS"); do
    mbps="$(ax_perf "$ADDR_split" "$BYTES" 2>"$WORK/split-perf.err")" \
      || { echo "perf against the split node failed: $(perf_error "$ADDR_split")"; return 1; }
    perf_split+=("$mbps")
  done
}
# What ax swarms perf says when it fails: its JSON error's code and message.
perf_error() {
  "$ROOT/bin/ax" swarms perf "$1" --download "$WARMUP_BYTES" --json --local "localhost:$HTTP_a" 2>&1 \
    | tr -d '\n' | cut -c1-300
}
# The reason a split run failed: its last error line, without the log's time and thread.
split_reason() { grep -E 'ERROR|ERR_|failed' "$WORK/split.err" | tail -1 | sed -E 's/^[0-9:.]+ +ERROR +\[[^]]*\] +[^ ]+ - //' | cut -c1-300; }
split_status=skipped
if has split; then
  split_status=ok
  split >"$WORK/split.err" 2>&1 || split_status="not supported: $(split_reason)"
  grep -h "once more" "$WORK/split.err" >&2 || true
fi

if [ "$split_status" = ok ]; then
  row "perf MB/s node <- transport | psk+handshake" "${perf_split[@]}"
elif has split; then
  printf '%-48s %s\n' "perf MB/s node <- transport | psk+handshake" "$split_status"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
