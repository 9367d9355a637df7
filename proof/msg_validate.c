/* SPDX-License-Identifier: MIT */
/*
 * Entry point: every channel-message validator and decoder over a 240-byte buffer whose
 * bytes are all unknown, with an unknown length 0..240, negotiated version and features,
 * and accepted direction (in and out of range). Also the field reader of every variant's
 * field table and the offer overlays (hv_sock, named pipe) of any decoded offer.
 */
#include "proof.h"
#include <vmbus_proto/msg_dispatch.h>

static uint8_t buf[VMBP_MSG_MAX_SIZE];

void proof_msg_validate(void)
{
    struct vmbp_ctx ctx;
    struct vmbp_msg out;
    struct vmbp_offer offer;
    struct vmbp_offer_hvsock hvsock;
    struct vmbp_offer_pipe pipe;
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    const struct vmbp_msg_field *tab;
    size_t len, nfields = 0, k;
    unsigned vi;
    uint32_t type = 0;
    uint64_t value = 0;
    enum vmbp_dir dir;
    enum vmbp_status st;

    Frama_C_make_unknown((char *)buf, sizeof(buf));
    len = PROOF_ANY_SIZE(0, sizeof(buf));
    ctx.version = PROOF_ANY_U32();
    ctx.features = PROOF_ANY_U32();
    dir = (enum vmbp_dir)Frama_C_interval(0, 4);

    st = vmbp_msg_header_type(buf, len, &type);
    st = vmbp_msg_select(buf, len, &ctx, dir, &v);
    st = vmbp_msg_validate(buf, len, &ctx, dir);
    st = vmbp_msg_decode(buf, len, &ctx, dir, &out);
    st = vmbp_msg_validate(NULL, len, &ctx, dir);
    st = vmbp_msg_validate(buf, len, NULL, dir);
    st = vmbp_msg_decode(buf, len, &ctx, dir, NULL);

    /* each family decoder on its own, with any bytes (type included) */
    st = vmbp_msg_offer_decode(buf, len, &ctx, &out.u.offer);
    st = vmbp_msg_rescind_decode(buf, len, &ctx, &out.u.rescind);
    st = vmbp_msg_empty_decode(buf, len, &ctx, &out.u.empty);
    st = vmbp_msg_open_channel_decode(buf, len, &ctx, &out.u.open_channel);
    st = vmbp_msg_open_result_decode(buf, len, &ctx, &out.u.open_result);
    st = vmbp_msg_close_channel_decode(buf, len, &ctx, &out.u.close_channel);
    st = vmbp_msg_gpadl_header_decode(buf, len, &ctx, &out.u.gpadl_header);
    st = vmbp_msg_gpadl_body_decode(buf, len, &ctx, &out.u.gpadl_body);
    st = vmbp_msg_gpadl_created_decode(buf, len, &ctx, &out.u.gpadl_created);
    st = vmbp_msg_gpadl_teardown_decode(buf, len, &ctx, &out.u.gpadl_teardown);
    st = vmbp_msg_gpadl_torndown_decode(buf, len, &ctx, &out.u.gpadl_torndown);
    st = vmbp_msg_relid_released_decode(buf, len, &ctx, &out.u.relid_released);
    st = vmbp_msg_initiate_contact_decode(buf, len, &ctx, &out.u.initiate_contact);
    st = vmbp_msg_version_response_decode(buf, len, &ctx, &out.u.version_response);
    st = vmbp_msg_open_reserved_channel_decode(buf, len, &ctx, &out.u.open_reserved_channel);
    st = vmbp_msg_close_reserved_channel_decode(buf, len, &ctx, &out.u.close_reserved_channel);
    st =
        vmbp_msg_close_reserved_response_decode(buf, len, &ctx, &out.u.close_reserved_response);
    st = vmbp_msg_tl_connect_request_decode(buf, len, &ctx, &out.u.tl_connect_request);
    st = vmbp_msg_modify_channel_decode(buf, len, &ctx, &out.u.modify_channel);
    st = vmbp_msg_tl_connect_result_decode(buf, len, &ctx, &out.u.tl_connect_result);
    st =
        vmbp_msg_modify_channel_response_decode(buf, len, &ctx, &out.u.modify_channel_response);
    st = vmbp_msg_modify_connection_decode(buf, len, &ctx, &out.u.modify_connection);
    st = vmbp_msg_modify_connection_response_decode(buf, len, &ctx,
                                                    &out.u.modify_connection_response);

    /* every field of every variant's table, read from the same unknown bytes */
    for (vi = 0; vi <= (unsigned)VMBP_MSGV_COUNT; vi++) {
        tab = vmbp_msg_fields((enum vmbp_msg_variant)vi, &nfields);
        for (k = 0; tab && k < nfields; k++)
            st = vmbp_msg_field_wire_get(&tab[k], buf, len, &value);
    }

    /* the overlays of the user-defined area of any offer */
    Frama_C_make_unknown((char *)&offer, sizeof(offer));
    st = vmbp_msg_offer_hvsock_get(&offer, &hvsock);
    st = vmbp_msg_offer_pipe_get(&offer, &pipe);
    (void)st;
}
