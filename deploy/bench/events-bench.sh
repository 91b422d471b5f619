#!/usr/bin/env bash
# On-demand event-stream benchmark on real node processes over loopback (never run by the build).
# The driver (deploy/src/test/java/dev/axnode/deploy/bench/EventsBench.java) is an HTTP client of
# the event API (port 4454). Figures are printed beside the aims of issue 10:
#   1. durable publish events/s (answered once fsync'ed), PUBLISH_SECONDS per run, medians of
#      BENCH_RUNS: batches of 100 with CLIENTS requests in flight; single events (one per
#      request) with CLIENTS and with 64 in flight, and from one client that waits for each
#      answer (a blocking socket, with the answers' p50 latency); and
#      batches of 100 of a family with a stream key (`ax events keys create`, payloads sealed
#      with AES-256-GCM) run alternately with plain ones in ENCRYPTION_PAIRS pairs: the median
#      of the pairs' throughput ratios, and of their node-CPU-per-event ratios. Beside
#      them, this disk's floor for a client that waits for each answer (commit-floor.py: one-row
#      SQLite commits as the store makes them, and a bare fdatasync).
#   2. the signing cost: Ed25519 signatures per second through the node's own keystore (the
#      driver's `sign` mode boots a keystore in its JVM and asks KEYSTORE_SIGN for EVENT_BLOCK
#      signatures), turned into the ratio a batch of 100 (one block, one signature) would gain
#      without it; the node has no switch to turn signing off.
#   3. catch-up: a node holding CATCHUP_EVENTS events (published in batches of 1000) and a fresh
#      node; time from setting the fresh node's bootstrapNodes to the source until its offsets
#      equal the source's.
#   4. live lag A -> B -> C (C knows only B, B only A): single events published on A at LAG_RATE/s
#      for LAG_SECONDS, a subscriber on C; lag = arrival - the event's timestamp (one clock).
# PARTS (default "publish sign catchup lag") picks parts. Every part first runs an uncounted
# warm-up (WARMUP_SECONDS), as a node's first seconds run partly interpreted code.
# PROFILE_DIR=DIR records each node with JFR (profile settings) into DIR/<node>.jfr, written
# when the node stops (`jfr print --events jdk.ExecutionSample` or `jfr view hot-methods`).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS="${BENCH_RUNS:-3}"
ENCRYPTION_PAIRS="${ENCRYPTION_PAIRS:-5}"
PUBLISH_SECONDS="${PUBLISH_SECONDS:-10}"
CLIENTS="${CLIENTS:-8}"
CATCHUP_EVENTS="${CATCHUP_EVENTS:-1000000}"
LAG_RATE="${LAG_RATE:-50}"
LAG_SECONDS="${LAG_SECONDS:-20}"
WARMUP_SECONDS="${WARMUP_SECONDS:-5}"
SIGNATURES="${SIGNATURES:-20000}"
PARTS="${PARTS:-publish sign catchup lag}"
JAR="$ROOT/deploy/target/ax-node.jar"
WORK="$(mktemp -d)"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT

[ -f "$JAR" ] && [ -f "$ROOT/cli/target/ax.jar" ] || (cd "$ROOT" && mvn -B -q -DskipTests package)
JAVA="$(bash -c "source '$ROOT/bin/lib/launch.sh'; ax_find_java")"
mkdir -p "$WORK/classes"
"$(dirname "$(readlink -f "$JAVA")")/javac" -nowarn -d "$WORK/classes" -cp "$JAR" \
  "$ROOT/deploy/src/test/java/dev/axnode/deploy/bench/EventsBench.java"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
med() { printf '%s\n' "$@" | median; }
field() { python3 -c "import json,sys; print(json.loads(sys.stdin.read())['$1'])"; }
driver() {
  "$JAVA" -cp "$WORK/classes:$JAR" dev.axnode.deploy.bench.EventsBench "$@" 2>>"$WORK/driver.log" \
    || { echo "the bench driver failed ($1):" >&2; tail -20 "$WORK/driver.log" >&2; return 1; }
}

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
# start NAME -> PID_<name>, HTTP_<name>, EVENTS_<name>, ADDR_<name>; ready, with the swarm key set.
start() {
  local name="$1" http swarm log="$WORK/$1.log"
  http="$(free_port)"; swarm="$(free_port)"
  local jfr=()
  [ -z "${PROFILE_DIR:-}" ] || jfr=(env "JAVA_TOOL_OPTIONS=-XX:StartFlightRecording=filename=$PROFILE_DIR/$name.jfr,settings=profile,dumponexit=true")
  "${jfr[@]}" "$ROOT/bin/ax-node" --data-dir "$WORK/$name" --http-port "$http" --swarm-port "$swarm" --admin-port 0 \
    --events-port 0 >"$log" 2>&1 &
  PIDS+=($!)
  printf -v "PID_$name" '%s' "$!"; printf -v "HTTP_$name" '%s' "$http"
  wait_log "$!" "$log" "ready in"
  printf -v "EVENTS_$name" '%s' "$(grep -m1 -o 'listening on http-events [^ ]*' "$log" | sed 's/.*://')"
  printf -v "ADDR_$name" '%s' "/ip4/127.0.0.1/tcp/$swarm/p2p/$(grep -m1 -o 'node 12D3KooW[A-Za-z0-9]*' "$log" | cut -d' ' -f2)"
  "$ROOT/bin/ax" settings set com.actyx.os/general/swarmKey "$KEY" --local "localhost:$http" >/dev/null
}
stop() { local pid="PID_$1"; kill "${!pid}" 2>/dev/null || true; wait "${!pid}" 2>/dev/null || true; }
# bootstrap NAME PEER: NAME dials PEER (straight to the HTTP API: no CLI start-up in a timed span).
bootstrap() {
  local http="HTTP_$1" addr="ADDR_$2"
  curl -sf -X PUT -H 'Content-Type: application/json' --data "[\"${!addr}\"]" \
    "http://127.0.0.1:${!http}/api/v1/settings?scope=com.actyx.os/general/bootstrapNodes" >/dev/null
}
has() { [[ " $PARTS " == *" $1 "* ]]; }
publish() { printf '%.0f' "$(driver publish "$1" "$PUBLISH_SECONDS" "$2" "$3" "$4" | field eventsPerSecond)"; }
# CPU seconds (user + system) the process $1 has used so far
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"; }
# publish_cpu PORT PID SEMANTICS: batches of 100, CLIENTS in flight -> "events/s node-CPU-µs-per-event"
publish_cpu() {
  local before after out
  before="$(cpu_seconds "$2")"
  out="$(driver publish "$1" "$PUBLISH_SECONDS" 100 "$CLIENTS" "$3")"
  after="$(cpu_seconds "$2")"
  python3 -c "import json,sys; o=json.loads(sys.argv[1]); print(f\"{o['eventsPerSecond']:.0f}\","\
"f\"{(float(sys.argv[3]) - float(sys.argv[2])) * 1e6 / o['events']:.2f}\")" "$out" "$before" "$after"
}
# aim LABEL VALUE AIM UNIT: one figure beside its aim
aim() { printf '%-52s %12s   aim %s\n' "$1" "$2" "$3"; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }

KEY="$("$ROOT/bin/ax" swarms keygen)"
echo "JDK: $JAVA   runs: $RUNS   publish: ${PUBLISH_SECONDS} s per run, $CLIENTS clients   catch-up: $CATCHUP_EVENTS events"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

if has publish; then
  start a
  "$ROOT/bin/ax" events keys create bench.sealed --local "localhost:$HTTP_a" >/dev/null
  WARM="$WARMUP_SECONDS"
  driver publish "$EVENTS_a" "$WARM" 100 "$CLIENTS" bench.plain >/dev/null
  driver publish "$EVENTS_a" "$WARM" 100 "$CLIENTS" bench.sealed >/dev/null
  driver publish "$EVENTS_a" "$WARM" 1 64 bench.single >/dev/null
  plain=(); sealed=(); one=(); one_p50=(); few=(); many=()
  for _ in $(seq "$RUNS"); do
    out="$(driver sequential "$EVENTS_a" "$PUBLISH_SECONDS" bench.single)"
    one+=("$(printf '%.0f' "$(field eventsPerSecond <<<"$out")")"); one_p50+=("$(field p50Us <<<"$out")")
    few+=("$(publish "$EVENTS_a" 1 "$CLIENTS" bench.single)")
    many+=("$(publish "$EVENTS_a" 1 64 bench.single)")
  done
  # Plain and sealed batches alternate in ENCRYPTION_PAIRS pairs, each run with the node's CPU
  # time from /proc: this machine's speed moves by a quarter between minutes, so the cost of
  # encryption is the median of the pairs' ratios (neighbours in time), and CPU per event
  # beside it (the client shares the two cores, so throughput also carries the client's cost).
  pairs=(); cpu_plain=(); cpu_sealed=(); cpu_pairs=()
  for _ in $(seq "$ENCRYPTION_PAIRS"); do
    read -r p pc <<<"$(publish_cpu "$EVENTS_a" "$PID_a" bench.plain)"
    read -r s sc <<<"$(publish_cpu "$EVENTS_a" "$PID_a" bench.sealed)"
    plain+=("$p"); sealed+=("$s"); cpu_plain+=("$pc"); cpu_sealed+=("$sc")
    pairs+=("$(ratio "$p" "$s")"); cpu_pairs+=("$(ratio "$sc" "$pc")")
  done
  P="$(med "${plain[@]}")"; S="$(med "${sealed[@]}")"
  echo
  printf '%-52s %12s\n' "durable publish over HTTP 4454 (medians)" "events/s"
  aim "batches of 100, $CLIENTS in flight, plain" "$(printf '%.0f' "$P")" ">= 50,000"
  aim "batches of 100, $CLIENTS in flight, sealed family" "$(printf '%.0f' "$S")" "-"
  aim "single events, $CLIENTS in flight" "$(printf '%.0f' "$(med "${few[@]}")")" ">= 2,000"
  aim "single events, 64 in flight" "$(printf '%.0f' "$(med "${many[@]}")")" ">= 2,000"
  aim "single events, one client waiting for each answer" "$(printf '%.0f' "$(med "${one[@]}")")" "-"
  # What the disk allows one client that waits for each publish: a publish is answered after
  # its commit's fsync, so one at a time can go no faster than one commit per answer. The
  # rest of an answer's latency is the node's (HTTP, signing, two thread hops) and the client's.
  floor="$(python3 "$ROOT/deploy/bench/commit-floor.py" "$WORK")"
  aim "  this disk's floor: one-row SQLite commits (WAL, FULL)" "$(field sqliteCommitsPerSecond <<<"$floor")" "-"
  aim "  this disk's floor: 4 KiB overwrite + fdatasync" "$(field fdatasyncsPerSecond <<<"$floor")" "-"
  aim "  answer p50 / the floor's commit p50" "$(med "${one_p50[@]}") / $(python3 -c \
    "import sys; print(round(float(sys.argv[1]) * 1000))" "$(field sqliteCommitMs <<<"$floor")") µs" "-"
  aim "encryption cost: plain / sealed throughput (pairs)" "$(med "${pairs[@]}")x" "< 1.3x"
  aim "encryption cost: node CPU per event sealed / plain" "$(med "${cpu_pairs[@]}")x" "< 1.3x"
  aim "  node CPU per event, plain / sealed (µs)" "$(med "${cpu_plain[@]}") / $(med "${cpu_sealed[@]}")" "-"
  echo "  runs: plain ${plain[*]}; sealed ${sealed[*]}; pair ratios ${pairs[*]}; CPU ratios ${cpu_pairs[*]};"\
    "one client ${one[*]}; $CLIENTS in flight ${few[*]}; 64 in flight ${many[*]}"
  stop a
fi

if has sign; then
  out="$(driver sign "$WORK/signer" "$SIGNATURES")"
  PER_SIGN_US="$(field microsPerSignature <<<"$out")"
  echo
  aim "EVENT_BLOCK signature through the keystore" "$(printf '%.1f µs' "$PER_SIGN_US")" "-"
  if [ -n "${P:-}" ]; then
    # a batch of 100 costs 100/P s; without its one signature it would cost that minus one signature
    aim "signing cost: batch of 100 with / without signature" \
      "$(python3 -c "import sys; b=100/float(sys.argv[1]); s=float(sys.argv[2])/1e6; print(f'{b/(b-s) if b > s else float(\"inf\"):.2f}x')" "$P" "$PER_SIGN_US")" "< 1.3x"
  fi
fi

if has catchup; then
  start src
  fill="$(driver fill "$EVENTS_src" "$CATCHUP_EVENTS" bench.catchup)"
  echo
  aim "filled the source (batches of 1000, 4 in flight)" "$(printf '%.0f/s' "$(field eventsPerSecond <<<"$fill")")" "-"
  start fresh
  began="$(date +%s%3N)"
  bootstrap fresh src
  out="$(driver catchup "$EVENTS_src" "$EVENTS_fresh" "$began" 1800)"
  aim "catch-up of $(field events <<<"$out") events by a fresh node" \
    "$(printf '%.0f/s' "$(field eventsPerSecond <<<"$out")")" ">= 100,000/s"
  echo "  in $(printf '%.1f' "$(field seconds <<<"$out")") s from setting bootstrapNodes"
  stop fresh; stop src
fi

if has lag; then
  start la; start lb; start lc
  bootstrap lb la; bootstrap lc lb
  # the chain is up once an event published on A is held by C
  driver fill "$EVENTS_la" 1000 bench.hello >/dev/null
  driver catchup "$EVENTS_la" "$EVENTS_lc" "$(date +%s%3N)" 120 >/dev/null
  driver lag "$EVENTS_la" "$EVENTS_lc" "$LAG_RATE" "$WARMUP_SECONDS" >/dev/null
  echo
  # the same on A itself and on B split the lag into the local path and each replication hop
  for sub in la lb lc; do
    events="EVENTS_$sub"
    out="$(driver lag "$EVENTS_la" "${!events}" "$LAG_RATE" "$LAG_SECONDS")"
    label="live lag, $LAG_RATE events/s on A, subscriber on $(tr a-c A-C <<<"${sub#l}")"
    aim "$label: p50" "$(printf '%.1f ms' "$(field p50Ms <<<"$out")")" "-"
    aim "$label: p99" "$(printf '%.1f ms' "$(field p99Ms <<<"$out")")" "$([ "$sub" = lc ] && echo '< 50 ms' || echo -)"
  done
  stop lc; stop lb; stop la
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
