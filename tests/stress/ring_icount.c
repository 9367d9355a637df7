/* SPDX-License-Identifier: MIT */
/*
 * Driver for instruction counts per packet: N writes and N reads of SIZE-byte in-band packets
 * through one ring (64 KiB data area), one packet at a time (write + publish, read + publish).
 * Not a timed test; run it under callgrind and divide the inclusive counts of
 * vmbp_ring_write and vmbp_ring_read by N:
 *   valgrind --tool=callgrind --callgrind-out-file=cg.out build/tests/ring_icount 64 100000
 *   callgrind_annotate --inclusive=yes cg.out | grep -E 'vmbp_ring_(write|read) '
 * usage: ring_icount SIZE N
 */
#include <vmbus_proto/vmbp_ring.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    static uint8_t payload[65536], out[65536];
    size_t ring = 4096 + 65536;
    uint8_t *mem;
    struct vmbp_ring w, r;
    unsigned long size, n, i;
    uint64_t sum = 0;

    if (argc < 3)
        return 2;
    size = strtoul(argv[1], NULL, 0);
    n = strtoul(argv[2], NULL, 0);
    if (size > 60000)
        return 2;
    mem = (uint8_t *)aligned_alloc(4096, ring);
    if (!mem)
        return 2;
    memset(mem, 0, ring);
    memset(payload, 0x5A, sizeof(payload));
    if (vmbp_ring_init(&w, mem, ring, VMBP_RING_GUEST_SEND, VMBP_RING_F_RESET) ||
        vmbp_ring_init(&r, mem, ring, VMBP_RING_HOST_RECV, VMBP_RING_F_START_MASKED))
        return 1;
    for (i = 0; i < n; i++) {
        struct vmbp_pkt_out o;
        struct vmbp_pkt_in in;
        struct vmbp_seg sg;
        bool sig;

        o.type = VMBP_PKT_DATA_INBAND;
        o.flags = VMBP_PKT_FLAG_COMPLETION_REQUESTED;
        o.ext_len = 0;
        o.trans_id = i;
        sg.ptr = payload;
        sg.len = size;
        if (vmbp_ring_write(&w, &o, &sg, 1, &sig) != VMBP_OK)
            return 1;
        if (vmbp_ring_read(&r, out, sizeof(out), &in, &sig) != VMBP_OK || in.trans_id != i)
            return 1;
        sum += out[16];
    }
    printf("ring_icount: %lu packets of %lu bytes (%llu)\n", n, size, (unsigned long long)sum);
    return 0;
}
