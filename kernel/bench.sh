#!/usr/bin/env bash
# Runs BusHopBench (JMH) on demand: one event-bus hop per 64 KiB chunk against a direct call.
#   kernel/bench.sh                      # the java on PATH
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64 kernel/bench.sh
# JAVA may be a JDK home or a java binary. Extra arguments go to JMH.

set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bin/lib/bench.sh"
java_bin=$(bench_java)
cd "$root"
classpath=$(bench_classpath kernel)
bench_require_jmh kernel
module=$root/kernel
results=$module/target/jmh-result.csv
"$java_bin" -cp "$classpath" org.openjdk.jmh.Main BusHopBench -f 1 -wi 3 -i 5 -w 1s -r 1s -rf csv -rff "$results" "$@"

# average µs per 64 KiB chunk
echo
"$java_bin" -version 2>&1 | head -1 || true
awk -F, 'NR > 1 { gsub(/"/, ""); split($1, name, ".");
  printf "%-22s %8.3f us per 64 KiB chunk  (+- %.3f)\n", name[length(name)], $5, $6 }' "$results"
