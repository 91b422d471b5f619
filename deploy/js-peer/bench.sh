#!/usr/bin/env bash
# js <-> js baseline over loopback, the figures ax-node is compared against:
#   - /perf/1.0.0 download of BENCH_BYTES (default 1 GiB), BENCH_RUNS runs (default 3),
#     with pnet+noise+yamux and with noise+yamux; prints the median MB/s (1 MB = 10^6 bytes)
#   - connection setups per second: sequential TCP+pnet+noise+yamux dials + one ping
#     from one process for SETUP_SECONDS (default 10), BENCH_RUNS runs, median
#     (and the same without pnet)
# Each perf line also shows both processes' CPU seconds and "cpuMBps" = bytes /
# max(client CPU s, server CPU s): roughly what the run would reach with one idle
# core per side; it depends much less on other load on the machine than MB/s.
# Ends with one line per figure: "BENCH <name> <median>".
set -u
cd "$(dirname "$0")"

BYTES=${BENCH_BYTES:-1073741824}
RUNS=${BENCH_RUNS:-3}
SETUP_SECONDS=${SETUP_SECONDS:-10}

if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund >&2 || { echo "npm ci failed" >&2; exit 1; }
fi

T=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do
    kill "$p" 2>/dev/null
    wait "$p" 2>/dev/null
  done
  rm -rf "$T"
}
trap cleanup EXIT

jsonfield() { # jsonfield FIELD < json-line
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s)[process.argv[1]];console.log(Array.isArray(v)?v[0]:v)})' "$1"
}
median() { # median of the arguments
  printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR==0) print "n/a"; else if (NR%2) printf "%.1f\n", a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'
}

start_listener() { # start_listener NAME [args...] -> sets ADDR
  local name=$1; shift
  node peer.js listen --port 0 --no-stdin "$@" >"$T/$name.out" 2>"$T/$name.err" &
  PIDS+=($!)
  local pid=$!
  ADDR=
  for _ in $(seq 1 300); do
    if grep -q '"event":"listening"' "$T/$name.out"; then
      ADDR=$(grep -m1 '"event":"listening"' "$T/$name.out" | jsonfield addrs)
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "listener $name did not start" >&2; cat "$T/$name.err" >&2
  exit 1
}

node peer.js keygen --out "$T/psk"
start_listener pnet --psk "$T/psk"; ADDR_PNET=$ADDR
start_listener plain;               ADDR_PLAIN=$ADDR

echo "js-libp2p $(node -p 'require("./node_modules/libp2p/package.json").version') on node $(node --version), $(nproc) cores"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

declare -A RESULT

perf_bench() { # perf_bench NAME LISTENER ADDR [dial args...]
  local name=$1 listener=$2 addr=$3; shift 3
  local mbps=() cpumbps=()
  for i in $(seq 1 "$RUNS"); do
    local before
    before=$(grep -c '"event":"perf-served"' "$T/$listener.out")
    node peer.js dial "$addr" "$@" --perf-download "$BYTES" --perf-timeout-ms 1800000 >"$T/run.out" 2>"$T/run.err"
    local line
    line=$(grep -m1 '"event":"perf"' "$T/run.out")
    if [ -z "$line" ]; then
      echo "  $name run $i failed: $(cat "$T/run.out" "$T/run.err" | tail -3)"
      continue
    fi
    # the listener prints perf-served right after closing the stream
    local served=
    for _ in $(seq 1 50); do
      [ "$(grep -c '"event":"perf-served"' "$T/$listener.out")" -gt "$before" ] && break
      sleep 0.1
    done
    served=$(grep '"event":"perf-served"' "$T/$listener.out" | tail -1)
    local m ccpu scpu cm
    m=$(echo "$line" | jsonfield downloadMBps)
    ccpu=$(echo "$line" | jsonfield cpuSeconds)
    scpu=$(echo "$served" | jsonfield cpuSeconds)
    cm=$(awk -v b="$BYTES" -v c="$ccpu" -v s="$scpu" 'BEGIN {m = c > s ? c : s; printf "%.1f", b / m / 1e6}')
    printf '  %-22s run %d: %7.1f MB/s  (client CPU %.2f s, server CPU %.2f s, cpuMBps %s)\n' "$name" "$i" "$m" "$ccpu" "$scpu" "$cm"
    mbps+=("$m"); cpumbps+=("$cm")
  done
  RESULT["perf-$name-MBps"]=$(median "${mbps[@]}")
  RESULT["perf-$name-cpuMBps"]=$(median "${cpumbps[@]}")
  printf '  %-22s median: %s MB/s (cpuMBps %s)\n' "$name" "${RESULT["perf-$name-MBps"]}" "${RESULT["perf-$name-cpuMBps"]}"
}

setup_bench() { # setup_bench NAME ADDR [args...]
  local name=$1 addr=$2; shift 2
  local rates=()
  for i in $(seq 1 "$RUNS"); do
    node peer.js bench-setups "$addr" "$@" --seconds "$SETUP_SECONDS" >"$T/run.out" 2>"$T/run.err"
    local line
    line=$(grep -m1 '"event":"setups"' "$T/run.out")
    if [ -z "$line" ]; then
      echo "  $name run $i failed: $(cat "$T/run.out" "$T/run.err" | tail -3)"
      continue
    fi
    local r c md f
    r=$(echo "$line" | jsonfield perSecond); c=$(echo "$line" | jsonfield count); md=$(echo "$line" | jsonfield medianMs)
    f=$(echo "$line" | jsonfield failures)
    printf '  %-22s run %d: %6.1f setups/s (%s in %s s, median %.1f ms, %s failed)\n' "$name" "$i" "$r" "$c" "$SETUP_SECONDS" "$md" "$f"
    rates+=("$r")
  done
  RESULT["setups-$name-per-s"]=$(median "${rates[@]}")
  printf '  %-22s median: %s setups/s\n' "$name" "${RESULT["setups-$name-per-s"]}"
}

echo "perf download of $BYTES bytes, $RUNS runs each:"
perf_bench pnet+noise+yamux pnet "$ADDR_PNET" --psk "$T/psk"
perf_bench noise+yamux plain "$ADDR_PLAIN"

echo "connection setups (TCP + [pnet] + noise + yamux + one ping), ${SETUP_SECONDS} s x $RUNS runs:"
setup_bench pnet+noise+yamux "$ADDR_PNET" --psk "$T/psk"
setup_bench noise+yamux "$ADDR_PLAIN"

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
for k in perf-pnet+noise+yamux-MBps perf-noise+yamux-MBps perf-pnet+noise+yamux-cpuMBps perf-noise+yamux-cpuMBps \
         setups-pnet+noise+yamux-per-s setups-noise+yamux-per-s; do
  echo "BENCH $k ${RESULT[$k]}"
done
