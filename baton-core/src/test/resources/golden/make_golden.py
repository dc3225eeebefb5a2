#!/usr/bin/env python3
"""Writes the golden byte vectors of the Baton stream format (docs/FORMAT.md) as annotated hex.

An implementation independent of the Java code: struct packing straight from the spec and a
bitwise CRC32C. Run it from this folder: python3 make_golden.py
"""
import struct

MAGIC = bytes([0x89, 0x42, 0x54, 0x4E, 0x0D, 0x0A, 0x1A, 0x0A])
CREATED_MS = 1767323045678  # 2026-01-02T03:04:05.678Z


def crc32c(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


class Out:
    def __init__(self, order, checksums):
        self.o = '>' if order == 'be' else '<'
        self.checksums = checksums
        self.data = bytearray()
        self.lines = []

    def emit(self, raw, comment):
        self.lines.append((self.data.__len__(), bytes(raw), comment))
        self.data += raw

    def pack(self, fmt, *values):
        return struct.pack(self.o + fmt, *values)

    def header(self, name, version, profile):
        start = len(self.data)
        self.emit(MAGIC, 'magic')
        self.emit(struct.pack('>II', 1, 1), 'version 1, compat_version 1 (always big-endian)')
        self.emit(self.pack('I', 0x0A0B0C0D), 'byte-order mark')
        self.emit(self.pack('I', 1 if self.checksums else 0), 'flags')
        self.emit(self.pack('q', CREATED_MS), 'created (ms since epoch)')
        n, v, p = name.encode(), version.encode(), profile.encode()
        self.emit(self.pack('HHHH', len(n), len(v), len(p), 0), 'string lengths, reserved')
        self.emit(n + v + p, 'producer name, version, profile')
        self.emit(bytes(-len(self.data) % 8), 'padding')
        self.emit(self.pack('II', crc32c(self.data[start:]), 0), 'header crc32c, reserved')

    def record(self, rtype, body, comment):
        start = len(self.data)
        self.emit(self.pack('II', rtype, len(body)), 'record header: ' + comment)
        if body:
            self.emit(body, 'body')
        if len(body) % 8:
            self.emit(bytes(-len(body) % 8), 'padding')
        if self.checksums:
            self.emit(self.pack('II', crc32c(self.data[start:]), 0), 'record crc32c, reserved')

    def section(self, idstr, instance, version, data, comment):
        ident = idstr.encode()
        body = self.pack('IIH', instance, version, len(ident)) + ident + data
        self.record(1, body, 'SECTION ' + comment)

    def hex(self):
        out = []
        for offset, raw, comment in self.lines:
            for i in range(0, len(raw), 16):
                chunk = raw[i:i + 16]
                note = ('  # ' + comment) if i == 0 else ''
                out.append(('%-48s%s' % (' '.join('%02x' % b for b in chunk), note)).rstrip())
        return '\n'.join(out) + '\n'


def sample(order, checksums):
    o = Out(order, checksums)
    o.header('baton-test', '1.0.0', 'r1')
    o.record(0x80000003, b'{"sections":[]}', 'DESCRIPTION')
    o.section('ram', 0, 3, bytes([1, 2, 3, 4, 5]), 'ram/0 v3')
    o.record(2, b'', 'STATIC_DATA_END')
    o.section('cpu', 1, 1, o.pack('IHB', 0x11223344, 0x5566, 0x77), 'cpu/1 v1')
    o.record(0xC0000001, b'hi', 'application optional 0xc0000001')
    o.record(0, b'', 'END')
    return o


if __name__ == '__main__':
    for order in ('be', 'le'):
        for checksums in (False, True):
            name = 'stream-%s%s.hex' % (order, '-crc' if checksums else '')
            with open(name, 'w') as f:
                f.write('# Golden vector written by make_golden.py: %s, checksums %s\n'
                        % ('big-endian' if order == 'be' else 'little-endian', 'on' if checksums else 'off'))
                f.write(sample(order, checksums).hex())
