#!/usr/bin/env bash
# Long fuzz run of every decoder of peer bytes: the *FuzzTest classes of kernel (multiaddr,
# swarm key), psk (pnet nonce), secure-channel (multistream, Noise, identify, admin frames,
# header check), keystore and yamux, each property with FUZZ_TRIES inputs (CI runs a few
# hundred to a few thousand each). Prints per decoder the inputs run and the properties failed.
# Usage: deploy/bench/fuzz.sh            FUZZ_TRIES (default 100000), FUZZ_TESTS (default
#        '*FuzzTest', e.g. 'NoiseFuzzTest'), FUZZ_NICE (default 10) change the run.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TRIES="${FUZZ_TRIES:-100000}"
TESTS="${FUZZ_TESTS:-*FuzzTest}"
MODULES="kernel,verticles/psk,verticles/secure-channel,verticles/keystore,verticles/yamux,verticles/events"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
REPORT="$WORK/report.tsv"
: >"$REPORT"

run_maven() {
  nice -n "${FUZZ_NICE:-10}" mvn -B "$@" -pl "$MODULES" -am test -Dtest="$TESTS" \
    -Dsurefire.failIfNoSpecifiedTests=false -Dmaven.test.failure.ignore=true \
    -Dax.fuzz.tries="$TRIES" -Dax.fuzz.report="$REPORT" >"$WORK/maven.log" 2>&1
}

started=$(date +%s)
cd "$ROOT"
# offline first (the usual case here), online if an artifact is missing
run_maven -o || run_maven || { tail -40 "$WORK/maven.log"; exit 1; }
seconds=$(( $(date +%s) - started ))

# report lines: Class:property <TAB> tries <TAB> status
printf "%-22s %12s %10s %7s\n" decoder inputs properties failed
awk -F'\t' '{ split($1, name, ":"); d = name[1]; inputs[d] += $2; props[d]++; if ($3 != "SUCCESSFUL") failed[d]++ }
  END { for (d in inputs) printf "%-22s %12d %10d %7d\n", d, inputs[d], props[d], failed[d] + 0 }' "$REPORT" | sort
awk -F'\t' -v tries="$TRIES" -v seconds="$seconds" '{ total += $2; props++; if ($3 != "SUCCESSFUL") bad++ }
  END { printf "%-22s %12d %10d %7d   (%d tries per property, %d s)\n", "total", total, props, bad + 0, tries, seconds }' "$REPORT"
if [ ! -s "$REPORT" ]; then
  echo "no fuzz property ran"; tail -40 "$WORK/maven.log"; exit 1
fi
if awk -F'\t' '$3 != "SUCCESSFUL" { exit 1 }' "$REPORT"; then
  echo "0 failures"
else
  echo "failures (falsified inputs in the lines below):"
  grep -E "escaped|allocated|took|AssertionError|FAILURE" "$WORK/maven.log" | head -40
  exit 1
fi
