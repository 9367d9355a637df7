/* SPDX-License-Identifier: MIT */
/**
 * @file status.h
 * @brief API status codes: one X-macro list, the enum and the strings derived from it.
 *
 * A status says why an API call failed. It is never sent on the wire: the wire has its own
 * status words (NTSTATUS values in OPEN_RESULT and friends, HV_STATUS in hypercall results),
 * defined with their messages.
 *
 * Codes live in numeric bands and are only ever appended, never renumbered:
 *
 * | band   | meaning                                                               |
 * |--------|-----------------------------------------------------------------------|
 * | 0      | success                                                               |
 * | 0x01xx | framing: the bytes cannot hold the object (length, size fields)       |
 * | 0x02xx | semantic: well framed, but a field or the negotiated state forbids it |
 * | 0x03xx | ring: the peer broke a ring-buffer rule (the ring becomes BROKEN)     |
 * | 0x04xx | flow: not an error of the peer (empty, full, would block)             |
 * | 0x05xx | caller: the caller passed something unusable                          |
 * | 0x06xx | sequence: valid, but not at this point of the connection or channel   |
 */
#ifndef VMBP_STATUS_H
#define VMBP_STATUS_H

#include "port.h"

/** @defgroup vmbp_status Status codes
 *  @brief `enum vmbp_status` and vmbp_status_str().
 *  @{
 */

/**
 * @brief The status list: `X(NAME, value, "description")`, one line per code.
 *
 * Expanding it with a macro of your own gives tables keyed by status (the enum below and
 * vmbp_status_str() are two such expansions).
 */
#define VMBP_STATUS_LIST(X)                                                                   \
    X(OK, 0x0000, "success")                                                                  \
    /* framing */                                                                             \
    X(E_TRUNCATED, 0x0101, "buffer shorter than the object's minimum size")                   \
    X(E_TOO_LONG, 0x0102, "length above the protocol maximum")                                \
    X(E_LENGTH_FIELD, 0x0103, "a length or count field disagrees with the bytes present")     \
    /* semantic */                                                                            \
    X(E_UNKNOWN_TYPE, 0x0201, "unknown or invalid message or packet type")                    \
    X(E_VERSION, 0x0202, "not valid in the negotiated protocol version")                      \
    X(E_FEATURE, 0x0203, "needs a feature flag that was not negotiated")                      \
    X(E_DIRECTION, 0x0204, "message sent in the wrong direction")                             \
    X(E_RSVD_NONZERO, 0x0205, "a must-be-zero field is not zero")                             \
    X(E_FIELD_RANGE, 0x0206, "a field value is outside its valid range")                      \
    X(E_NOT_NEGOTIATED, 0x0208, "only the contact messages are valid before negotiation")     \
    X(E_CONFIDENTIAL, 0x0209, "confidential offer flag without confidential channels")        \
    X(E_CONFIDENTIAL_EXT, 0x020A, "confidential external memory without confidential ring")   \
    X(E_GPADL_RANGE, 0x020B, "invalid GPA range (offset, length or page count)")              \
    X(E_GPADL_SEQUENCE, 0x020C, "GPADL message out of sequence")                              \
    X(E_GPADL_TOO_LARGE, 0x020D, "GPADL too large for its 16-bit size fields")                \
    /* ring: the peer broke a rule; the ring is BROKEN from then on */                        \
    X(E_RING_WRITE_INDEX, 0x0301, "ring write index out of range or not 8-byte aligned")      \
    X(E_RING_READ_INDEX, 0x0302, "ring read index out of range or not 8-byte aligned")        \
    X(E_RING_AVAIL_SHORT, 0x0303, "ring holds fewer bytes than a descriptor and trailer")      \
    X(E_RING_LEN_LT_OFFSET, 0x0304, "packet length smaller than its data offset")             \
    X(E_RING_OFFSET_SHORT, 0x0305, "packet data offset inside the descriptor")                \
    X(E_RING_PKT_OVERRUN, 0x0306, "packet and trailer longer than the bytes available")       \
    X(E_RING_READ_PAST_WRITE, 0x0307, "peer read index claims bytes that were never written") \
    X(E_RING_PKT_TYPE, 0x0308, "unknown ring packet type")                                    \
    X(E_RING_PKT_FLAGS, 0x0309, "packet flags other than completion-requested")               \
    X(E_RING_EXT_OFFSET, 0x030A, "transfer-page or GPA-direct packet without its header")     \
    X(E_RING_RANGE_COUNT, 0x030B, "transfer-page or GPA-direct packet with zero ranges")      \
    X(E_RING_RANGE_BOUNDS, 0x030C, "packet ranges extend past the packet")                    \
    X(E_RING_PENDING_SZ, 0x030D, "pending send size larger than the ring")                    \
    /* flow: nothing wrong, try again later */                                                \
    X(E_RING_EMPTY, 0x0401, "no packet available")                                            \
    X(E_RING_FULL, 0x0402, "not enough free space in the ring")                               \
    X(E_NOSPACE, 0x0403, "output buffer too small; the needed size is reported")              \
    X(E_PENDING, 0x0404, "more input is needed to complete the object")                       \
    X(E_RING_BATCH_FULL, 0x0405, "the unpublished batch fills the ring: commit it first")      \
    /* caller */                                                                              \
    X(E_INVAL, 0x0501, "invalid argument")                                                    \
    X(E_STATE, 0x0502, "call not valid in the object's current state")                        \
    X(E_UNSUPPORTED, 0x0503, "valid but not supported by this implementation")               \
    /* semantic, Confidential VMBus host input (0x023x) */                                    \
    X(E_MONITOR_PAGE, 0x0230, "host-provided monitor pages unusable or in the wrong memory")  \
    /* sequence: a valid message or call at the wrong moment; nothing changed */              \
    X(E_SEQ_NO_REQUEST, 0x0601, "response to no pending request")                             \
    X(E_SEQ_CONN_STATE, 0x0602, "not valid in the connection's current state")                \
    X(E_SEQ_UNKNOWN_RELID, 0x0603, "names a channel not offered, or released")                \
    X(E_SEQ_RELID_IN_USE, 0x0604, "offer reuses the ID of a live channel")                    \
    X(E_SEQ_DUPLICATE_OFFER, 0x0605, "second offer of a live instance and sub-channel")       \
    X(E_SEQ_CHAN_STATE, 0x0606, "not valid in the channel's current state")                   \
    X(E_SEQ_RESCINDED, 0x0607, "the host has rescinded the channel")                          \
    X(E_SEQ_NOT_RESCINDED, 0x0608, "release of a channel not rescinded")                      \
    X(E_SEQ_OPEN_ID, 0x0609, "open result with another open ID")                              \
    X(E_SEQ_UNKNOWN_GPADL, 0x060A, "names a GPADL not on that channel")                       \
    X(E_SEQ_GPADL_HANDLE, 0x060B, "GPADL handle 0 or already in use")                         \
    X(E_SEQ_GPADL_STATE, 0x060C, "GPADL pending, or the ring of a live open")                 \
    X(E_SEQ_GPADL_MEMORY, 0x060D, "GPADL memory not what the offer flags demand")             \
    X(E_SEQ_PENDING, 0x060E, "a request of this kind is still pending")                       \
    X(E_SEQ_PAUSED, 0x060F, "connection paused: only RESUME and UNLOAD")                      \
    X(E_SEQ_VERSION_ORDER, 0x0610, "proposals not newest first, or not allowed here")         \
    X(E_SEQ_UNTRUSTED, 0x0611, "untrusted message on a trusted connection")

/** @cond VMBP_INTERNAL */
#define VMBP_PRIV_STATUS_ENUM(name, value, text) VMBP_##name = value,
/** @endcond */

/**
 * @brief Result of every fallible call. `VMBP_OK` is 0; failures are positive, grouped in
 * bands (see the file description). Never a wire value and never a negative errno.
 */
enum vmbp_status {
    VMBP_STATUS_LIST(VMBP_PRIV_STATUS_ENUM)
    /** One past the largest band; not a status. */
    VMBP_STATUS_BAND_END = 0x0700
};

/** @brief Band of a status: 0 (OK), 1 framing, 2 semantic, 3 ring, 4 flow, 5 caller,
 *  6 sequence. */
#define VMBP_STATUS_BAND(st) (((unsigned)(st) >> 8) & 0xFFu)

#if defined(__cplusplus)
extern "C" {
#endif

/**
 * @brief Name and meaning of a status, e.g. `"E_TRUNCATED: buffer shorter than ..."`.
 * @param st any value; values not in the list give `"unknown status"`
 * @return a static string, never NULL
 */
VMBP_INLINE const char *vmbp_status_str(enum vmbp_status st)
{
#define VMBP_PRIV_STATUS_STR(name, value, text)                                               \
    case VMBP_##name:                                                                         \
        return #name ": " text;
    switch (st) {
        VMBP_STATUS_LIST(VMBP_PRIV_STATUS_STR)
    case VMBP_STATUS_BAND_END:
        break;
    }
#undef VMBP_PRIV_STATUS_STR
    return "unknown status";
}

/**
 * @brief Name of a status without the prefix, e.g. `"E_TRUNCATED"`, for logs and JSON.
 * @param st any value
 * @return a static string; `"unknown"` for values not in the list
 */
VMBP_INLINE const char *vmbp_status_name(enum vmbp_status st)
{
#define VMBP_PRIV_STATUS_NAME(name, value, text)                                              \
    case VMBP_##name:                                                                         \
        return #name;
    switch (st) {
        VMBP_STATUS_LIST(VMBP_PRIV_STATUS_NAME)
    case VMBP_STATUS_BAND_END:
        break;
    }
#undef VMBP_PRIV_STATUS_NAME
    return "unknown";
}

/**
 * @brief Meaning of a status, e.g. `"buffer shorter than the object's minimum size"`.
 * @param st any value
 * @return a static string; `"unknown status"` for values not in the list
 */
VMBP_INLINE const char *vmbp_status_text(enum vmbp_status st)
{
#define VMBP_PRIV_STATUS_TEXT(name, value, text)                                              \
    case VMBP_##name:                                                                         \
        return text;
    switch (st) {
        VMBP_STATUS_LIST(VMBP_PRIV_STATUS_TEXT)
    case VMBP_STATUS_BAND_END:
        break;
    }
#undef VMBP_PRIV_STATUS_TEXT
    return "unknown status";
}

/**
 * @brief Whether @p st is a peer's violation of a ring rule (band 0x03xx).
 * @param st status to classify
 * @return true for the ring band
 */
VMBP_INLINE bool vmbp_status_is_ring_violation(enum vmbp_status st)
{
    return VMBP_STATUS_BAND(st) == 3u;
}

#if defined(__cplusplus)
}
#endif

/** @} */

#endif /* VMBP_STATUS_H */
