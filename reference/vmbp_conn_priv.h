/* SPDX-License-Identifier: MIT */
/*
 * Internals shared by the guest and host machines (reference/vmbp_conn_*.c): output
 * bookkeeping and message encoding. Not installed.
 */
#ifndef VMBP_REFERENCE_CONN_PRIV_H
#define VMBP_REFERENCE_CONN_PRIV_H

#include <vmbus_proto/vmbp_conn.h>

/* struct vmbp_conn_guest's flags (the tests corrupt them to check the invariant checker) */
#define VMBP_PRIV_CONN_G_OFFERS_REQUESTED 0x01u /* REQUEST_OFFERS sent on this connection */
#define VMBP_PRIV_CONN_G_OFFERS_DELIVERED 0x02u /* ALL_OFFERS_DELIVERED received */
#define VMBP_PRIV_CONN_G_PAUSING 0x04u          /* PAUSE sent, PAUSE_RESPONSE not yet */
#define VMBP_PRIV_CONN_G_PAUSED 0x08u           /* PAUSE_RESPONSE received, RESUME not sent */
#define VMBP_PRIV_CONN_G_MODIFYING_CONN 0x10u   /* MODIFY_CONNECTION awaits its response */
#define VMBP_PRIV_CONN_G_PROPOSAL_UNSENT 0x20u  /* replay: the next proposal is not observed */
#define VMBP_PRIV_CONN_G_HOST_PAGES 0x40u       /* the monitor pages are the host's */

/* Whether `out` has room for `msgs` more messages and `events` more events; if not, the
 * needs are recorded and VMBP_E_NOSPACE returned. */
enum vmbp_status vmbp_priv_conn_room(struct vmbp_conn_out *out, uint32_t msgs, uint32_t events);

/* Encode m into message slot nmsgs + slot (room checked before), posted to conn_id, and
 * check the bytes with the codec as the receiver will (ctx, dir): a machine never emits a
 * message its peer's decoder refuses. The slot is not counted: the caller commits. */
enum vmbp_status vmbp_priv_conn_put(struct vmbp_conn_out *out, uint32_t slot, uint32_t conn_id,
                                    const struct vmbp_msg *m, const struct vmbp_ctx *ctx,
                                    enum vmbp_dir dir);

/* Event slot nevents + slot (room checked before), zeroed, with its kind. */
struct vmbp_conn_event *vmbp_priv_conn_ev(struct vmbp_conn_out *out, uint32_t slot,
                                          enum vmbp_conn_event_kind kind);

/* Count n messages and e events written at the tail. */
void vmbp_priv_conn_commit(struct vmbp_conn_out *out, uint32_t n, uint32_t e);

/* Check a decoded message's type and variant against the negotiated state and the sender
 * (the codec's gating, for messages decoded by the caller). */
enum vmbp_status vmbp_priv_conn_gate(const struct vmbp_msg *m, const struct vmbp_ctx *ctx,
                                     enum vmbp_dir from);

/* A message of one type with only a channel ID, or only a header. */
void vmbp_priv_conn_msg_init(struct vmbp_msg *m, uint32_t type);

#endif /* VMBP_REFERENCE_CONN_PRIV_H */
