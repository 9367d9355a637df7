/* SPDX-License-Identifier: MIT */
/* A consumer of the reference ring library: one packet through a ring. */
#include <vmbus_proto/vmbp_ring.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    static unsigned char mem[4096 + 4096] __attribute__((aligned(8)));
    unsigned char out[64];
    struct vmbp_ring w, r;
    struct vmbp_pkt_out o;
    struct vmbp_pkt_in in;
    struct vmbp_seg sg;
    bool sig = false;

    memset(&o, 0, sizeof(o));
    o.type = VMBP_PKT_DATA_INBAND;
    o.trans_id = 42;
    sg.ptr = "hello";
    sg.len = 5;
    if (vmbp_ring_init(&w, mem, sizeof(mem), VMBP_RING_GUEST_SEND, VMBP_RING_F_RESET) ||
        vmbp_ring_init(&r, mem, sizeof(mem), VMBP_RING_HOST_RECV, VMBP_RING_F_START_MASKED) ||
        vmbp_ring_write(&w, &o, &sg, 1, &sig) ||
        vmbp_ring_read(&r, out, sizeof(out), &in, &sig) || in.trans_id != 42 ||
        memcmp(out + in.data_offset, "hello", 5) != 0) {
        puts("ring_consumer: packet lost");
        return 1;
    }
    puts("ring_consumer: one packet through the reference ring");
    return 0;
}
