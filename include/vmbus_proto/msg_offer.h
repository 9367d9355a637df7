/* SPDX-License-Identifier: MIT */
/**
 * @file msg_offer.h
 * @brief Offer messages: OFFER_CHANNEL (with the standard and named-pipe user-data
 * overlays), RESCIND_CHANNEL_OFFER and RELID_RELEASED.
 *
 * The hv_sock overlay of the user data is in msg_hvsock.h. Codec conventions as in
 * msg_connect.h: private buffer in, `out` written on success only (NULL validates), encoders
 * write the variant's exact bytes with zeroed reserved bytes.
 *
 * Sources: Linux `include/linux/hyperv.h` (`vmbus_channel_offer_channel`),
 * `drivers/hv/channel_mgmt.c` (`vmbus_onoffer`); OpenVMM
 * `vm/devices/vmbus/vmbus_core/src/protocol.rs` (`OfferChannel`, `PipeUserDefinedParameters`),
 * `vmbus_server/src/channels.rs` (`send_offer`); mu_msvm `MsvmPkg/VmbusDxe/ChannelMessages.h`
 * (`VMBUS_CHANNEL_OFFER_CHANNEL`). Specification: spec/msg_offer.md.
 */
#ifndef VMBP_MSG_OFFER_H
#define VMBP_MSG_OFFER_H

#include "features.h"
#include "msg.h"
#include "port.h"
#include "status.h"
#include "synic.h"
#include "version.h"

/** @defgroup vmbp_msg_offer Offer messages
 *  @brief OFFER_CHANNEL and its overlays, RESCIND_CHANNEL_OFFER, RELID_RELEASED.
 *  @{
 */

/** @brief Size of an offer's user-defined data (Linux `MAX_USER_DEFINED_BYTES`). */
#define VMBP_OFFER_USER_DEFINED_SIZE 120u
/** @brief Pipe type: byte stream (Linux `VMBUS_PIPE_TYPE_BYTE`, OpenVMM `PipeType::BYTE`). */
#define VMBP_PIPE_TYPE_BYTE 0u
/** @brief Pipe type: messages (Linux `VMBUS_PIPE_TYPE_MESSAGE`, OpenVMM `PipeType::MESSAGE`). */
#define VMBP_PIPE_TYPE_MESSAGE 4u
/** @brief Pipe flag: the pipe supports GPA-direct transfers (OpenVMM `PipeFlags`). */
#define VMBP_PIPE_FLAG_GPA_DIRECT 0x1u

/**
 * @brief OFFER_CHANNEL (196 bytes from 1.1; 190 bytes at 0.13, which ends before
 * @c is_dedicated_interrupt).
 *
 * | offset | size | field                   | meaning                                        |
 * |--------|------|-------------------------|------------------------------------------------|
 * | 8      | 16   | interface_type          | device class GUID                              |
 * | 24     | 16   | interface_instance      | device instance GUID                           |
 * | 40     | 16   | rsvdz1                  | reserved; ignored (set by pre-2.4 hosts)       |
 * | 56     | 2    | flags                   | `VMBP_OFFER_FLAG_*` (features.h)               |
 * | 58     | 2    | mmio_megabytes          | MMIO space the device needs, MiB               |
 * | 60     | 120  | user_defined            | standard, pipe or hv_sock overlay              |
 * | 180    | 2    | sub_channel_index       | 0: primary channel (from 2.4)                  |
 * | 182    | 2    | mmio_megabytes_optional | optional extra MMIO, MiB (Linux `reserved3`)   |
 * | 184    | 4    | child_relid             | channel ID, 1..2047                            |
 * | 188    | 1    | monitor_id              | monitor ID, 0..127, 0xFF none                  |
 * | 189    | 1    | monitor_allocated       | bit 0; bits 1-7 zero                           |
 * | 190    | 2    | is_dedicated_interrupt  | bit 0; bits 1-15 zero (from 1.1)               |
 * | 192    | 4    | connection_id           | connection ID for HvSignalEvent (from 1.1)     |
 */
struct vmbp_offer_wire {
    struct vmbp_msg_header_wire hdr;  /**< type 1 */
    uint8_t interface_type[16];       /**< Linux `if_type`, OpenVMM `interface_id` */
    uint8_t interface_instance[16];   /**< Linux `if_instance`, OpenVMM `instance_id` */
    uint32_t rsvdz1[4];               /**< Linux `reserved1/2` (u64), OpenVMM `rsvd` */
    uint16_t flags;                   /**< Linux `chn_flags` */
    uint16_t mmio_megabytes;          /**< MMIO MiB */
    uint8_t user_defined[120];        /**< Linux `u.std.user_def` / `u.pipe` */
    uint16_t sub_channel_index;       /**< OpenVMM `subchannel_index` */
    uint16_t mmio_megabytes_optional; /**< Linux `reserved3` */
    uint32_t child_relid;             /**< OpenVMM `channel_id` */
    uint8_t monitor_id;               /**< Linux `monitorid` */
    uint8_t monitor_allocated;        /**< bit 0 (Linux bit-field) */
    uint16_t is_dedicated_interrupt;  /**< bit 0; OpenVMM `is_dedicated` */
    uint32_t connection_id;           /**< Linux uses it as `sig_event` */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_offer_wire) == 196, vmbp_offer_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, hdr) == 0, vmbp_offer_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, interface_type) == 8, vmbp_offer_type);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, interface_instance) == 24,
                   vmbp_offer_instance);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, rsvdz1) == 40, vmbp_offer_rsvdz1);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, flags) == 56, vmbp_offer_flags);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, mmio_megabytes) == 58, vmbp_offer_mmio);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, user_defined) == 60, vmbp_offer_user);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, sub_channel_index) == 180,
                   vmbp_offer_subchannel);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, mmio_megabytes_optional) == 182,
                   vmbp_offer_mmio_opt);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, child_relid) == 184, vmbp_offer_relid);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, monitor_id) == 188, vmbp_offer_monitor);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, monitor_allocated) == 189,
                   vmbp_offer_monitor_alloc);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, is_dedicated_interrupt) == 190,
                   vmbp_offer_dedicated);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, connection_id) == 192, vmbp_offer_conn);
/** @brief Size of the 0.13 offer, which ends before @c is_dedicated_interrupt (mu_msvm
 * `VMBUS_CHANNEL_OFFER_CHANNEL_SIZE_PRE_WIN7`). */
#define VMBP_MSG_OFFER_V1_SIZE 190u
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, is_dedicated_interrupt) ==
                       VMBP_MSG_OFFER_V1_SIZE,
                   vmbp_offer_v1_size);

/**
 * @brief OFFER_CHANNEL, decoded. The OFFER_CHANNEL_V1 variant (0.13) has no
 * @c is_dedicated_interrupt and @c connection_id: they decode as 0 and are not encoded.
 */
struct vmbp_offer {
    enum vmbp_msg_variant variant;       /**< OFFER_CHANNEL or OFFER_CHANNEL_V1 */
    struct vmbp_guid interface_type;     /**< device class (devices.h) */
    struct vmbp_guid interface_instance; /**< device instance */
    uint16_t flags;                      /**< `VMBP_OFFER_FLAG_*` (vmbp_offer_flags_check()) */
    uint16_t mmio_megabytes;             /**< MMIO MiB */
    uint8_t user_defined[120];           /**< device data, or an overlay (pipe, hv_sock) */
    uint16_t sub_channel_index;          /**< 0: primary channel */
    uint16_t mmio_megabytes_optional;    /**< optional extra MMIO MiB */
    uint32_t child_relid;                /**< channel ID, 1..2047 */
    uint8_t monitor_id;                  /**< 0..127 when allocated */
    uint8_t monitor_allocated;           /**< 0 or 1 */
    uint16_t is_dedicated_interrupt;     /**< 0 or 1 */
    uint32_t connection_id;              /**< at most 0xFFFFFF */
};

/**
 * @brief The named-pipe overlay of the user data (offer flag NAMED_PIPE_MODE), at message
 * offset 60.
 *
 * | offset | size | field             | meaning                                       |
 * |--------|------|-------------------|-----------------------------------------------|
 * | 60     | 4    | pipe_type         | VMBP_PIPE_TYPE_BYTE or VMBP_PIPE_TYPE_MESSAGE |
 * | 64     | 112  | pipe_user_defined | provider data                                 |
 * | 176    | 4    | pipe_flags        | VMBP_PIPE_FLAG_* (OpenVMM; Linux: user data)  |
 */
struct vmbp_offer_pipe_wire {
    uint32_t pipe_type;             /**< Linux `pipe_mode`, OpenVMM `pipe_type` */
    uint8_t pipe_user_defined[112]; /**< OpenVMM `user_defined` */
    uint32_t pipe_flags;            /**< OpenVMM `flags` (`PipeFlags`) */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_offer_pipe_wire) == 120, vmbp_offer_pipe_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_pipe_wire, pipe_type) == 0, vmbp_offer_pipe_type);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_pipe_wire, pipe_user_defined) == 4,
                   vmbp_offer_pipe_user);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_pipe_wire, pipe_flags) == 116,
                   vmbp_offer_pipe_flags);

/** @brief The named-pipe overlay, decoded. */
struct vmbp_offer_pipe {
    uint32_t pipe_type;             /**< VMBP_PIPE_TYPE_BYTE or VMBP_PIPE_TYPE_MESSAGE */
    uint8_t pipe_user_defined[112]; /**< provider data */
    uint32_t pipe_flags;            /**< VMBP_PIPE_FLAG_*; other bits not checked */
};

/** @brief RESCIND_CHANNEL_OFFER (host withdraws a channel), decoded. */
struct vmbp_rescind {
    uint32_t child_relid; /**< channel ID */
};

/** @brief RELID_RELEASED (guest frees the channel ID of a rescinded channel), decoded. */
struct vmbp_relid_released {
    uint32_t child_relid; /**< channel ID */
};

#if defined(__cplusplus)
extern "C" {
#endif

/**
 * @brief Name of a pipe type (pipe overlay of a named-pipe offer).
 * @param type pipe_type
 * @return "BYTE", "MESSAGE", or NULL
 */
VMBP_INLINE const char *vmbp_pipe_type_name(uint32_t type)
{
    switch (type) {
    case VMBP_PIPE_TYPE_BYTE:
        return "BYTE";
    case VMBP_PIPE_TYPE_MESSAGE:
        return "MESSAGE";
    default:
        return NULL;
    }
}

/**
 * @brief Decode OFFER_CHANNEL.
 *
 * Checks, in order (spec/msg_offer.md): framing and gating (vmbp_msg_select()); the offer
 * flags against the negotiated state (vmbp_offer_flags_check(): VMBP_E_CONFIDENTIAL,
 * VMBP_E_CONFIDENTIAL_EXT, VMBP_E_FEATURE); bits 1-7 of byte 189 and 1-15 of the word at
 * 190 zero (VMBP_E_RSVD_NONZERO); channel ID 1..2047, monitor ID below 128 when
 * allocated, connection ID at most 24 bits (VMBP_E_FIELD_RANGE). Bytes 40-55 are ignored.
 * The user data is not interpreted here.
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_msg_offer_decode(const void *buf, size_t len,
                                                                   const struct vmbp_ctx *ctx,
                                                                   struct vmbp_offer *out)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_offer m;
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st;
    uint16_t dedicated = 0;
    uint8_t monitor_byte;

    st = vmbp_priv_msg_select(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_OFFER_CHANNEL, &v);
    if (st != VMBP_OK)
        return st;
    if (len < VMBP_MSG_OFFER_V1_SIZE)
        return VMBP_E_TRUNCATED; /* implied by the selection; stated for the compiler */
    VMBP_MEMSET(&m, 0, sizeof(m));
    m.variant = v;
    VMBP_PRIV_LDG(p, vmbp_offer_wire, interface_type, m.interface_type);
    VMBP_PRIV_LDG(p, vmbp_offer_wire, interface_instance, m.interface_instance);
    m.flags = VMBP_PRIV_LD16(p, vmbp_offer_wire, flags);
    m.mmio_megabytes = VMBP_PRIV_LD16(p, vmbp_offer_wire, mmio_megabytes);
    VMBP_MEMCPY(m.user_defined, p + VMBP_PRIV_OFF(vmbp_offer_wire, user_defined),
                VMBP_OFFER_USER_DEFINED_SIZE);
    m.sub_channel_index = VMBP_PRIV_LD16(p, vmbp_offer_wire, sub_channel_index);
    m.mmio_megabytes_optional = VMBP_PRIV_LD16(p, vmbp_offer_wire, mmio_megabytes_optional);
    m.child_relid = VMBP_PRIV_LD32(p, vmbp_offer_wire, child_relid);
    m.monitor_id = VMBP_PRIV_LD8(p, vmbp_offer_wire, monitor_id);
    monitor_byte = VMBP_PRIV_LD8(p, vmbp_offer_wire, monitor_allocated);
    m.monitor_allocated = (uint8_t)(monitor_byte & 1u);
    if (v == VMBP_MSGV_OFFER_CHANNEL) {
        if (len < sizeof(struct vmbp_offer_wire))
            return VMBP_E_TRUNCATED; /* implied by the selection */
        dedicated = VMBP_PRIV_LD16(p, vmbp_offer_wire, is_dedicated_interrupt);
        m.is_dedicated_interrupt = (uint16_t)(dedicated & 1u);
        m.connection_id = VMBP_PRIV_LD32(p, vmbp_offer_wire, connection_id);
    }
    st = vmbp_offer_flags_check(m.flags, ctx);
    if (st != VMBP_OK)
        return st;
    if ((monitor_byte & 0xFEu) != 0 || (dedicated & 0xFFFEu) != 0)
        return VMBP_E_RSVD_NONZERO;
    if (!vmbp_priv_relid_ok(m.child_relid) ||
        (m.monitor_allocated && m.monitor_id >= VMBP_MONITOR_ID_COUNT) ||
        m.connection_id > VMBP_SYNIC_CONNECTION_ID_MAX)
        return VMBP_E_FIELD_RANGE;
    if (out)
        VMBP_MEMCPY(out, &m, sizeof(*out));
    return VMBP_OK;
}

/**
 * @brief Encode OFFER_CHANNEL in the form `in->variant` names (196 or 190 bytes).
 * @param in  message; @c monitor_allocated and @c is_dedicated_interrupt must be 0 or 1
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_offer_encode(const struct vmbp_offer *in, void *buf, size_t cap, size_t *len)
{
    uint8_t *p = (uint8_t *)buf;
    enum vmbp_status st;

    if (!in || in->monitor_allocated > 1u || in->is_dedicated_interrupt > 1u)
        return VMBP_E_INVAL;
    st = vmbp_priv_msg_encode_begin(VMBP_MSG_OFFER_CHANNEL, in->variant,
                                    vmbp_msg_variant_size(in->variant), buf, cap, len);
    if (st != VMBP_OK)
        return st;
    VMBP_PRIV_STG(p, vmbp_offer_wire, interface_type, in->interface_type);
    VMBP_PRIV_STG(p, vmbp_offer_wire, interface_instance, in->interface_instance);
    VMBP_PRIV_ST16(p, vmbp_offer_wire, flags, in->flags);
    VMBP_PRIV_ST16(p, vmbp_offer_wire, mmio_megabytes, in->mmio_megabytes);
    VMBP_MEMCPY(p + VMBP_PRIV_OFF(vmbp_offer_wire, user_defined), in->user_defined,
                VMBP_OFFER_USER_DEFINED_SIZE);
    VMBP_PRIV_ST16(p, vmbp_offer_wire, sub_channel_index, in->sub_channel_index);
    VMBP_PRIV_ST16(p, vmbp_offer_wire, mmio_megabytes_optional, in->mmio_megabytes_optional);
    VMBP_PRIV_ST32(p, vmbp_offer_wire, child_relid, in->child_relid);
    VMBP_PRIV_ST8(p, vmbp_offer_wire, monitor_id, in->monitor_id);
    VMBP_PRIV_ST8(p, vmbp_offer_wire, monitor_allocated, in->monitor_allocated);
    if (in->variant == VMBP_MSGV_OFFER_CHANNEL) {
        VMBP_PRIV_ST16(p, vmbp_offer_wire, is_dedicated_interrupt, in->is_dedicated_interrupt);
        VMBP_PRIV_ST32(p, vmbp_offer_wire, connection_id, in->connection_id);
    }
    return VMBP_OK;
}

/**
 * @brief Read the named-pipe overlay of an offer's user data.
 *
 * Meaningful for offers with NAMED_PIPE_MODE (Linux also reads hv_sock offers through it);
 * the caller checks the flag.
 * @param offer decoded offer
 * @param out   overlay, written on success only
 * @return VMBP_OK, VMBP_E_FIELD_RANGE for a pipe type other than BYTE or MESSAGE,
 * VMBP_E_INVAL for NULL arguments
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_offer_pipe_get(const struct vmbp_offer *offer, struct vmbp_offer_pipe *out)
{
    const uint8_t *p;
    struct vmbp_offer_pipe m;

    if (!offer || !out)
        return VMBP_E_INVAL;
    p = offer->user_defined;
    m.pipe_type = VMBP_PRIV_LD32(p, vmbp_offer_pipe_wire, pipe_type);
    VMBP_MEMCPY(m.pipe_user_defined, p + VMBP_PRIV_OFF(vmbp_offer_pipe_wire, pipe_user_defined),
                sizeof(m.pipe_user_defined));
    m.pipe_flags = VMBP_PRIV_LD32(p, vmbp_offer_pipe_wire, pipe_flags);
    if (m.pipe_type != VMBP_PIPE_TYPE_BYTE && m.pipe_type != VMBP_PIPE_TYPE_MESSAGE)
        return VMBP_E_FIELD_RANGE;
    VMBP_MEMCPY(out, &m, sizeof(*out));
    return VMBP_OK;
}

/**
 * @brief Write the named-pipe overlay into an offer's user data (all 120 bytes).
 * @param offer offer to modify
 * @param in    overlay
 * @return VMBP_OK, VMBP_E_INVAL for NULL arguments
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_offer_pipe_set(struct vmbp_offer *offer, const struct vmbp_offer_pipe *in)
{
    uint8_t *p;

    if (!offer || !in)
        return VMBP_E_INVAL;
    p = offer->user_defined;
    VMBP_PRIV_ST32(p, vmbp_offer_pipe_wire, pipe_type, in->pipe_type);
    VMBP_MEMCPY(p + VMBP_PRIV_OFF(vmbp_offer_pipe_wire, pipe_user_defined),
                in->pipe_user_defined, sizeof(in->pipe_user_defined));
    VMBP_PRIV_ST32(p, vmbp_offer_pipe_wire, pipe_flags, in->pipe_flags);
    return VMBP_OK;
}

/**
 * @brief Decode RESCIND_CHANNEL_OFFER. Checks the channel ID range (VMBP_E_FIELD_RANGE);
 * whether the channel exists is the caller's business.
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_msg_rescind_decode(const void *buf,
                                                                     size_t len,
                                                                     const struct vmbp_ctx *ctx,
                                                                     struct vmbp_rescind *out)
{
    return vmbp_priv_relid_msg_decode(buf, len, ctx, VMBP_MSG_RESCIND_CHANNEL_OFFER,
                                      out ? &out->child_relid : NULL);
}

/**
 * @brief Encode RESCIND_CHANNEL_OFFER (12 bytes).
 * @param in  message
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_rescind_encode(const struct vmbp_rescind *in, void *buf, size_t cap, size_t *len)
{
    if (!in)
        return VMBP_E_INVAL;
    return vmbp_priv_relid_msg_encode(VMBP_MSG_RESCIND_CHANNEL_OFFER, in->child_relid, buf, cap,
                                      len);
}

/**
 * @brief Decode RELID_RELEASED. Checks the channel ID range (VMBP_E_FIELD_RANGE).
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_relid_released_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                               struct vmbp_relid_released *out)
{
    return vmbp_priv_relid_msg_decode(buf, len, ctx, VMBP_MSG_RELID_RELEASED,
                                      out ? &out->child_relid : NULL);
}

/**
 * @brief Encode RELID_RELEASED (12 bytes).
 * @param in  message
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_relid_released_encode(const struct vmbp_relid_released *in, void *buf, size_t cap,
                               size_t *len)
{
    if (!in)
        return VMBP_E_INVAL;
    return vmbp_priv_relid_msg_encode(VMBP_MSG_RELID_RELEASED, in->child_relid, buf, cap, len);
}

/** @cond VMBP_INTERNAL */
/* An overlay field: member m of overlay wire struct W at message offset 60 + offsetof. */
#define VMBP_PRIV_OVL(W, H, m, kind, fmt, doc)                                                 \
    {                                                                                          \
#m, doc,                                                                               \
            (uint16_t)(offsetof(struct vmbp_offer_wire, user_defined) +                        \
                       offsetof(struct W, m)),                                                 \
            VMBP_PRIV_FSIZE(W, m), (uint16_t)offsetof(struct H, m),                            \
            (uint8_t)VMBP_MSG_FIELD_##kind, (uint8_t)VMBP_MSG_FMT_##fmt, 0u                    \
    }
/** @endcond */

/**
 * @brief Field descriptors of the named-pipe overlay (message offsets; host offsets into
 * `struct vmbp_offer_pipe`).
 * @param n receives the number of entries (may be NULL)
 * @return a static table
 */
VMBP_INLINE const struct vmbp_msg_field *vmbp_msg_offer_pipe_fields(size_t *n)
{
    static const struct vmbp_msg_field tab[] = {
        VMBP_PRIV_OVL(vmbp_offer_pipe_wire, vmbp_offer_pipe, pipe_type, VALUE, PIPE_TYPE,
                      "pipe type: 0 byte, 4 message"),
        VMBP_PRIV_OVL(vmbp_offer_pipe_wire, vmbp_offer_pipe, pipe_user_defined, BYTES, BYTES,
                      "provider data"),
        VMBP_PRIV_OVL(vmbp_offer_pipe_wire, vmbp_offer_pipe, pipe_flags, VALUE, PIPE_FLAGS,
                      "pipe flags (OpenVMM); Linux: user data")};

    VMBP_PRIV_RETURN_FIELDS(tab, n);
}

/**
 * @brief Field descriptors of the offer family's variants (OFFER_CHANNEL,
 * OFFER_CHANNEL_V1, RESCIND_CHANNEL_OFFER, RELID_RELEASED).
 * @param v variant
 * @param n receives the number of entries (may be NULL)
 * @return a static table, or NULL for a variant of another family
 */
VMBP_INLINE const struct vmbp_msg_field *vmbp_msg_offer_fields(enum vmbp_msg_variant v,
                                                               size_t *n)
{
#define VMBP_PRIV_W vmbp_offer_wire
#define VMBP_PRIV_H vmbp_offer
#define VMBP_PRIV_OFFER_HEAD                                                                   \
    VMBP_PRIV_HDR,                                                                             \
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, interface_type, GUID, GUID, "device class"),   \
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, interface_instance, GUID, GUID,                \
                      "device instance"),                                                      \
        VMBP_PRIV_RSV(VMBP_PRIV_W, rsvdz1, "rsvdz1", RSVD_IGN, 0u,                             \
                      "reserved, ignored: pre-2.4 hosts may set it"),                          \
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, flags, VALUE, OFFER_FLAGS, "offer flags"),     \
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, mmio_megabytes, VALUE, DEC, "MMIO MiB"),       \
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, user_defined, BYTES, BYTES,                    \
                      "user data: standard, pipe or hv_sock overlay"),                         \
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, sub_channel_index, VALUE, DEC,                 \
                      "0: primary channel"),                                                   \
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, mmio_megabytes_optional, VALUE, DEC,           \
                      "optional extra MMIO MiB (Linux reserved3)"),                            \
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, child_relid, VALUE, DEC,                       \
                      "channel ID, 1..2047"),                                                  \
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, monitor_id, VALUE, DEC,                        \
                      "monitor ID, 0..127, 0xFF none"),                                        \
        VMBP_PRIV_FLDM(VMBP_PRIV_W, VMBP_PRIV_H, monitor_allocated, 0x01u, BOOL,               \
                       "the monitor ID is valid"),                                             \
        VMBP_PRIV_RSV(VMBP_PRIV_W, monitor_allocated, "rsvdz2", RSVDZ, 0xFEu,                  \
                      "bits 1-7 of byte 189, zero")
    static const struct vmbp_msg_field f_offer_v1[] = {VMBP_PRIV_OFFER_HEAD};
    static const struct vmbp_msg_field f_offer[] = {
        VMBP_PRIV_OFFER_HEAD,
        VMBP_PRIV_FLDM(VMBP_PRIV_W, VMBP_PRIV_H, is_dedicated_interrupt, 0x0001u, BOOL,
                       "the channel has its own interrupt (from 1.1)"),
        VMBP_PRIV_RSV(VMBP_PRIV_W, is_dedicated_interrupt, "rsvdz3", RSVDZ, 0xFFFEu,
                      "bits 1-15 of the word at 190, zero"),
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, connection_id, VALUE, HEX,
                      "connection ID for HvSignalEvent (from 1.1)")};
    static const struct vmbp_msg_field f_rescind[] = {
        VMBP_PRIV_HDR, VMBP_PRIV_FLD(vmbp_relid_msg_wire, vmbp_rescind, child_relid, VALUE, DEC,
                                     "channel ID")};
    static const struct vmbp_msg_field f_released[] = {
        VMBP_PRIV_HDR, VMBP_PRIV_FLD(vmbp_relid_msg_wire, vmbp_relid_released, child_relid,
                                     VALUE, DEC, "channel ID")};
#undef VMBP_PRIV_W
#undef VMBP_PRIV_H
#undef VMBP_PRIV_OFFER_HEAD

    switch (v) {
    case VMBP_MSGV_OFFER_CHANNEL:
        VMBP_PRIV_RETURN_FIELDS(f_offer, n);
    case VMBP_MSGV_OFFER_CHANNEL_V1:
        VMBP_PRIV_RETURN_FIELDS(f_offer_v1, n);
    case VMBP_MSGV_RESCIND_CHANNEL_OFFER:
        VMBP_PRIV_RETURN_FIELDS(f_rescind, n);
    case VMBP_MSGV_RELID_RELEASED:
        VMBP_PRIV_RETURN_FIELDS(f_released, n);
    default:
        return NULL;
    }
}

#if defined(__cplusplus)
}
#endif

/** @} */

#endif /* VMBP_MSG_OFFER_H */
