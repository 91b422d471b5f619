#!/usr/bin/env bash
# Self-test of the js-libp2p reference peer, js <-> js over loopback:
#   1. same swarm key: dial + identify + 3 pings + 10 MiB perf each way succeeds
#   2. another swarm key: the dial fails (error or timeout) within ~15 s
#   3. no pnet on the dialer: the dial fails
# Prints a summary ("N passed, N failed") and exits 0 only when all three behave.
set -u
cd "$(dirname "$0")"

if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund >&2 || { echo "npm ci failed" >&2; exit 1; }
fi

T=$(mktemp -d)
LPID=
cleanup() {
  if [ -n "$LPID" ] && kill -0 "$LPID" 2>/dev/null; then
    kill "$LPID" 2>/dev/null
    wait "$LPID" 2>/dev/null
  fi
  rm -rf "$T"
}
trap cleanup EXIT

PASS=0
FAIL=0
pass() { PASS=$((PASS + 1)); echo "PASS: $*"; }
fail() { FAIL=$((FAIL + 1)); echo "FAIL: $*"; }
now_ms() { date +%s%3N; }

node peer.js keygen --out "$T/k1" || { echo "keygen failed"; exit 1; }
node peer.js keygen --out "$T/k2" || { echo "keygen failed"; exit 1; }

node peer.js listen --port 0 --psk "$T/k1" --no-stdin >"$T/listen.out" 2>"$T/listen.err" &
LPID=$!

ADDR=
for _ in $(seq 1 300); do
  if grep -q '"event":"listening"' "$T/listen.out" 2>/dev/null; then
    ADDR=$(grep -m1 '"event":"listening"' "$T/listen.out" \
      | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).addrs[0]))')
    break
  fi
  kill -0 "$LPID" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$ADDR" ]; then
  echo "listener did not start:"; cat "$T/listen.out" "$T/listen.err"
  exit 1
fi
echo "listener: $ADDR"

# 1. same key
t0=$(now_ms)
timeout 180 node peer.js dial "$ADDR" --psk "$T/k1" --ping 3 \
  --perf-download 10485760 --perf-upload 10485760 >"$T/d1.out" 2>"$T/d1.err"
rc=$?
el=$(( $(now_ms) - t0 ))
pings=$(grep -c '"event":"ping"' "$T/d1.out")
if [ $rc -eq 0 ] && grep -q '"event":"done"' "$T/d1.out" && grep -q '"event":"identify"' "$T/d1.out" \
   && [ "$pings" -eq 3 ] \
   && grep -q '"event":"perf","uploadBytes":10485760,"downloadBytes":10485760' "$T/d1.out"; then
  pass "same key: identify, 3 pings, 10 MiB up + 10 MiB down in ${el} ms"
  grep '"event":"perf"' "$T/d1.out" | sed 's/^/      /'
else
  fail "same key (rc=$rc, ${el} ms)"; cat "$T/d1.out" "$T/d1.err" | sed 's/^/      /'
fi

# 2. another key: js either resets at once or waits until --timeout-ms (10 s)
t0=$(now_ms)
timeout 60 node peer.js dial "$ADDR" --psk "$T/k2" --ping 1 >"$T/d2.out" 2>"$T/d2.err"
rc=$?
el=$(( $(now_ms) - t0 ))
if [ $rc -ne 0 ] && [ $rc -ne 124 ] && grep -q '"event":"error"' "$T/d2.out" && [ $el -le 20000 ]; then
  pass "wrong key: dial failed in ${el} ms: $(grep -m1 '"event":"error"' "$T/d2.out")"
else
  fail "wrong key (rc=$rc, ${el} ms)"; cat "$T/d2.out" "$T/d2.err" | sed 's/^/      /'
fi

# 3. no pnet on the dialer
t0=$(now_ms)
timeout 60 node peer.js dial "$ADDR" --ping 1 >"$T/d3.out" 2>"$T/d3.err"
rc=$?
el=$(( $(now_ms) - t0 ))
if [ $rc -ne 0 ] && [ $rc -ne 124 ] && grep -q '"event":"error"' "$T/d3.out" && [ $el -le 20000 ]; then
  pass "no pnet on dialer: dial failed in ${el} ms: $(grep -m1 '"event":"error"' "$T/d3.out")"
else
  fail "no pnet on dialer (rc=$rc, ${el} ms)"; cat "$T/d3.out" "$T/d3.err" | sed 's/^/      /'
fi

if ! kill -0 "$LPID" 2>/dev/null; then
  echo "note: the listener died during the test:"; cat "$T/listen.err" | sed 's/^/      /'
fi

echo "js-peer selftest: $PASS passed, $FAIL failed"
[ $FAIL -eq 0 ]
