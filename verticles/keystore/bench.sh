#!/usr/bin/env bash
# Runs PayloadSealBench (JMH) on demand; it is not part of the build.
#   verticles/keystore/bench.sh
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64 verticles/keystore/bench.sh
# Prints µs per batch of 100 payloads and the cost of sealing per event.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/bin/lib/bench.sh"
java_bin=$(bench_java)
cd "$root"
classpath=$(bench_classpath verticles/keystore)
bench_require_jmh verticles/keystore
results=$root/verticles/keystore/target/jmh-result.csv
"$java_bin" -cp "$classpath" org.openjdk.jmh.Main PayloadSealBench -f 1 -wi 3 -i 5 -w 1s -r 2s -rf csv -rff "$results" "$@"

echo
"$java_bin" -version 2>&1 | head -1 || true
awk -F, 'NR > 1 { gsub(/"/, ""); n = split($1, name, "."); us[name[n]] = $5 }
  END { for (k in us) printf "%-18s %8.1f µs per 100 events, %6.2f µs per event\n", k, us[k], us[k] / 100
        if (us["plain"] > 0) printf "sealed / plain = %.2f, sealedAsOnTheBus / plain = %.2f\n",
          us["sealed"] / us["plain"], us["sealedAsOnTheBus"] / us["plain"] }' "$results"
