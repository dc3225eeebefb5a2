#!/usr/bin/env python3
"""Writes the golden byte vectors of the Xen formats as annotated hex ('#' starts a comment).

Independent of the Java code: struct packing straight from the specs in xen-project/xen
(docs/designs/xenstore-migration.md, docs/specs/libxc-migration-stream.pandoc,
docs/specs/libxl-migration-stream.pandoc). Run it from this folder: python3 make_vectors.py
"""
import struct

PAGE = 4096


class Out:
    """A stream being built: octets plus one comment per emitted piece."""

    def __init__(self, order):
        self.o = '>' if order == 'be' else '<'
        self.data = bytearray()
        self.lines = []

    def emit(self, raw, comment):
        self.lines.append((bytes(raw), comment))
        self.data += raw

    def pack(self, fmt, *values):
        return struct.pack(self.o + fmt, *values)

    def record(self, rtype, name, body, comment=''):
        """type, length, body, zero padding to 8."""
        self.emit(self.pack('II', rtype, len(body)), 'record header: %s, length %d%s' % (name, len(body), comment))
        if body:
            self.emit(body, 'body')
        pad = (-len(body)) % 8
        if pad:
            self.emit(bytes(pad), 'padding')

    def extend(self, other, comment):
        for raw, c in other.lines:
            self.lines.append((raw, c))
        self.data += other.data

    def hex(self):
        out = []
        for raw, comment in self.lines:
            for i in range(0, len(raw), 16):
                chunk = raw[i:i + 16]
                note = ('  # ' + comment) if i == 0 else ''
                out.append(('%-48s%s' % (' '.join('%02x' % b for b in chunk), note)).rstrip())
        return '\n'.join(out) + '\n'


def save(name, title, out):
    with open(name, 'w') as f:
        f.write('# Written by make_vectors.py: %s\n' % title)
        f.write(out.hex())


# ---- xenstore migration stream ------------------------------------------------------------------

XS_END, XS_GLOBAL, XS_CONN, XS_WATCH, XS_TA, XS_NODE, XS_GQUOTA, XS_DOMAIN, XS_WATCH_EXT = range(9)


def xs_cstr(s):
    return s.encode() + b'\0'


def xenstore(order, version, padded_len=False):
    """Every record type; padded_len writes len with the padding counted, as the C xenstored does."""
    o = Out(order)
    o.emit(b'xenstore' + struct.pack('>II', version, 1 if order == 'be' else 0),
           'header: ident "xenstore", version %d, flags (byte order), always big-endian' % version)

    def rec(rtype, name, body):
        if padded_len:
            body = body + bytes((-len(body)) % 8)
        o.record(rtype, name, body)

    rec(XS_GLOBAL, 'GLOBAL_DATA', o.pack('ii', -1, 7))
    names = b''.join(xs_cstr(n) for n in ('nodes', 'watches', 'memory'))
    rec(XS_GQUOTA, 'GLOBAL_QUOTA_DATA', o.pack('HH', 2, 1) + o.pack('III', 1000, 128, 0) + names)
    # conn 1: ring with domain 1, 3 octets in, 5 out of which 2 a partial response, unique-id
    data = b'abc' + b'hello'
    body = o.pack('IHH', 1, 0, 1) + o.pack('HHI', 1, 0x7FF4, 15) + o.pack('HHI', 3, 2, 5) + data
    body += bytes((-len(body)) % 8) + o.pack('Q', 0x0123456789ABCDEF)
    rec(XS_CONN, 'CONNECTION_DATA (ring, unique-id)', body)
    rec(XS_CONN, 'CONNECTION_DATA (socket)', o.pack('IHH', 2, 1, 0) + o.pack('iI', 9, 0) + o.pack('HHI', 0, 0, 0))
    path, token = xs_cstr('/local/domain/1/device'), xs_cstr('tok1')
    rec(XS_WATCH, 'WATCH_DATA', o.pack('IHH', 1, len(path), len(token)) + path + token)
    if version >= 2:
        path, token = xs_cstr('/local'), xs_cstr('t2')
        rec(XS_WATCH_EXT, 'WATCH_DATA_EXTENDED', o.pack('IHHHH', 2, len(path), len(token), 2, 0) + path + token)
    rec(XS_TA, 'TRANSACTION_DATA', o.pack('II', 1, 7))

    def node(conn, tx, path, value, access, perms, name):
        p = xs_cstr(path)
        body = o.pack('IIHHHH', conn, tx, len(p), len(value), access, len(perms))
        for letter, flags, domid in perms:
            body += struct.pack('BB', ord(letter), flags) + o.pack('H', domid)
        rec(XS_NODE, 'NODE_DATA ' + name, body + p + value)

    node(0, 0, '/', b'', 0, [('n', 0, 0)], '/')
    node(0, 0, '/local', b'', 0, [('n', 0, 0)], '/local')
    node(0, 0, '/local/domain', b'', 0, [('n', 0, 0)], '/local/domain')
    node(0, 0, '/local/domain/1', b'', 0, [('n', 0, 1), ('r', 1, 2)], '/local/domain/1 (stale r2)')
    node(0, 0, '/local/domain/1/name', b'guest1', 0, [('n', 0, 1)], '/local/domain/1/name')
    node(0, 0, '/local/domain/1/blob', b'\x00\x01\x02', 0, [('b', 0, 1), ('w', 0, 3)], 'value with NULs')
    node(1, 7, '/local/domain/1/name', b'renamed', 3, [('n', 0, 1)], 'in transaction 7, read+written')
    node(1, 7, '/local/domain/1/gone', b'', 0, [], 'deleted in transaction 7')
    features = 1 if version >= 2 else 0
    rec(XS_DOMAIN, 'DOMAIN_DATA 1', o.pack('HHI', 1, 1, features) + o.pack('I', 500) + xs_cstr('nodes'))
    rec(XS_DOMAIN, 'DOMAIN_DATA 2', o.pack('HHI', 2, 0, 0))
    o.record(XS_END, 'END', b'')
    return o


# ---- libxc migration stream ---------------------------------------------------------------------

END, PAGE_DATA, PV_INFO, P2M_FRAMES, VCPU_BASIC, VCPU_EXTENDED, VCPU_XSAVE, SHARED_INFO, TSC_INFO, \
    HVM_CONTEXT, HVM_PARAMS, TOOLSTACK, VCPU_MSRS, VERIFY, CHECKPOINT, DIRTY_PFN_LIST, STATIC_DATA_END, \
    CPUID_POLICY, MSR_POLICY = range(19)


def page(fill):
    return bytes([fill]) * 8 + bytes(range(256)) * 15 + bytes([fill]) * 248


def image_header(o, version):
    o.emit(struct.pack('>QIIHHI', 0xFFFFFFFFFFFFFFFF, 0x58454E46, version, 1 if o.o == '>' else 0, 0, 0),
           'image header: marker, "XENF", version %d, options (byte order), reserved; always big-endian' % version)


def domain_header(o, gtype):
    o.emit(o.pack('IHHII', gtype, 12, 0, 4, 19), 'domain header: %s, page_shift 12, Xen 4.19'
           % ('x86 PV' if gtype == 1 else 'x86 HVM'))


def page_data(o, entries):
    """entries: (pfn, type, fill or None); a page of fill follows for each entry with a fill."""
    body = o.pack('II', len(entries), 0)
    for pfn, ptype, _ in entries:
        body += o.pack('Q', (ptype << 60) | pfn)
    for _, _, fill in entries:
        if fill is not None:
            body += page(fill)
    o.record(PAGE_DATA, 'PAGE_DATA', body, comment=' (%d pfns)' % len(entries))


def policies(o):
    leaves = o.pack('IIIIII', 0, 0xFFFFFFFF, 0xD, 0x756E6547, 0x6C65746E, 0x49656E69) \
        + o.pack('IIIIII', 1, 0xFFFFFFFF, 0x000806EC, 0, 0x7FFAFBBF, 0xBFEBFBFF)
    o.record(CPUID_POLICY, 'X86_CPUID_POLICY', leaves, comment=' (2 leaves)')
    o.record(MSR_POLICY, 'X86_MSR_POLICY', o.pack('QII', 0xCE, 0, 0), comment=' (1 MSR)')


def libxc_pv(order, version, sde_inferred=False, broken=False):
    """An x86 PV stream. sde_inferred: a v3 stream with STATIC_DATA_END where a v3 reader infers it
    in v2 (before the first X86_PV_P2M_FRAMES), and no policy records: what converting v2 gives.
    broken: four faults that leave the framing intact, and octets after END."""
    o = Out(order)
    image_header(o, version)
    domain_header(o, 1)
    o.record(PV_INFO, 'X86_PV_INFO', o.pack('BBHI', 8, 3 if broken else 4, 0, 0),
             comment=' (64-bit, %d levels%s)' % ((3, ': BROKEN, a 64-bit guest has 4') if broken else (4, '')))
    if version >= 3 and not sde_inferred and not broken:
        policies(o)
    if version >= 3:
        o.record(STATIC_DATA_END, 'STATIC_DATA_END', b'')
    if broken:
        policies(o)  # BROKEN: static data after STATIC_DATA_END
    o.record(P2M_FRAMES, 'X86_PV_P2M_FRAMES', o.pack('IIQ', 0, 3, 0x1234), comment=' (pfns 0-3, 1 frame)')
    if broken:
        # BROKEN: pfn 1's page is missing, and pfn 2 has reserved type 6
        page_data(o, [(0, 0x0, 0x11), (1, 0x1, None), (2, 0x6, None)])
    else:
        page_data(o, [(0, 0x0, 0x11), (1, 0x1, 0x22), (2, 0xF, None)])
    o.record(TSC_INFO, 'X86_TSC_INFO', o.pack('IIQII', 0, 2000000, 123456789, 1, 0))
    o.record(SHARED_INFO, 'SHARED_INFO', page(0x33))
    o.record(VCPU_BASIC, 'X86_PV_VCPU_BASIC', o.pack('II', 0, 0) + bytes(range(16)), comment=' (vcpu 0)')
    o.record(VCPU_EXTENDED, 'X86_PV_VCPU_EXTENDED', o.pack('II', 0, 0) + bytes(8), comment=' (vcpu 0)')
    if broken:  # BROKEN: non-zero padding
        o.emit(o.pack('II', VCPU_XSAVE, 20), 'record header: X86_PV_VCPU_XSAVE, length 20 (vcpu 0)')
        o.emit(o.pack('II', 0, 0) + bytes(range(12)), 'body')
        o.emit(b'\0\0\xab\0', 'padding: BROKEN, not zero')
    else:
        o.record(VCPU_XSAVE, 'X86_PV_VCPU_XSAVE', o.pack('II', 0, 0) + bytes(range(12)), comment=' (vcpu 0)')
    o.record(VCPU_MSRS, 'X86_PV_VCPU_MSRS', o.pack('II', 0, 0) + o.pack('IIQ', 0xC0000080, 0, 0xD01),
             comment=' (vcpu 0)')
    o.record(END, 'END', b'')
    if broken:
        o.emit(b'junk', 'BROKEN: octets after END')
    return o


def libxc_hvm(order, version, sde_inferred=False):
    """An x86 HVM stream; sde_inferred as for libxc_pv (before the first PAGE_DATA)."""
    o = Out(order)
    image_header(o, version)
    domain_header(o, 2)
    if version >= 3 and not sde_inferred:
        policies(o)
    if version >= 3:
        o.record(STATIC_DATA_END, 'STATIC_DATA_END', b'')
    page_data(o, [(0, 0x0, 0x44), (0x10, 0xE, None)])
    page_data(o, [(1, 0x0, 0x55)])
    o.record(TSC_INFO, 'X86_TSC_INFO', o.pack('IIQII', 0, 2000000, 987654321, 1, 0))
    o.record(HVM_PARAMS, 'HVM_PARAMS', o.pack('II', 2, 0) + o.pack('QQQQ', 1, 0xFEFFF, 2, 0x2000),
             comment=' (2 params)')
    o.record(HVM_CONTEXT, 'HVM_CONTEXT', bytes(range(1, 21)), comment=' (20-octet blob)')
    o.record(END, 'END', b'')
    return o


# ---- libxl migration stream ---------------------------------------------------------------------

LIBXL_END, LIBXC_CONTEXT, EMULATOR_XENSTORE_DATA, EMULATOR_CONTEXT, CHECKPOINT_END, CHECKPOINT_STATE = range(6)


def libxl(order, inner, xenstore_data=True):
    o = Out(order)
    o.emit(b'LibxlFmt' + struct.pack('>II', 2, 1 if order == 'be' else 0),
           'libxl header: ident "LibxlFmt", version 2, options (byte order); always big-endian')
    o.record(LIBXC_CONTEXT, 'LIBXC_CONTEXT', b'', comment=': the libxc stream follows')
    o.extend(inner, 'libxc stream')
    if xenstore_data:
        kv = b'physmap/1/start_addr\0f0000000\0physmap/1/size\0800000\0'
        o.record(EMULATOR_XENSTORE_DATA, 'EMULATOR_XENSTORE_DATA', o.pack('II', 2, 0) + kv,
                 comment=' (qemu upstream, index 0, 2 pairs)')
    o.record(EMULATOR_CONTEXT, 'EMULATOR_CONTEXT', o.pack('II', 2, 0) + b'QEVM\0\0\0\3qemu',
             comment=' (qemu upstream, index 0)')
    o.record(LIBXL_END, 'END', b'')
    return o


if __name__ == '__main__':
    for version in (1, 2):
        for order in ('le', 'be'):
            save('xenstore-v%d-%s.hex' % (version, order), 'xenstore stream version %d, %s-endian, every record '
                 'type valid in it' % (version, 'little' if order == 'le' else 'big'), xenstore(order, version))
    save('xenstore-v2-le-c-len.hex', 'as xenstore-v2-le.hex, but every len counts its padding, as the C '
         'xenstored writes it', xenstore('le', 2, padded_len=True))
    for version in (2, 3):
        save('libxc-pv-v%d.hex' % version, 'libxc stream v%d, x86 PV, little-endian' % version, libxc_pv('le', version))
        save('libxc-hvm-v%d.hex' % version, 'libxc stream v%d, x86 HVM, little-endian' % version,
             libxc_hvm('le', version))
    save('libxc-pv-v3-broken.hex', 'libxc stream v3, x86 PV, little-endian, with four faults that leave the '
         'framing intact and octets after END (each marked BROKEN)', libxc_pv('le', 3, broken=True))
    save('libxc-pv-v3-be.hex', 'libxc stream v3, x86 PV, big-endian', libxc_pv('be', 3))
    save('libxc-pv-v2-to-v3.hex', 'libxc-pv-v2.hex converted to v3: STATIC_DATA_END before X86_PV_P2M_FRAMES',
         libxc_pv('le', 3, sde_inferred=True))
    save('libxc-hvm-v2-to-v3.hex', 'libxc-hvm-v2.hex converted to v3: STATIC_DATA_END before the first PAGE_DATA',
         libxc_hvm('le', 3, sde_inferred=True))
    save('libxl-hvm-v3.hex', 'libxl stream wrapping a libxc v3 x86 HVM stream, with emulator records, '
         'little-endian', libxl('le', libxc_hvm('le', 3)))
    save('libxl-hvm-v2.hex', 'libxl stream wrapping a libxc v2 x86 HVM stream, no emulator xenstore data, '
         'little-endian', libxl('le', libxc_hvm('le', 2), xenstore_data=False))
    save('libxl-hvm-v2-to-v3.hex', 'libxl-hvm-v2.hex converted: the libxc stream inside is v3',
         libxl('le', libxc_hvm('le', 3, sde_inferred=True), xenstore_data=False))
