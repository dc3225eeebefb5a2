#!/usr/bin/env bash
# Makes the QEMU savevm fixtures of baton-qemu: real migration streams written by
# qemu-system-x86_64 with no guest. QEMU starts stopped (-S: the CPUs never run), so RAM is zero
# but for the firmware and ROMs, and -m 32 keeps the streams small.
#
# Usage: make-fixtures.sh OUTDIR [NAME...]
#   Writes OUTDIR/NAME.mig for every NAME (default: all of them, see the list at the end).
#   The committed copies (NAME.mig.gz) were made with QEMU 7.2 (Debian 12's qemu-system-x86),
#   then gzip -9 -n. Needs qemu-system-x86_64 on the PATH (apt-get install qemu-system-x86).
set -euo pipefail
out=$(cd "${1:?usage: make-fixtures.sh OUTDIR [NAME...]}" && pwd)
shift

# save NAME [MONITOR-COMMAND...] -- QEMU-OPTIONS...
# Starts QEMU stopped with its monitor on stdin, types the monitor commands, migrates in the
# background (migrate -d) to OUTDIR/NAME.mig through "exec:cat", asks "info migrate" until the
# migration has ended, and quits. The stream must be complete: the migration says "completed", or
# (postcopy, which waits for a return path that exec: cannot give) the file ends with the vmdesc's
# closing "]}". The wait is for that state, not for a time: a loaded machine takes longer (a fixed
# 3 s once quit QEMU in the middle of q35's stream); 240 questions half a second apart bound a hang.
save() {
  local name=$1; shift
  local cmds=()
  while [ "$1" != "--" ]; do cmds+=("$1"); shift; done
  shift
  local file="$out/$name.mig" log
  rm -f "$file"
  log=$(mktemp)
  {
    for c in "${cmds[@]}"; do echo "$c"; done
    echo "migrate -d \"exec:cat > $file\""
    for _ in $(seq 240); do
      sleep 0.5
      echo "info migrate"
      if ended "$log" "$file"; then break; fi
    done
    echo quit
  } | timeout 300 qemu-system-x86_64 -accel tcg -m 32 -nodefaults -nographic -S -monitor stdio \
        -display none "$@" > "$log" 2>&1 || true
  if ! complete "$log" "$file"; then
    echo "make-fixtures.sh: $name: the migration did not complete:" >&2
    tr -d '\033' < "$log" | grep -a -v '^\s*$' | tail -n 5 >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
  echo "$file"
}

# complete LOG FILE: QEMU said the migration completed, or the stream ends with the vmdesc
complete() {
  grep -qa "Migration status: completed" "$1" || [ "$(tail -c 2 "$2" 2>/dev/null | tr -d '\000')" = "]}" ]
}

# ended LOG FILE: complete, or QEMU said the migration failed (asking longer cannot help)
ended() {
  complete "$1" "$2" || grep -qa "Migration status: failed" "$1"
}

make_one() {
  case "$1" in
    pc)            save pc -- -machine pc ;;
    q35)           save q35 -- -machine q35 ;;
    # old versioned machine types: 2.4 is the first with a configuration record and footers;
    # 2.0 has neither, and no vmdesc either
    pc-q35-2.4)    save pc-q35-2.4 -- -machine pc-q35-2.4 ;;
    pc-i440fx-2.0) save pc-i440fx-2.0 -- -machine pc-i440fx-2.0 ;;
    pc-devices)    save pc-devices -- -machine pc -smp 4 -device e1000 -device piix3-usb-uhci \
                     -device usb-tablet -chardev null,id=ser0 -device isa-serial,chardev=ser0 ;;
    q35-devices)   save q35-devices -- -machine q35 -smp 2 -device virtio-net-pci -device qemu-xhci \
                     -device usb-kbd -chardev null,id=ser0 -device isa-serial,chardev=ser0 ;;
    # capabilities that change the stream: x-ignore-shared adds a configuration subsection and
    # each RAM block's address; postcopy-ram adds OPEN_RETURN_PATH and POSTCOPY_ADVISE commands;
    # compress sends zlib-compressed pages
    pc-ignore-shared) save pc-ignore-shared "migrate_set_capability x-ignore-shared on" -- -machine pc ;;
    pc-postcopy)   save pc-postcopy "migrate_set_capability postcopy-ram on" -- -machine pc ;;
    pc-compress)   save pc-compress "migrate_set_capability compress on" -- -machine pc ;;
    *) echo "make-fixtures.sh: no fixture named $1" >&2; return 2 ;;
  esac
}

if [ $# -eq 0 ]; then
  set -- pc q35 pc-q35-2.4 pc-i440fx-2.0 pc-devices q35-devices pc-ignore-shared pc-postcopy pc-compress
fi
for name in "$@"; do
  make_one "$name"
done
