/* SPDX-License-Identifier: MIT */
/*
 * A consumer of the library, and the usage example of the README: a guest's SINT2 handler
 * copies the SynIC message slot once, validates the copy and decodes the channel message in
 * it against the negotiated state. The host side is simulated by encoding an offer into a
 * message page first.
 */
#include <vmbus_proto/vmbus_proto.h>

#include <stdio.h>
#include <string.h>

/* What the host does: post an OFFER_CHANNEL into slot 2 of the guest's message page. */
static int host_posts_offer(uint8_t *page)
{
    struct vmbp_offer off;
    size_t len = 0;
    uint8_t *slot = page + VMBP_SYNIC_VMBUS_SINT * VMBP_SYNIC_MESSAGE_SIZE;

    memset(&off, 0, sizeof(off));
    off.variant = VMBP_MSGV_OFFER_CHANNEL;
    off.interface_type = vmbp_device_lookup(VMBP_DEVICE_NIC)->guid;
    off.flags = VMBP_OFFER_FLAG_CONFIDENTIAL_RING_BUFFER;
    off.child_relid = 5;
    off.monitor_id = VMBP_MONITOR_ID_INVALID;
    off.connection_id = 0x2005;
    if (vmbp_msg_offer_encode(&off, slot + 16, VMBP_SYNIC_MESSAGE_PAYLOAD_MAX, &len) != VMBP_OK)
        return -1;
    vmbp_store_le32(slot, VMBP_SYNIC_MSG_TYPE_VMBUS);
    slot[4] = (uint8_t)len;
    return 0;
}

int main(void)
{
    static uint8_t simp[4096]; /* the guest's SynIC message page */
    struct vmbp_ctx ctx = {VMBP_VERSION_6_0, VMBP_FEATURE_CONFIDENTIAL_CHANNELS};
    struct vmbp_synic_message slot;
    struct vmbp_msg msg;
    enum vmbp_status st;

    if (host_posts_offer(simp) != 0)
        return 1;
    /* --- the README example --- */
    st = vmbp_synic_slot_snapshot(vmbp_synic_message_slot(simp, VMBP_SYNIC_VMBUS_SINT), &slot);
    if (st == VMBP_OK)
        st = vmbp_msg_decode(slot.payload, slot.payload_size, &ctx, VMBP_DIR_HOST_TO_GUEST,
                             &msg);
    if (st != VMBP_OK) {
        printf("rejected: %s\n", vmbp_status_str(st));
        return 1;
    }
    if (msg.type == VMBP_MSG_OFFER_CHANNEL)
        printf("offer: %s, relid %u, confidential ring: %s\n",
               vmbp_device_name(vmbp_device_from_guid(&msg.u.offer.interface_type)),
               (unsigned)msg.u.offer.child_relid,
               msg.u.offer.flags & VMBP_OFFER_FLAG_CONFIDENTIAL_RING_BUFFER ? "yes" : "no");
    /* --- end of the example --- */
    return msg.type == VMBP_MSG_OFFER_CHANNEL && msg.u.offer.child_relid == 5 ? 0 : 1;
}
