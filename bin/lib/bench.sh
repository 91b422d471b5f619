# Shared by the on-demand benchmark scripts (kernel/bench.sh, verticles/*/bench.sh).
# shellcheck shell=bash

# The java to run: $JAVA (a JDK home or a java binary) if set, else the one on PATH.
bench_java() {
  if [[ -n "${JAVA:-}" ]]; then
    if [[ -d $JAVA ]]; then echo "$JAVA/bin/java"; else echo "$JAVA"; fi
  else
    echo java
  fi
}

# Compiles module $1 (a path below the repository root, e.g. verticles/psk) with its tests
# and prints its test classpath: test classes, classes, then every test-scope dependency.
# Run from the repository root.
bench_classpath() {
  local module="$1" classpath_file="$1/target/bench.classpath"
  mvn -B -q -pl "$module" test-compile >&2
  mvn -B -q -pl "$module" dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$classpath_file" >&2
  echo "$PWD/$module/target/test-classes:$PWD/$module/target/classes:$(cat "$classpath_file")"
}

# Fails unless JMH's annotation processor ran for module $1.
bench_require_jmh() {
  if [[ ! -f $1/target/test-classes/META-INF/BenchmarkList ]]; then
    echo "JMH annotation processing did not run (no META-INF/BenchmarkList in $1)" >&2
    exit 1
  fi
}
