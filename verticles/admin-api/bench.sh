#!/usr/bin/env bash
# On-demand: admin requests per second over one secure connection (SecureApiThroughput).
#   verticles/admin-api/bench.sh [seconds]       JAVA=/path/to/jdk to choose the JDK
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/bin/lib/bench.sh"
java_bin=$(bench_java)
cd "$root"
classpath=$(bench_classpath verticles/admin-api)
"$java_bin" -cp "$classpath" dev.axnode.adminapi.SecureApiThroughput "${1:-10}"
