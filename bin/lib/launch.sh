# Shared by bin/ax and bin/ax-node: find a JDK, build the jars when missing.
# shellcheck shell=bash

# The checkout's root, two levels above this file. Worked out without a subshell or dirname
# where the path allows (each fork + exec costs the ax client milliseconds, see below).
ax_root() {
  local dir="${BASH_SOURCE[0]}"
  [[ "$dir" == */* ]] && dir="${dir%/*}" || dir=.
  [[ "$dir" == /* ]] || dir="$PWD/$dir"
  dir="${dir%/.}"
  if [[ "$dir" == */bin/lib && "$dir" != *"/../"* && "$dir" != *"/./"* ]]; then
    AX_ROOT="${dir%/bin/lib}"
  else
    AX_ROOT="$(cd "$dir/../.." && pwd)"
  fi
}
ax_root

# Prints the feature version (17, 21, 25 …) of the JDK whose java binary is $1. Reads the
# JDK's `release` file (no JVM start: this runs on every ax call); falls back to asking java.
ax_java_feature() {
  local home version
  home="$(cd "$(dirname "$(readlink -f "$1")")/.." && pwd)"
  if [ -f "$home/release" ]; then
    version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")"
  fi
  if [ -z "${version:-}" ]; then
    version="$("$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')"
  fi
  echo "${version%%.*}"
}

# Picks $JAVA_HOME/bin/java if set, else the newest JDK >= 17 found under /usr/lib/jvm,
# /opt or on the PATH. The code targets Java 17; newer JDKs run it faster (Java 25 has
# intrinsics for ChaCha20-Poly1305).
ax_find_java() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    echo "$JAVA_HOME/bin/java"
    return
  fi
  local best="" best_version=0 candidate version
  for candidate in /usr/lib/jvm/*/bin/java /opt/*/bin/java /opt/java/*/bin/java "$(command -v java 2>/dev/null)"; do
    [ -x "$candidate" ] || continue
    version="$(ax_java_feature "$candidate")"
    version="${version%%.*}"
    [[ "$version" =~ ^[0-9]+$ ]] || continue
    if [ "$version" -ge 17 ] && [ "$version" -gt "$best_version" ]; then
      best="$candidate"
      best_version="$version"
    fi
  done
  if [ -z "$best" ]; then
    echo "No Java 17 or newer found: install one or set JAVA_HOME." >&2
    exit 1
  fi
  echo "$best"
}

# Builds the node and CLI jars when $1 is missing.
ax_ensure_built() {
  if [ ! -f "$1" ]; then
    echo "Building ax-node (first run): mvn -B -q -DskipTests package" >&2
    (cd "$AX_ROOT" && mvn -B -q -DskipTests package) >&2 || exit 1
  fi
}

# JVM flags that keep a class-data-sharing archive beside jar $1 (Java 19+ creates it by
# itself; older JDKs just run without it). The JVM does not replace an archive that a
# rebuilt jar made unusable (it only warns, silenced here), so one older than the jar is
# removed first and the next run writes a fresh one.
ax_cds_flags() {
  local java="$1" jar="$2" version archive
  version="$(ax_java_feature "$java")"
  version="${version%%.*}"
  if [ "${version:-0}" -ge 19 ] && [ -w "$(dirname "$jar")" ]; then
    archive="${jar%.jar}.jsa"
    if [ -f "$archive" ] && [ "$jar" -nt "$archive" ]; then
      rm -f "$archive"
    fi
    echo "-XX:SharedArchiveFile=$archive -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off"
  fi
}

# --- The ax client. Every call of ax pays for this script, so it forks no process: on a
# loaded two-core machine each fork + exec of sed, readlink or dirname costs 10-50 ms. ---

# Sets AX_RELEASE_VALUE to the value of key $2 in the JDK release file $1, or to nothing.
ax_client_release_value() {
  local line
  AX_RELEASE_VALUE=""
  [ -f "$1" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in
      "$2="*) line="${line#*=}"; line="${line#\"}"; AX_RELEASE_VALUE="${line%\"}"; return 0 ;;
    esac
  done <"$1"
}

# Sets AX_PATH_JAVA to the first java on the PATH, or to nothing (`command -v` without its subshell).
ax_client_path_java() {
  local dir IFS=:
  AX_PATH_JAVA=""
  for dir in $PATH; do
    if [ -n "$dir" ] && [ -f "$dir/java" ] && [ -x "$dir/java" ]; then
      AX_PATH_JAVA="$dir/java"
      return 0
    fi
  done
}

# Sets AX_JAVA (the java binary), AX_JAVA_FEATURE (17, 25 …) and AX_JAVA_BUILD
# (25.0.3+9-LTS …): $JAVA_HOME if set, else the newest JDK >= 17 under /usr/lib/jvm or /opt,
# else the one on the PATH; the same choice as ax_find_java, read from the JDKs' release files.
ax_client_java() {
  local home best="" best_version=0 version
  AX_JAVA=""
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    best="${JAVA_HOME%/}"
  else
    # The PATH's java counts when it sits in a JDK (…/bin/java beside …/release); Debian's
    # /usr/bin/java links into /usr/lib/jvm, which is searched anyway.
    ax_client_path_java
    for home in /usr/lib/jvm/* /opt/* /opt/java/* "${AX_PATH_JAVA%/bin/java}"; do
      [ -x "$home/bin/java" ] || continue
      ax_client_release_value "$home/release" JAVA_VERSION
      version="${AX_RELEASE_VALUE%%.*}"
      [[ "$version" =~ ^[0-9]+$ ]] || continue
      if [ "$version" -ge 17 ] && [ "$version" -gt "$best_version" ]; then
        best="$home"
        best_version="$version"
      fi
    done
  fi
  if [ -z "$best" ]; then
    # Rare: no JDK in the usual places. The slow, general way.
    AX_JAVA="$(ax_find_java)"
    best="$(cd "$(dirname "$(readlink -f "$AX_JAVA")")/.." && pwd)"
  fi
  AX_JAVA="$best/bin/java"
  ax_client_release_value "$best/release" JAVA_VERSION
  AX_JAVA_FEATURE="${AX_RELEASE_VALUE%%.*}"
  [[ "$AX_JAVA_FEATURE" =~ ^[0-9]+$ ]] || AX_JAVA_FEATURE="$(ax_java_feature "$AX_JAVA")"
  ax_client_release_value "$best/release" JAVA_RUNTIME_VERSION
  AX_JAVA_BUILD="${AX_RELEASE_VALUE:-unknown}"
}

# The ax client's Java 25+ AOT cache (JEP 483/514/515): classes loaded and linked, and method
# profiles, from a training run, mapped at start. A cache holds what its training run loaded,
# so there is one per kind of node address: "http" (--local HOST[:PORT]) and "secure"
# (--local /ip4/…, the Noise and yamux path). Sets AX_KIND to the kind of command line "$@",
# or to nothing for a command that talks to no node (too little to load to gain from a cache).
ax_client_kind() {
  local arg previous=""
  AX_KIND=""
  for arg in "$@"; do
    case "$previous|$arg" in
      "--local|"/* | *"|--local="/*) AX_KIND=secure ;;
      "--local|"* | *"|--local="*) [ -n "$AX_KIND" ] || AX_KIND=http ;;
    esac
    previous="$arg"
  done
}

# Sets AX_CACHE to the AOT cache of kind $2 for jar $1 and the JDK build AX_JAVA_BUILD:
# beside the jar, named by the exact JDK build (a cache only works with the JVM build that
# wrote it). Removes one older than the jar (the JVM would refuse it). Sets nothing if the
# jar's directory is not writable.
ax_client_aot_cache() {
  AX_CACHE=""
  [ -w "${1%/*}" ] || return 0
  AX_CACHE="${1%.jar}-$2-$AX_JAVA_BUILD.aot"
  if [ -f "$AX_CACHE" ] && [ "$1" -nt "$AX_CACHE" ]; then
    rm -f "$AX_CACHE"
  fi
}

# Writes AOT cache $4 from the training record $3 (java $1, jar $2, JVM options $5…), in the
# background and detached, so the command that recorded it returns at once. Written to a
# temporary name and moved, so a concurrent ax never maps a half-written cache.
ax_client_aot_create() {
  local java="$1" jar="$2" record="$3" cache="$4"
  shift 4
  (
    "$java" "$@" -XX:AOTMode=create -XX:AOTConfiguration="$record" -XX:AOTCache="$cache.$$" \
      -Xlog:aot=off -Xlog:cds=off -cp "$jar" >/dev/null 2>&1 \
      && mv -f "$cache.$$" "$cache"
    rm -f "$record" "$cache.$$"
  ) </dev/null >/dev/null 2>&1 &
  disown 2>/dev/null || true
}
