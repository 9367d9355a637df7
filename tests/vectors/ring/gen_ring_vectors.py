#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generate the ring-image vectors (tests/vectors/ring/*.vec) from an independent writer.

Each vector is a ring image (4096-byte control page, then the data area). Good images list
the packets written (`write:`, a recipe our C writer must reproduce byte for byte from
`start`) and the packets a reader decodes (`read:`); bad images are what a malicious host
could leave, with the status a reader must return after the packets it may decode first.

This writer follows spec/ring.md and spec/packet.md, not the C code:
descriptor {type u16, offset8 u16, len8 u16, flags u16, trans_id u64}, the data padded
with zeroes to 8 bytes, trailer {0 u32, start offset u32}; write_index after the packets,
read_index = start, feature_bits = 1, everything else 0.

usage: gen_ring_vectors.py [OUT_DIR]   (default: this file's directory)
"""
import os
import struct
import sys

CTL = 4096


class Ring:
    def __init__(self, size, start):
        self.size = size
        self.ctl = bytearray(CTL)
        self.data = bytearray(size)
        self.w = start
        self.r = start
        struct.pack_into("<I", self.ctl, 64, 1)
        self.writes = []
        self.reads = []

    def put(self, off, raw):
        for i, b in enumerate(raw):
            self.data[(off + i) % self.size] = b

    def packet(self, ptype, data, flags=0, trans_id=0, ext=b""):
        body = ext + data
        plen = (16 + len(body) + 7) // 8 * 8
        raw = struct.pack("<HHHHQ", ptype, (16 + len(ext)) // 8, plen // 8, flags, trans_id)
        raw += body + bytes(plen - 16 - len(body))
        raw += struct.pack("<II", 0, self.w)
        assert len(raw) + 8 <= self.free()
        self.put(self.w, raw)
        self.w = (self.w + len(raw)) % self.size
        desc = "type=0x%x flags=0x%x trans_id=0x%x" % (ptype, flags, trans_id)
        self.writes.append("%s ext_len=%d data=%s" % (desc, len(ext), body.hex() or "-"))
        self.reads.append("%s len=%d data_offset=%d data=%s"
                          % (desc, plen, 16 + len(ext), data.hex() or "-"))

    def free(self):
        return self.size - (self.w - self.r) % self.size

    def image(self):
        struct.pack_into("<II", self.ctl, 0, self.w, self.r)
        return bytes(self.ctl) + bytes(self.data)


def hexlines(raw):
    out = []
    for i in range(0, len(raw), 64):
        out.append("hex: " + raw[i:i + 64].hex())
    return out


def emit(out, name, ring, status="OK", recipe=True, note=None, covers=None, reads=None):
    out.append("vector: " + name)
    out.append("kind: ring")
    if note:
        out.append("note: " + note)
    out.append("status: " + status)
    out.append("field: data_size = %d" % ring.size)
    if recipe:
        out.append("field: start = %d" % ring.r)
        for w in ring.writes:
            out.append("write: " + w)
    for r in (ring.reads if reads is None else reads):
        out.append("read: " + r)
    if covers:
        out.append("covers: " + covers)
    out.extend(hexlines(ring.image()))
    out.append("")


def pattern(n, seed):
    return bytes((seed * 31 + i * 7) & 0xFF for i in range(n))


def good(out):
    r = Ring(256, 0)
    r.packet(6, pattern(5, 1), flags=1, trans_id=0x1122334455667788)
    emit(out, "inband_one_packet", r, covers="VMBP-PKT-002 VMBP-PKT-003")

    r = Ring(256, 0)
    r.packet(6, pattern(16, 2), trans_id=1)
    r.packet(0xB, b"", trans_id=1)
    r.packet(6, pattern(1, 3), flags=1, trans_id=2)
    emit(out, "three_packets_with_an_empty_completion", r)

    r = Ring(128, 104)
    r.packet(6, pattern(30, 4), flags=1, trans_id=7)
    emit(out, "packet_and_trailer_wrap_around_the_end", r, covers="VMBP-RING-004")

    r = Ring(128, 96)
    r.packet(6, pattern(8, 5), trans_id=8)
    emit(out, "trailer_alone_wraps_to_offset_0", r)

    ext = struct.pack("<HBBI", 3, 1, 0, 2) + struct.pack("<IIII", 100, 0, 200, 4096)
    r = Ring(256, 0)
    r.packet(7, pattern(8, 6), flags=1, trans_id=0x10, ext=ext)
    emit(out, "transfer_pages_two_ranges", r)

    ext = struct.pack("<II", 0, 1) + struct.pack("<IIQQ", 5000, 100, 0x12345, 0x12346)
    r = Ring(256, 0)
    r.packet(9, b"", flags=1, trans_id=0x20, ext=ext)
    emit(out, "gpa_direct_one_range_two_pfns", r)


def bad(out):
    def raw_ring(size, w, descs, status, note, covers, reads=()):
        r = Ring(size, 0)
        for off, raw in descs:
            r.put(off, raw)
        r.w = w
        emit(out, "reject_" + status[7:].lower() + ("_" + note.split(":")[0] if ":" in note
                                                    else ""),
             r, status=status, recipe=False, note=note, covers=covers, reads=list(reads))

    d = lambda t, o8, l8, f=0, tid=1: struct.pack("<HHHHQ", t, o8, l8, f, tid)
    raw_ring(256, 28, [(0, d(6, 2, 2))], "E_RING_WRITE_INDEX",
             "misaligned: write index 28", "VMBP-RING-010")
    raw_ring(256, 256, [(0, d(6, 2, 2))], "E_RING_WRITE_INDEX",
             "range: write index equal to the data size", "VMBP-RING-010")
    raw_ring(256, 16, [(0, d(6, 2, 2))], "E_RING_AVAIL_SHORT",
             "16 bytes available", "VMBP-RING-011")
    raw_ring(256, 64, [(0, d(6, 3, 2))], "E_RING_LEN_LT_OFFSET", "len8 2, offset8 3",
             "VMBP-RING-012")
    raw_ring(256, 64, [(0, d(6, 1, 2))], "E_RING_OFFSET_SHORT", "offset8 1", "VMBP-RING-013")
    raw_ring(256, 64, [(0, d(6, 2, 8))], "E_RING_PKT_OVERRUN",
             "64-byte packet with 64 bytes available: no room for the trailer", "VMBP-RING-014")
    good_first = "type=0x6 flags=0x0 trans_id=0x1 len=16 data_offset=16 data=-"
    raw_ring(256, 48, [(0, d(6, 2, 2)), (24, d(0xE, 2, 2))], "E_RING_PKT_TYPE",
             "second packet of type 0xE", "VMBP-RING-016", reads=[good_first])
    raw_ring(256, 24, [(0, d(6, 2, 2, f=4))], "E_RING_PKT_FLAGS", "flags 0x4",
             "VMBP-RING-017")
    raw_ring(256, 40, [(0, d(7, 2, 4))], "E_RING_EXT_OFFSET",
             "transfer pages with offset8 2", "VMBP-RING-018")
    raw_ring(256, 40, [(0, d(9, 3, 4) + struct.pack("<II", 0, 0))], "E_RING_RANGE_COUNT",
             "GPA direct with zero ranges", "VMBP-RING-019")
    raw_ring(256, 48, [(0, d(9, 5, 5) + struct.pack("<IIIIQ", 0, 1, 4097, 0, 7))],
             "E_RING_RANGE_BOUNDS", "range of 4097 bytes with one PFN", "VMBP-RING-019")


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    header = ["# SPDX-License-Identifier: MIT",
              "# Generated by gen_ring_vectors.py (an independent writer); do not edit.",
              "# kind ring: hex is the ring image, control page then data area.",
              "# write: packets our writer writes from field start (image must match);",
              "# read: packets a reader decodes; status: the reader's next result after",
              "# them (OK: the ring is then empty).", ""]
    for name, fn in (("images.vec", good), ("rejects.vec", bad)):
        out = list(header)
        fn(out)
        with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
            f.write("\n".join(out))


if __name__ == "__main__":
    main()
