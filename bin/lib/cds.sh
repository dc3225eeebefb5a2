# Sourced by bin/baton: a start-up cache per command, so that the JVM maps the classes a command
# needs instead of reading, parsing and linking them from the jar at every start
# (docs/PERFORMANCE.md, Start-up). On JDK 25 and newer it is the JDK's AOT cache (JEP 483, 514),
# which also keeps the classes linked and the lambdas resolved; on older JDKs (21) a dynamic
# class-data-sharing archive. Picocli's classes stay out of either: they are Java 5 classes, which
# the JVM does not archive once linked.
#
# One cache per command (baton_cds_key), because commands load different classes and a cache holds
# only what the run that made it loaded: the subcommands of a group have one each (qemu-analyze,
# qemu-verify), since a cache that qemu verify made lacks what analyze loads (Jackson, the JSON
# writers). The first run of a command that succeeds makes it: on JDK 25 that run records what it loads (-XX:AOTMode=record) and, once it has ended,
# a JVM in the background (nice, its output discarded) assembles the cache, a second or two of CPU
# the command does not wait for (runs of the command meanwhile go without one); on older JDKs that run writes the archive as it exits
# (-XX:ArchiveClassesAtExit, some 100 ms more). Later runs map it. It lives in
# baton-cli/target/cds/<JDK>/<command>.aot (or .jsa), is made again when the jar or the JDK is
# newer, and when that directory cannot be written the command runs without one. The JVM checks
# the jar too and quietly ignores a cache that does not match it. BATON_CDS_DIR puts the caches
# elsewhere (tests use it); BATON_CDS_DIR=off runs without them, and so does a JAVA_OPTS that
# chooses the JVM's sharing itself (-Xshare, an archive or a cache of its own: the JVM refuses an
# AOT cache beside them).

baton_jvm_quiet_opts() {
  # Sets baton_jvm_quiet, the options every run of the JDK baton_jdk_major gets: the JVM's own
  # warnings to standard error, where they cannot mix with a command's JSON (unified logging
  # writes warnings to standard output by default), and no CDS or AOT chatter at all: making a
  # cache lists every class it skips, and a stale cache is not the user's problem. JDKs before 25
  # know no aot tag (and would refuse the option).
  if [ "$baton_jdk_major" -ge 25 ]; then
    baton_jvm_quiet=(-Xlog:disable -Xlog:all=warning,cds*=off,aot*=off:stderr)
  else
    baton_jvm_quiet=(-Xlog:disable -Xlog:all=warning,cds*=off:stderr)
  fi
}

baton_cds_key() {
  # Sets baton_cds_key to the name of the cache for the command line "$@": its command, and for the
  # groups of short commands (qemu, xen) their subcommand too, as in qemu-analyze; baton for a
  # first argument that names no command (an option, a file name).
  baton_cds_key=baton
  if [[ "${1:-}" =~ ^[a-z][a-z-]*$ ]]; then
    baton_cds_key=$1
    case "$1" in
      qemu|xen) if [[ "${2:-}" =~ ^[a-z][a-z-]*$ ]]; then baton_cds_key="$1-$2"; fi ;;
    esac
  fi
}

baton_cds_plan() {
  # $1 the cds directory, $2 the jar, $3 the cache's name (baton_cds_key), the rest the JVM options
  # the command runs with (a cache is assembled with the same). Sets baton_cds_opts to the JVM options that
  # use an up-to-date cache or make one, and baton_cds_make to the temporary file a run makes it
  # in (then run the JVM with baton_cds_run); both empty when there is none to use or make.
  baton_cds_opts=()
  baton_cds_make=""
  baton_cds_jar=$2
  baton_cds_jvm=("${@:4}")
  [ "$1" = off ] && return 0
  case " ${JAVA_OPTS:-} " in
    *" -Xshare:"* | *SharedArchiveFile* | *ArchiveClassesAtExit* | *AOTCache* | *AOTConfiguration*) return 0 ;;
  esac
  local key=$3 ext=jsa
  [ "$baton_jdk_major" -ge 25 ] && ext=aot
  local jdk=${JAVA_HOME%/}
  local dir="$1/${jdk##*/}"
  baton_cds_archive="$dir/$key.$ext"
  if [ "$baton_cds_archive" -nt "$2" ] && [ "$baton_cds_archive" -nt "$JAVA_HOME/release" ]; then
    if [ "$ext" = aot ]; then
      baton_cds_opts=(-XX:AOTCache="$baton_cds_archive")
    else
      baton_cds_opts=(-XX:SharedArchiveFile="$baton_cds_archive")
    fi
  elif [ "$ext" = aot ] && [ -n "$(find "$dir" -maxdepth 1 -name "$key.aot.*.conf" -mmin -2 -print -quit 2>/dev/null)" ]; then
    # a record younger than two minutes: its cache is being assembled; running without one beats
    # recording again, which would start another assembly (a run of commands, as in a script)
    return 0
  elif mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ]; then
    # each run writes its own file and renames it into place, so runs at the same time never
    # write into one cache
    if [ "$ext" = aot ]; then
      baton_cds_make="$baton_cds_archive.$$.conf"
      # A recording JVM says so on standard output as it exits, whatever -Xlog says, into a
      # command's output: DisplayVMOutput off silences what the JVM itself prints there (its
      # -XX:+PrintFlagsFinal and the like, on this one run); warnings and errors still reach
      # standard error. BatonScriptIT checks it on the build's JDK.
      baton_cds_opts=(-XX:AOTMode=record -XX:AOTConfiguration="$baton_cds_make"
        -XX:+UnlockDiagnosticVMOptions -XX:-DisplayVMOutput)
    else
      baton_cds_make="$baton_cds_archive.$$.tmp"
      baton_cds_opts=(-XX:ArchiveClassesAtExit="$baton_cds_make")
    fi
  fi
}

baton_cds_run() {
  # Runs "$@", a java command line with baton_cds_opts that makes the cache, keeps the cache per
  # baton_cds_keep and returns the JVM's exit code. The script waits, to move the cache into
  # place afterwards, but otherwise acts as exec would: the JVM reads this standard input (a
  # command in the background would read /dev/null), and TERM, INT and HUP sent to the script
  # end the JVM (which ignores INT in the background, so it gets TERM).
  "$@" <&0 &
  local pid=$! status=0
  trap 'kill -TERM "$pid" 2>/dev/null' TERM INT HUP
  # a signal ends wait early: wait again until the JVM has exited, then take its status
  while kill -0 "$pid" 2>/dev/null; do
    wait "$pid" || true
  done
  wait "$pid" || status=$?
  trap - TERM INT HUP
  baton_cds_keep "$status"
  return "$status"
}

baton_cds_keep() {
  # $1 the exit code of the run that made $baton_cds_make. Keeps the cache of a run that did its
  # work (0) only: one that stopped at bad input (1) or a usage error (2) loaded too little, and
  # its cache would stay (until the jar changes) and cost every later run the classes it lacks
  # (a user's first try is often a wrong file: 100 ms more on each later qemu analyze of
  # pc.mig, docs/PERFORMANCE.md, Start-up); a run ended by a signal may have left half a file.
  if [ "$1" -ne 0 ] || [ ! -s "$baton_cds_make" ]; then
    rm -f "$baton_cds_make"
  elif [ "${baton_cds_make%.conf}" = "$baton_cds_make" ]; then
    mv -f "$baton_cds_make" "$baton_cds_archive"
  else
    baton_aot_assemble "$baton_cds_make" "$baton_cds_archive"
  fi
}

baton_aot_assemble() {
  # $1 a recorded AOT configuration, $2 the cache to make from it. Assembles it in a JVM of its
  # own in the background, which outlives this script: detached from the caller's standard
  # streams (nothing waits on them), at a lower priority than the commands a user runs next.
  local tmp="${1%.conf}.aot.tmp"
  {
    nice -n 10 "$JAVA_HOME/bin/java" "${baton_cds_jvm[@]}" "${baton_jvm_quiet[@]}" -XX:AOTMode=create \
      -XX:AOTConfiguration="$1" -XX:AOTCache="$tmp" -cp "$baton_cds_jar" && [ -s "$tmp" ] && mv -f "$tmp" "$2"
    rm -f "$1" "$tmp"
  } </dev/null >/dev/null 2>&1 &
}
