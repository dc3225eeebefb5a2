#!/usr/bin/env python3
"""Derives a 'next QEMU release' from a real -dump-vmstate dump, with the kinds of change
vmstate-static-checker.py exists to catch, and one change it gets wrong:

  1. e1000: minimum_version_id raised to 3 (a source at version 2 can no longer migrate in);
  2. mc146818rtc: field 'period' grows from 4 to 8 octets (size mismatch);
  3. ps2kbd: subsection 'ps2kbd/need_high_bit' removed (the source may send it: unknown);
  4. section 'i6300esb' removed;
  5. mc146818rtc: field 'irq_coalesced' (4 octets) replaced by 'unused' padding of 4 octets: the
     same on the wire, which the Python checker reports as a mismatch and Baton does not.
"""
import json
import sys

src, dst = sys.argv[1], sys.argv[2]
d = json.load(open(src))
d['vmschkmachine']['Name'] = 'pc-q35-next'
d['e1000']['minimum_version_id'] = 3
d['e1000']['Description']['minimum_version_id'] = 3
rtc = d['mc146818rtc']['Description']['Fields']
for f in rtc:
    if f['field'] == 'period':
        f['size'] = 8
for f in rtc:
    if f['field'] == 'irq_coalesced':
        f['field'] = 'unused'
kbd = d['ps2-kbd']['Description']
kbd['Subsections'] = [s for s in kbd['Subsections'] if s['name'] != 'ps2kbd/need_high_bit']
del d['i6300esb']
json.dump(d, open(dst, 'w'), indent=4)
