#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The hex dump forms vmbp-inspect reads, made from the same bytes.

usage: dumps.py TOOL SRC_DIR write   (re)write tests/inspect/dumps/ from the real tools
       imported by check_inspect.py, which reads every file back (mode "dumps") and, where
       the real tool is on the machine, a fresh dump of it too.

Each form is made by the program that prints it: xxd(1), hexdump(1) (bsdextrautils), od(1)
(coreutils), gdb(1) ("x/Nxb" on a program's data, no process needed). Two cannot run here
and are written to their documented layout: the kernel's print_hex_dump() (lib/hexdump.c,
hex_dump_to_buffer(): groups printed as numbers in the CPU's byte order, the ASCII column at
rowsize * 2 + rowsize / groupsize + 1, a line whose length is no multiple of the group size
in single bytes; as dmesg shows it, "[seconds] " first) and WinDbg's "db" (address, two
spaces, 16 bytes with "-" after the 8th, two spaces, ASCII).
"""
import os
import shutil
import subprocess
import sys
import tempfile

D = "tests/inspect/dumps/"
G = "tests/inspect/gpadl/"
R = "tests/inspect/rings/"

# The message: the bundled OFFER_CHANNEL (196 bytes: GUIDs with printable bytes, 120 zero
# bytes of user data that hexdump and od squeeze to "*").
ARGS = ["--from", "host", "--features", "0x10"]

# name, command (None: written here), extra vmbp-inspect arguments, expected exit status
FORMS = [
    ("xxd", ["xxd"], [], 0),
    ("xxd-g1", ["xxd", "-g1"], [], 0),
    ("xxd-g4", ["xxd", "-g4"], [], 0),
    ("xxd-e", ["xxd", "-e"], [], 0),  # the ASCII column shows the order
    ("hexdump-C", ["hexdump", "-C"], [], 0),
    ("hexdump", ["hexdump"], ["--group-order", "le"], 0),
    ("od-An-tx1-v", ["od", "-An", "-tx1", "-v"], [], 0),
    ("od-tx1", ["od", "-tx1"], [], 0),
    ("od-Ax-tx1z", ["od", "-Ax", "-tx1z"], [], 0),
    ("od-x", ["od", "-x"], ["--group-order", "le"], 0),
    ("gdb-xb", "gdb", [], 0),
    ("kernel", None, [], 0),
    ("kernel-address", None, [], 0),
    ("kernel-g4", None, [], 0),  # the ASCII column shows the order
    ("kernel-none", None, [], 0),
    ("windbg-db", None, [], 0),
]

# Dumps that cannot be read as they are, with what the message must say (exit 2): words in
# the CPU's byte order with nothing to tell it (no ASCII column, or one without a printable
# byte where the order shows: the GPADL_HEADER sample's first line), and "*" without offsets.
AMBIGUOUS = [
    ("offer.hexdump", "--group-order"),
    ("offer.od-x", "--group-order"),
    ("gpadl.xxd-e", "--group-order le"),
    ("gpadl.kernel-g4", "--group-order"),
    ("offer.od-An-tx1", "dump with -v"),
]


def message(tool, kind="offer"):
    return subprocess.run([tool, "gen", kind], capture_output=True, check=True).stdout


def kernel(data, rowsize=16, groupsize=1, prefix="offsets", ascii=True, level=""):
    """print_hex_dump(KERN_INFO, "hv_vmbus: offer: ", prefix, rowsize, groupsize, buf, len,
    ascii), on a little-endian CPU, as dmesg prints it."""
    out = []
    for i in range(0, len(data), rowsize):
        row = data[i:i + rowsize]
        gs = groupsize if len(row) % groupsize == 0 else 1
        groups = [int.from_bytes(row[j:j + gs], "little") for j in range(0, len(row), gs)]
        line = " ".join("%0*x" % (2 * gs, g) for g in groups)
        if ascii:
            line = line.ljust(rowsize * 2 + rowsize // gs + 1)
            line += "".join(chr(b) if 0x20 <= b < 0x7F else "." for b in row)
        head = "[%5d.%06d] hv_vmbus: offer: " % (1234, 567890 + i)
        if prefix == "offsets":
            head += "%08x: " % i
        elif prefix == "address":
            # %p prints a hashed pointer: no order in the addresses
            head += "%016x: " % ((0x9e3779b97f4a7c15 * (i + 1)) & 0xFFFFFFFFFFFFFFFF)
        out.append(head + line)
    return "\n".join(out) + "\n"


def windbg(data):
    out = ["0:000> db 0000021d`4f8a1230 L0n%d" % len(data)]
    for i in range(0, len(data), 16):
        row = data[i:i + 16]
        hexes = ""
        for j in range(16):
            sep = "-" if j == 8 else " "
            hexes += (sep + "%02x" % row[j]) if j < len(row) else "   "
        asc = "".join(chr(b) if 0x20 <= b < 0x7F else "." for b in row)
        out.append("0000021d`%08x %s  %s" % (0x4f8a1230 + i, hexes, asc))
    return "\n".join(out) + "\n"


def gdb_dump(data):
    """gdb -batch -ex 'x/Nxb msg' on a program holding the bytes (read from the file)."""
    if not shutil.which("gdb") or not shutil.which("cc"):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "msg.c")
        with open(src, "w") as fh:
            fh.write("unsigned char msg[%d] = {%s};\nint main(void) { return msg[0]; }\n"
                     % (len(data), ", ".join("0x%02x" % b for b in data)))
        exe = os.path.join(tmp, "msg")
        subprocess.run(["cc", "-g", "-O0", "-o", exe, src], check=True)
        p = subprocess.run(["gdb", "-batch", "-nx", "-ex", "x/%dxb msg" % len(data), exe],
                           capture_output=True, check=True)
        return p.stdout.decode()


def make(name, cmd, data, tmp):
    """The dump of data in form name, or None when its program is missing."""
    if cmd is None:
        if name == "kernel":
            return kernel(data)
        if name == "kernel-address":
            return kernel(data, prefix="address")
        if name == "kernel-g4":
            return kernel(data, groupsize=4)
        if name == "kernel-none":
            return kernel(data, rowsize=32, prefix="none", ascii=False)
        if name == "windbg-db":
            return windbg(data)
        raise ValueError(name)
    if cmd == "gdb":
        return gdb_dump(data)
    if not shutil.which(cmd[0]):
        return None
    path = os.path.join(tmp, "offer.bin")
    with open(path, "wb") as fh:
        fh.write(data)
    return subprocess.run(cmd + [path], capture_output=True, check=True).stdout.decode()


def gpadl_fixtures(tool, src, tmp):
    """The messages of the gpadl-split sample (GPADL_HEADER, two GPADL_BODY) as the inputs of
    msg --gpadl: SynIC slots, plain hex lines, dumps one after another, and broken
    sequences."""
    slots = subprocess.run([tool, "gen", "gpadl-split"], capture_output=True,
                           check=True).stdout
    msgs = [slots[i + 16:i + 16 + slots[i + 4]] for i in range(0, len(slots), 256)]
    os.makedirs(os.path.join(src, G), exist_ok=True)

    def hexlines(ms):
        return "".join(m.hex() + "\n" for m in ms)

    def body(m, handle=None):
        return m if handle is None else m[:12] + handle.to_bytes(4, "little") + m[16:]

    bad_range = bytearray(msgs[0])
    bad_range[24:28] = (4096).to_bytes(4, "little")  # byte_offset of range 0
    files = {
        "split.slots": slots,
        "split.hex": hexlines(msgs).encode(),
        "missing_body.hex": hexlines(msgs[:2]).encode(),
        "other_handle.hex": hexlines([msgs[0], msgs[1], body(msgs[2], 0xE1E12)]).encode(),
        "body_first.hex": hexlines([msgs[1], msgs[0], msgs[2]]).encode(),
        "extra_body.hex": hexlines(msgs + [msgs[2]]).encode(),
        "bad_range.hex": hexlines([bytes(bad_range), msgs[1], msgs[2]]).encode(),
        "not_gpadl.hex": hexlines([msgs[0], message(tool)]).encode(),
        "header.hex": hexlines(msgs[:1]).encode(),
        "body.hex": hexlines(msgs[1:2]).encode(),
        "header_bad_range.hex": hexlines([bytes(bad_range)]).encode(),
        "split.kernel": "".join(kernel(m) for m in msgs).encode(),
    }
    text = ""
    for m in msgs:
        made = make("xxd", ["xxd"], m, tmp)
        if made is None:
            return files
        text += made
    files["split.xxd"] = text.encode()
    for name, data in files.items():
        with open(os.path.join(src, G, name), "wb") as fh:
            fh.write(data)
    return files


def ring_fixtures(tool, src):
    """The bundled ring sample (control page, then in-band, completion, transfer-page and
    GPA-direct packets) with one rule broken in each."""
    ring = subprocess.run([tool, "gen", "ring"], capture_output=True, check=True).stdout
    os.makedirs(os.path.join(src, R), exist_ok=True)
    data = 4096
    # packet offsets in the data area: descriptor len8 * 8 + 8 after the one before
    pkts = [0]
    for _ in range(3):
        pkts.append(pkts[-1] + int.from_bytes(ring[data + pkts[-1] + 4:data + pkts[-1] + 6],
                                              "little") * 8 + 8)

    def put(image, off, value, size):
        image[off:off + size] = value.to_bytes(size, "little")

    cases = {
        "write_index": [(0, 0x1001, 4)],                        # not 8-byte aligned
        "read_index": [(4, 0x3000, 4)],                         # past the 8 KiB data area
        "pending_send_sz": [(12, 0x4000, 4)],                   # larger than the data area
        "avail_short": [(0, 16, 4)],                            # 16 bytes: no packet fits
        "type": [(data + pkts[0], 0x2, 2)],                     # a legacy type
        "flags": [(data + pkts[1] + 6, 0x3, 2)],
        "overrun": [(data + pkts[0] + 4, 0x400, 2)],            # len8 past the write index
        "range_count": [(data + pkts[2] + 20, 0, 4)],           # transfer pages, no range
        "range_bounds": [(data + pkts[3] + 20, 9, 4)],          # GPA direct, 9 ranges
    }
    for name, edits in cases.items():
        image = bytearray(ring)
        for off, value, size in edits:
            put(image, off, value, size)
        with open(os.path.join(src, R, name + ".bin"), "wb") as fh:
            fh.write(image)


def write(tool, src):
    data = message(tool)
    os.makedirs(os.path.join(src, D), exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, cmd, _, _ in FORMS:
            text = make(name, cmd, data, tmp)
            if text is None:
                print("skipped %s: %s is not installed" % (name, cmd[0] if cmd else cmd))
                continue
            with open(os.path.join(src, D, "offer." + name), "w") as fh:
                fh.write(text)
        made = {"offer.od-An-tx1": make("od", ["od", "-An", "-tx1"], data, tmp),
                "gpadl.xxd-e": make("xxd-e", ["xxd", "-e"], message(tool, "gpadl-header"), tmp),
                "gpadl.kernel-g4": kernel(message(tool, "gpadl-header"), groupsize=4)}
        for name, text in made.items():
            with open(os.path.join(src, D, name), "w") as fh:
                fh.write(text)
        gpadl_fixtures(tool, src, tmp)
        ring_fixtures(tool, src)
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[3] == "write":
        sys.exit(write(os.path.abspath(sys.argv[1]), sys.argv[2]))
    print(__doc__)
    sys.exit(2)
