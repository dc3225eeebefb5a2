# Sourced by bin/baton, bin/bench, .ci/run and ./mvnw: makes JAVA_HOME a JDK >= 21.
# Keeps a JAVA_HOME that is already new enough; otherwise picks the newest JDK >= 21 under
# /usr/lib/jvm (or the one behind `java` on the PATH). POSIX sh, so mvnw can source it too.
# Picking one starts no process but for the PATH's java (bin/baton runs at every command's start).

baton_read_major() {
  # Sets baton_major to the feature version of the JDK at $1 (e.g. 25), or 0 when there is none.
  baton_major=0
  v=""
  if [ -f "$1/release" ]; then
    # Read with the shell itself: no process per JDK, so picking one costs nothing noticeable.
    while IFS= read -r line; do
      case "$line" in
        JAVA_VERSION=*) v=${line#JAVA_VERSION=\"}; v=${v%%[!0-9]*}; break ;;
      esac
    done < "$1/release"
  elif [ -x "$1/bin/java" ]; then
    v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1)
  fi
  if [ -x "$1/bin/javac" ] && [ -n "${v:-}" ]; then
    baton_major=$v
  fi
}

baton_java_major() {
  # Prints the feature version of the JDK at $1 (e.g. 25), or 0 when there is none.
  baton_read_major "$1"
  echo "$baton_major"
}

baton_quiet_maven() {
  # Maven 3.9's Guice calls sun.misc.Unsafe, which JDK 24+ warns about on every build; allow it
  # quietly there (older JDKs do not know the option).
  if [ "$baton_jdk_major" -ge 24 ]; then
    case "${MAVEN_OPTS:-}" in
      *sun-misc-unsafe-memory-access*) ;;
      *) MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"; export MAVEN_OPTS ;;
    esac
  fi
}

baton_pick_jdk() {
  # Also sets baton_jdk_major to the picked JDK's feature version.
  if [ -n "${JAVA_HOME:-}" ]; then
    baton_read_major "$JAVA_HOME"
    if [ "$baton_major" -ge 21 ]; then
      baton_jdk_major=$baton_major
      baton_quiet_maven
      return 0
    fi
  fi
  best=""
  best_major=0
  on_path=$(command -v java 2>/dev/null || true)
  # the JDK two directories above the real file (bin/java)
  [ -n "$on_path" ] && on_path=$(readlink -f "$on_path") && on_path=${on_path%/*} && on_path=${on_path%/*}
  for candidate in /usr/lib/jvm/* "$on_path"; do
    [ -n "$candidate" ] && [ -d "$candidate" ] || continue
    baton_read_major "$candidate"
    if [ "$baton_major" -ge 21 ] && [ "$baton_major" -gt "$best_major" ]; then
      best=$candidate
      best_major=$baton_major
    fi
  done
  if [ -z "$best" ]; then
    echo "baton: no JDK 21 or newer found (looked at JAVA_HOME, /usr/lib/jvm and java on the PATH)" >&2
    return 1
  fi
  JAVA_HOME=$best
  export JAVA_HOME
  baton_jdk_major=$best_major
  baton_quiet_maven
}
