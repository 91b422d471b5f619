#!/usr/bin/env bash
# Runs CipherBench (JMH) on demand; it is not part of the build.
#   verticles/psk/bench.sh                      # the java on PATH
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64 verticles/psk/bench.sh
# JAVA may be a JDK home or a java binary. Extra arguments go to JMH.
# After JMH it prints the same operations timed by CPU time (CipherCpuTime), which
# stays meaningful when other jobs share the cores.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/bin/lib/bench.sh"
java_bin=$(bench_java)
cd "$root"
classpath=$(bench_classpath verticles/psk)
bench_require_jmh verticles/psk
module=$root/verticles/psk
results=$module/target/jmh-result.csv
"$java_bin" --enable-native-access=ALL-UNNAMED -cp "$classpath" org.openjdk.jmh.Main CipherBench -f 1 -wi 3 -i 5 -w 1s -r 2s -rf csv -rff "$results" "$@"

# ops/s of 64 KiB chunks -> MB/s (10^6 bytes)
echo
"$java_bin" -version 2>&1 | head -1 || true
awk -F, 'NR > 1 { gsub(/"/, ""); split($1, name, ".");
  printf "%-32s %10.1f MB/s  (+- %.1f)\n", name[length(name)], $5 * 65536 / 1e6, $6 * 65536 / 1e6 }' "$results"
echo
"$java_bin" --enable-native-access=ALL-UNNAMED -cp "$classpath" dev.axnode.psk.bench.CipherCpuTime
