#!/usr/bin/env bash
# Makes the -dump-vmstate fixtures of baton check's QEMU tests with Debian's qemu-system-x86 (7.2),
# then a "next release" derived from the q35 dump with breaking and harmless changes
# (doctor-dump.py says which). Run it from this folder.
set -euo pipefail
qemu-system-x86_64 -machine pc-q35-7.2 -dump-vmstate pc-q35-7.2.json -nodefaults -display none
qemu-system-x86_64 -machine pc-i440fx-2.12 -dump-vmstate pc-i440fx-2.12.json -nodefaults -display none
python3 doctor-dump.py pc-q35-7.2.json next-release.json
gzip -9 -f pc-q35-7.2.json pc-i440fx-2.12.json next-release.json
