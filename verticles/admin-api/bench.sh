#!/usr/bin/env bash
# On-demand: admin requests per second over one secure connection (SecureApiThroughput).
#   verticles/admin-api/bench.sh [seconds]       JAVA=/path/to/jdk to choose the JDK
set -euo pipefail
module=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$module/../.." && pwd)
java_bin=java
if [[ -n "${JAVA:-}" ]]; then
  java_bin=$JAVA
  [[ -d $JAVA ]] && java_bin=$JAVA/bin/java
fi
cd "$root"
mvn -B -q -pl verticles/admin-api test-compile
classpath_file=$module/target/bench.classpath
mvn -B -q -pl verticles/admin-api dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"
"$java_bin" -cp "$module/target/test-classes:$module/target/classes:$(cat "$classpath_file")" \
  dev.axnode.adminapi.SecureApiThroughput "${1:-10}"
