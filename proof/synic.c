/* SPDX-License-Identifier: MIT */
#include "proof.h"
#include <vmbus_proto/synic.h>

static uint8_t msg_page[4096];
static uint8_t event_page[4096];

void proof_synic(void)
{
    struct vmbp_synic_message m;
    uint32_t ids[2048], ids_small[5], next = 0;
    size_t n = 0, got;
    unsigned sint = Frama_C_unsigned_int_interval(0, 16);
    volatile void *slot;
    bool eom = false;
    enum vmbp_status st;
    uint8_t flags[256];

    Frama_C_make_unknown((char *)msg_page, sizeof(msg_page));
    Frama_C_make_unknown((char *)event_page, sizeof(event_page));
    slot = vmbp_synic_message_slot(msg_page, sint);
    if (slot) {
        st = vmbp_synic_slot_snapshot(slot, &m);
        if (st == VMBP_OK || m.type != 0)
            st = vmbp_synic_slot_complete(slot, m.type, &eom);
        eom = vmbp_synic_slot_complete_store(slot);
    }
    st = vmbp_synic_event_take(event_page + 256u * 2u, NULL, NULL, ids, 2048, &n);
    st = vmbp_synic_event_take(event_page + 256u * 2u, NULL, NULL, ids_small, 5, &n);
    vmbp_shared_copy_from(flags, event_page + 256u * 2u, sizeof(flags));
    got = vmbp_synic_event_scan(flags, Frama_C_unsigned_int_interval(0, 0xFFFFFFFFu), ids, 2048,
                                &next);
    got = vmbp_synic_event_scan(flags, 0, ids_small, 5, &next);
    (void)got;
    (void)st;
}
