#!/usr/bin/env bash
# Runs BusHopBench (JMH) on demand: one event-bus hop per 64 KiB chunk against a direct call.
#   kernel/bench.sh                      # the java on PATH
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64 kernel/bench.sh
# JAVA may be a JDK home or a java binary. Extra arguments go to JMH.

set -euo pipefail

module=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$module/.." && pwd)
java_bin=java
if [[ -n "${JAVA:-}" ]]; then
  java_bin=$JAVA
  [[ -d $JAVA ]] && java_bin=$JAVA/bin/java
fi

cd "$root"
mvn -B -q -pl kernel test-compile
classpath_file=$module/target/bench.classpath
mvn -B -q -pl kernel dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"
if [[ ! -f $module/target/test-classes/META-INF/BenchmarkList ]]; then
  echo "JMH annotation processing did not run (no META-INF/BenchmarkList)" >&2
  exit 1
fi

classpath=$module/target/test-classes:$module/target/classes:$(cat "$classpath_file")
results=$module/target/jmh-result.csv
"$java_bin" -cp "$classpath" org.openjdk.jmh.Main BusHopBench -f 1 -wi 3 -i 5 -w 1s -r 1s -rf csv -rff "$results" "$@"

# average µs per 64 KiB chunk
echo
"$java_bin" -version 2>&1 | head -1 || true
awk -F, 'NR > 1 { gsub(/"/, ""); split($1, name, ".");
  printf "%-22s %8.3f us per 64 KiB chunk  (+- %.3f)\n", name[length(name)], $5, $6 }' "$results"
