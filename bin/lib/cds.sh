# Sourced by bin/baton: a class-data-sharing archive per command, so that the JVM maps the classes
# a command needs instead of reading and parsing them from the jar at every start (25 to 50 ms a
# run; docs/PERFORMANCE.md, QEMU streams). Picocli's classes stay out: they are Java 5 classes,
# which the JVM does not archive once linked.
#
# One archive per first argument, because commands load different classes and an archive holds
# only what the run that made it loaded. The first run of a command that does not end in a usage
# error makes it (-XX:ArchiveClassesAtExit; some 100 ms more for that run); later runs map it. It
# lives in baton-cli/target/cds/<JDK>/, is made again when the jar or the JDK is newer, and when
# that directory cannot be written the command runs without one. The JVM checks the jar too and
# quietly ignores an archive that does not match it. BATON_CDS_DIR puts the archives elsewhere
# (tests use it); BATON_CDS_DIR=off runs without them.

# The JVM's own warnings to standard error, where they cannot mix with a command's JSON (unified
# logging writes warnings to standard output by default), and no CDS chatter at all: making an
# archive lists every class it skips, and a stale archive is not the user's problem.
baton_cds_quiet=(-Xlog:disable -Xlog:all=warning,cds*=off:stderr)

baton_cds_plan() {
  # $1 the cds directory, $2 the jar, $3 the first argument. Sets baton_cds_opts to the JVM
  # options that use an up-to-date archive or make one, and baton_cds_make to the temporary file
  # a run makes it in (then run the JVM with baton_cds_run); both empty when there is no archive
  # to use or make.
  baton_cds_opts=()
  baton_cds_make=""
  [ "$1" = off ] && return 0
  local key=baton
  # a command's name, never a file name or option, so each archive belongs to one command
  [[ "$3" =~ ^[a-z][a-z-]*$ ]] && key=$3
  local dir="$1/$(basename "$JAVA_HOME")"
  baton_cds_archive="$dir/$key.jsa"
  if [ "$baton_cds_archive" -nt "$2" ] && [ "$baton_cds_archive" -nt "$JAVA_HOME/release" ]; then
    baton_cds_opts=(-XX:SharedArchiveFile="$baton_cds_archive" "${baton_cds_quiet[@]}")
  elif mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ]; then
    # each run writes its own file and renames it into place, so runs at the same time never
    # write into one archive
    baton_cds_make="$baton_cds_archive.$$.tmp"
    baton_cds_opts=(-XX:ArchiveClassesAtExit="$baton_cds_make" "${baton_cds_quiet[@]}")
  fi
}

baton_cds_run() {
  # Runs "$@", a java command line with baton_cds_opts that makes the archive, keeps the archive
  # per baton_cds_keep and returns the JVM's exit code. The script waits, to move the archive into
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
  # $1 the exit code of the run that made $baton_cds_make. Keeps the archive of a run that did
  # its work (0) or found bad input (1); a usage error (2) loaded too little to be worth keeping,
  # and a run ended by a signal may have left half an archive.
  if [ "$1" -le 1 ] && [ -s "$baton_cds_make" ]; then
    mv -f "$baton_cds_make" "$baton_cds_archive"
  else
    rm -f "$baton_cds_make"
  fi
}
