/* SPDX-License-Identifier: MIT */
/**
 * @file status.h
 * @brief API status codes: the enum, written out, and one table of their names and meanings.
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
 * @brief Result of every fallible call. `VMBP_OK` is 0; failures are positive, grouped in
 * bands (see the file description). Never a wire value and never a negative errno.
 *
 * To add a code: one line here at the end of its band (or of a band of its own, at the end),
 * and its row in VMBP_STATUS_LIST() below, in the same order.
 */
enum vmbp_status {
    /** success */
    VMBP_OK = 0x0000,
    /* framing */
    /** buffer shorter than the object's minimum size */
    VMBP_E_TRUNCATED = 0x0101,
    /** length above the protocol maximum */
    VMBP_E_TOO_LONG = 0x0102,
    /** a length or count field disagrees with the bytes present */
    VMBP_E_LENGTH_FIELD = 0x0103,
    /* semantic */
    /** unknown or invalid message or packet type */
    VMBP_E_UNKNOWN_TYPE = 0x0201,
    /** not valid in the negotiated protocol version */
    VMBP_E_VERSION = 0x0202,
    /** needs a feature flag that was not negotiated */
    VMBP_E_FEATURE = 0x0203,
    /** message sent in the wrong direction */
    VMBP_E_DIRECTION = 0x0204,
    /** a must-be-zero field is not zero */
    VMBP_E_RSVD_NONZERO = 0x0205,
    /** a field value is outside its valid range */
    VMBP_E_FIELD_RANGE = 0x0206,
    /** only the contact messages are valid before negotiation */
    VMBP_E_NOT_NEGOTIATED = 0x0208,
    /** confidential offer flag without confidential channels */
    VMBP_E_CONFIDENTIAL = 0x0209,
    /** confidential external memory without confidential ring */
    VMBP_E_CONFIDENTIAL_EXT = 0x020A,
    /** invalid GPA range (offset, length or page count) */
    VMBP_E_GPADL_RANGE = 0x020B,
    /** GPADL message out of sequence */
    VMBP_E_GPADL_SEQUENCE = 0x020C,
    /** GPADL too large for its 16-bit size fields */
    VMBP_E_GPADL_TOO_LARGE = 0x020D,
    /* ring: the peer broke a rule; the ring is BROKEN from then on */
    /** ring write index out of range or not 8-byte aligned */
    VMBP_E_RING_WRITE_INDEX = 0x0301,
    /** ring read index out of range or not 8-byte aligned */
    VMBP_E_RING_READ_INDEX = 0x0302,
    /** ring holds fewer bytes than a descriptor and trailer */
    VMBP_E_RING_AVAIL_SHORT = 0x0303,
    /** packet length smaller than its data offset */
    VMBP_E_RING_LEN_LT_OFFSET = 0x0304,
    /** packet data offset inside the descriptor */
    VMBP_E_RING_OFFSET_SHORT = 0x0305,
    /** packet and trailer longer than the bytes available */
    VMBP_E_RING_PKT_OVERRUN = 0x0306,
    /** peer read index claims bytes that were never written */
    VMBP_E_RING_READ_PAST_WRITE = 0x0307,
    /** unknown ring packet type */
    VMBP_E_RING_PKT_TYPE = 0x0308,
    /** packet flags other than completion-requested */
    VMBP_E_RING_PKT_FLAGS = 0x0309,
    /** transfer-page or GPA-direct packet without its header */
    VMBP_E_RING_EXT_OFFSET = 0x030A,
    /** transfer-page or GPA-direct packet with zero ranges */
    VMBP_E_RING_RANGE_COUNT = 0x030B,
    /** packet ranges extend past the packet */
    VMBP_E_RING_RANGE_BOUNDS = 0x030C,
    /** pending send size larger than the ring */
    VMBP_E_RING_PENDING_SZ = 0x030D,
    /* flow: nothing wrong, try again later */
    /** no packet available */
    VMBP_E_RING_EMPTY = 0x0401,
    /** not enough free space in the ring */
    VMBP_E_RING_FULL = 0x0402,
    /** output buffer too small; the needed size is reported */
    VMBP_E_NOSPACE = 0x0403,
    /** more input is needed to complete the object */
    VMBP_E_PENDING = 0x0404,
    /** the unpublished batch fills the ring: commit it first */
    VMBP_E_RING_BATCH_FULL = 0x0405,
    /* caller */
    /** invalid argument */
    VMBP_E_INVAL = 0x0501,
    /** call not valid in the object's current state */
    VMBP_E_STATE = 0x0502,
    /** valid but not supported by this implementation */
    VMBP_E_UNSUPPORTED = 0x0503,
    /* semantic, Confidential VMBus host input (0x023x) */
    /** host-provided monitor pages unusable or in the wrong memory */
    VMBP_E_MONITOR_PAGE = 0x0230,
    /* sequence: a valid message or call at the wrong moment; nothing changed */
    /** response to no pending request */
    VMBP_E_SEQ_NO_REQUEST = 0x0601,
    /** not valid in the connection's current state */
    VMBP_E_SEQ_CONN_STATE = 0x0602,
    /** names a channel not offered, or released */
    VMBP_E_SEQ_UNKNOWN_RELID = 0x0603,
    /** offer reuses the ID of a live channel */
    VMBP_E_SEQ_RELID_IN_USE = 0x0604,
    /** second offer of a live instance and sub-channel */
    VMBP_E_SEQ_DUPLICATE_OFFER = 0x0605,
    /** not valid in the channel's current state */
    VMBP_E_SEQ_CHAN_STATE = 0x0606,
    /** the host has rescinded the channel */
    VMBP_E_SEQ_RESCINDED = 0x0607,
    /** release of a channel not rescinded */
    VMBP_E_SEQ_NOT_RESCINDED = 0x0608,
    /** open result with another open ID */
    VMBP_E_SEQ_OPEN_ID = 0x0609,
    /** names a GPADL not on that channel */
    VMBP_E_SEQ_UNKNOWN_GPADL = 0x060A,
    /** GPADL handle 0 or already in use */
    VMBP_E_SEQ_GPADL_HANDLE = 0x060B,
    /** GPADL pending, or the ring of a live open */
    VMBP_E_SEQ_GPADL_STATE = 0x060C,
    /** GPADL memory not what the offer flags demand */
    VMBP_E_SEQ_GPADL_MEMORY = 0x060D,
    /** a request of this kind is still pending */
    VMBP_E_SEQ_PENDING = 0x060E,
    /** connection paused: only RESUME and UNLOAD */
    VMBP_E_SEQ_PAUSED = 0x060F,
    /** proposals not newest first, or not allowed here */
    VMBP_E_SEQ_VERSION_ORDER = 0x0610,
    /** untrusted message on a trusted connection */
    VMBP_E_SEQ_UNTRUSTED = 0x0611,
    /** One past the largest band; not a status. */
    VMBP_STATUS_BAND_END = 0x0700
};

/**
 * @brief The status table: `X(VMBP_<NAME>, value, "description")`, one row per code of
 * `enum vmbp_status`, in its order; the name vmbp_status_name() gives is the enumerator
 * without its `VMBP_` prefix.
 *
 * vmbp_status_str(), vmbp_status_name() and vmbp_status_text() read their strings from it;
 * expanding it with a macro of your own gives other tables keyed by status. A static
 * assertion ties every row's enumerator to its value.
 */
#define VMBP_STATUS_LIST(X)                                                                    \
    X(VMBP_OK, 0x0000, "success")                                                              \
    X(VMBP_E_TRUNCATED, 0x0101, "buffer shorter than the object's minimum size")               \
    X(VMBP_E_TOO_LONG, 0x0102, "length above the protocol maximum")                            \
    X(VMBP_E_LENGTH_FIELD, 0x0103, "a length or count field disagrees with the bytes present") \
    X(VMBP_E_UNKNOWN_TYPE, 0x0201, "unknown or invalid message or packet type")                \
    X(VMBP_E_VERSION, 0x0202, "not valid in the negotiated protocol version")                  \
    X(VMBP_E_FEATURE, 0x0203, "needs a feature flag that was not negotiated")                  \
    X(VMBP_E_DIRECTION, 0x0204, "message sent in the wrong direction")                         \
    X(VMBP_E_RSVD_NONZERO, 0x0205, "a must-be-zero field is not zero")                         \
    X(VMBP_E_FIELD_RANGE, 0x0206, "a field value is outside its valid range")                  \
    X(VMBP_E_NOT_NEGOTIATED, 0x0208, "only the contact messages are valid before negotiation") \
    X(VMBP_E_CONFIDENTIAL, 0x0209, "confidential offer flag without confidential channels")    \
    X(VMBP_E_CONFIDENTIAL_EXT, 0x020A,                                                         \
      "confidential external memory without confidential ring")                                \
    X(VMBP_E_GPADL_RANGE, 0x020B, "invalid GPA range (offset, length or page count)")          \
    X(VMBP_E_GPADL_SEQUENCE, 0x020C, "GPADL message out of sequence")                          \
    X(VMBP_E_GPADL_TOO_LARGE, 0x020D, "GPADL too large for its 16-bit size fields")            \
    X(VMBP_E_RING_WRITE_INDEX, 0x0301, "ring write index out of range or not 8-byte aligned")  \
    X(VMBP_E_RING_READ_INDEX, 0x0302, "ring read index out of range or not 8-byte aligned")    \
    X(VMBP_E_RING_AVAIL_SHORT, 0x0303, "ring holds fewer bytes than a descriptor and trailer") \
    X(VMBP_E_RING_LEN_LT_OFFSET, 0x0304, "packet length smaller than its data offset")         \
    X(VMBP_E_RING_OFFSET_SHORT, 0x0305, "packet data offset inside the descriptor")            \
    X(VMBP_E_RING_PKT_OVERRUN, 0x0306, "packet and trailer longer than the bytes available")   \
    X(VMBP_E_RING_READ_PAST_WRITE, 0x0307,                                                     \
      "peer read index claims bytes that were never written")                                  \
    X(VMBP_E_RING_PKT_TYPE, 0x0308, "unknown ring packet type")                                \
    X(VMBP_E_RING_PKT_FLAGS, 0x0309, "packet flags other than completion-requested")           \
    X(VMBP_E_RING_EXT_OFFSET, 0x030A, "transfer-page or GPA-direct packet without its header") \
    X(VMBP_E_RING_RANGE_COUNT, 0x030B, "transfer-page or GPA-direct packet with zero ranges")  \
    X(VMBP_E_RING_RANGE_BOUNDS, 0x030C, "packet ranges extend past the packet")                \
    X(VMBP_E_RING_PENDING_SZ, 0x030D, "pending send size larger than the ring")                \
    X(VMBP_E_RING_EMPTY, 0x0401, "no packet available")                                        \
    X(VMBP_E_RING_FULL, 0x0402, "not enough free space in the ring")                           \
    X(VMBP_E_NOSPACE, 0x0403, "output buffer too small; the needed size is reported")          \
    X(VMBP_E_PENDING, 0x0404, "more input is needed to complete the object")                   \
    X(VMBP_E_RING_BATCH_FULL, 0x0405, "the unpublished batch fills the ring: commit it first") \
    X(VMBP_E_INVAL, 0x0501, "invalid argument")                                                \
    X(VMBP_E_STATE, 0x0502, "call not valid in the object's current state")                    \
    X(VMBP_E_UNSUPPORTED, 0x0503, "valid but not supported by this implementation")            \
    X(VMBP_E_MONITOR_PAGE, 0x0230,                                                             \
      "host-provided monitor pages unusable or in the wrong memory")                           \
    X(VMBP_E_SEQ_NO_REQUEST, 0x0601, "response to no pending request")                         \
    X(VMBP_E_SEQ_CONN_STATE, 0x0602, "not valid in the connection's current state")            \
    X(VMBP_E_SEQ_UNKNOWN_RELID, 0x0603, "names a channel not offered, or released")            \
    X(VMBP_E_SEQ_RELID_IN_USE, 0x0604, "offer reuses the ID of a live channel")                \
    X(VMBP_E_SEQ_DUPLICATE_OFFER, 0x0605, "second offer of a live instance and sub-channel")   \
    X(VMBP_E_SEQ_CHAN_STATE, 0x0606, "not valid in the channel's current state")               \
    X(VMBP_E_SEQ_RESCINDED, 0x0607, "the host has rescinded the channel")                      \
    X(VMBP_E_SEQ_NOT_RESCINDED, 0x0608, "release of a channel not rescinded")                  \
    X(VMBP_E_SEQ_OPEN_ID, 0x0609, "open result with another open ID")                          \
    X(VMBP_E_SEQ_UNKNOWN_GPADL, 0x060A, "names a GPADL not on that channel")                   \
    X(VMBP_E_SEQ_GPADL_HANDLE, 0x060B, "GPADL handle 0 or already in use")                     \
    X(VMBP_E_SEQ_GPADL_STATE, 0x060C, "GPADL pending, or the ring of a live open")             \
    X(VMBP_E_SEQ_GPADL_MEMORY, 0x060D, "GPADL memory not what the offer flags demand")         \
    X(VMBP_E_SEQ_PENDING, 0x060E, "a request of this kind is still pending")                   \
    X(VMBP_E_SEQ_PAUSED, 0x060F, "connection paused: only RESUME and UNLOAD")                  \
    X(VMBP_E_SEQ_VERSION_ORDER, 0x0610, "proposals not newest first, or not allowed here")     \
    X(VMBP_E_SEQ_UNTRUSTED, 0x0611, "untrusted message on a trusted connection")

/** @cond VMBP_INTERNAL */
/* Every row's enumerator has the row's value. */
#define VMBP_PRIV_STATUS_VALUE(e, value, text) &&(e) == (value)
VMBP_STATIC_ASSERT(1 VMBP_STATUS_LIST(VMBP_PRIV_STATUS_VALUE), vmbp_status_values);

/* The strings of each status, looked up by vmbp_priv_status_find(). */
struct vmbp_priv_status_row {
    uint16_t value;   /* the status */
    const char *name; /* "E_TRUNCATED" */
    const char *text; /* "buffer shorter than ..." */
    const char *str;  /* "E_TRUNCATED: buffer shorter than ..." */
};
#define VMBP_PRIV_STATUS_ROW(e, value, text)                                                   \
    {(value), VMBP_PRIV_NAME_AFTER("VMBP_", #e), text,                                         \
     VMBP_PRIV_NAME_AFTER("VMBP_", #e ": " text)},
static const struct vmbp_priv_status_row vmbp_priv_status_rows[] = {
    VMBP_STATUS_LIST(VMBP_PRIV_STATUS_ROW)};
/** @endcond */

/** @brief Band of a status: 0 (OK), 1 framing, 2 semantic, 3 ring, 4 flow, 5 caller,
 *  6 sequence. */
#define VMBP_STATUS_BAND(st) (((unsigned)(st) >> 8) & 0xFFu)

#if defined(__cplusplus)
extern "C" {
#endif

/** @cond VMBP_INTERNAL */
VMBP_INLINE const struct vmbp_priv_status_row *vmbp_priv_status_find(enum vmbp_status st)
{
    size_t i;

    for (i = 0; i < sizeof(vmbp_priv_status_rows) / sizeof(vmbp_priv_status_rows[0]); i++)
        if (vmbp_priv_status_rows[i].value == (unsigned)st)
            return &vmbp_priv_status_rows[i];
    return NULL;
}
/** @endcond */

/**
 * @brief Name and meaning of a status, e.g. `"E_TRUNCATED: buffer shorter than ..."`.
 * @param st any value; values not in the list give `"unknown status"`
 * @return a static string, never NULL
 */
VMBP_INLINE const char *vmbp_status_str(enum vmbp_status st)
{
    const struct vmbp_priv_status_row *row = vmbp_priv_status_find(st);

    return row ? row->str : "unknown status";
}

/**
 * @brief Name of a status without the prefix, e.g. `"E_TRUNCATED"`, for logs and JSON.
 * @param st any value
 * @return a static string; `"unknown"` for values not in the list
 */
VMBP_INLINE const char *vmbp_status_name(enum vmbp_status st)
{
    const struct vmbp_priv_status_row *row = vmbp_priv_status_find(st);

    return row ? row->name : "unknown";
}

/**
 * @brief Meaning of a status, e.g. `"buffer shorter than the object's minimum size"`.
 * @param st any value
 * @return a static string; `"unknown status"` for values not in the list
 */
VMBP_INLINE const char *vmbp_status_text(enum vmbp_status st)
{
    const struct vmbp_priv_status_row *row = vmbp_priv_status_find(st);

    return row ? row->text : "unknown status";
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
