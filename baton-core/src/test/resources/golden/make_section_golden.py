#!/usr/bin/env python3
"""Writes the golden section data of the test disk (baton-core's engine tests, Disk.full() saved
by release 3's description) as annotated hex, straight from docs/FORMAT.md "Section data".
Run it from this folder: python3 make_section_golden.py
"""
import struct


def disk_v3(o):
    rows = []

    def put(fmt, *v, note):
        rows.append((struct.pack(o + fmt, *v), note))

    def string(s, note):
        b = s.encode()
        put('I', len(b), note=note + ' length')
        rows.append((b, note))

    put('I', 0xCAFEF00D, note='id u32')
    put('H', 512, note='sectorSize u16 (equal)')
    string('vda', 'name')
    put('Q', 8 << 30, note='size u64')
    put('HHHH', 512, 4096, 0, 65535, note='lbaFormats u16[4]')
    put('H', 2, note='extentCount u16')
    put('QQB', 0, 1 << 20, 0, note='extents[0]: start, length, end of subsections')
    put('QQB', 1 << 21, 4096, 0, note='extents[1]: start, length, end of subsections')
    put('B', 3, note='keyLength u8')
    rows.append((bytes([1, 2, 3]), 'key vbytes[keyLength]'))
    put('B', 1, note='owner: null marker 1 (present)')
    string('qemu', 'owner.user')
    put('iB', 107, 0, note='owner.uid s32, end of subsections')
    put('I', 2, note='mode enum id (RW)')
    rows.append((bytes(4), 'unused(4)'))
    put('I', 5000, note='iops u32 (since 2)')
    put('B', 1, note='hasLabel bool (since 3)')
    string('boot', 'label (when labelled)')
    name = b'disk/cache'
    body = struct.pack(o + 'IdB', 64, 0.5, 0)
    put('BH', 1, len(name), note='subsection marker 1, name length')
    rows.append((name, 'subsection name'))
    put('II', 1, len(body), note='subsection version 1, body length')
    rows.append((body, 'disk/cache: cacheSize u32, cacheRatio f64, end of subsections'))
    put('B', 0, note='end of subsections')
    return rows


if __name__ == '__main__':
    for order, o in (('be', '>'), ('le', '<')):
        with open('section-disk-v3-%s.hex' % order, 'w') as f:
            f.write('# Section data of Disk.full() written by release 3 (make_section_golden.py), %s\n'
                    % ('big-endian' if order == 'be' else 'little-endian'))
            for raw, note in disk_v3(o):
                for i in range(0, len(raw), 16):
                    chunk = ' '.join('%02x' % b for b in raw[i:i + 16])
                    f.write(('%-48s%s' % (chunk, '  # ' + note if i == 0 else '')).rstrip() + '\n')
