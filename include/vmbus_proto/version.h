/* SPDX-License-Identifier: MIT */
/**
 * @file version.h
 * @brief VMBus protocol versions, the negotiated state, and every version-gated behaviour.
 *
 * A version is `(major << 16) | minor` (Linux `VMBUS_MAKE_VERSION`, OpenVMM
 * `make_version`). The guest proposes versions newest first in INITIATE_CONTACT until the
 * host accepts one (spec/version.md). Behaviour that depends on the version is asked of the
 * predicates below, never compared against literals in callers.
 *
 * Sources: Linux `include/linux/hyperv.h` and `drivers/hv/connection.c` (6.19), OpenVMM
 * `vm/devices/vmbus/vmbus_core/src/protocol.rs` and `vmbus_server/src/channels.rs`, mu_msvm
 * `MsvmPkg/VmbusDxe/ChannelMessages.h`.
 */
#ifndef VMBP_VERSION_H
#define VMBP_VERSION_H

#include "port.h"

/** @defgroup vmbp_version Protocol versions
 *  @brief The 11 VMBus versions, their names, negotiation order and gated behaviours.
 *  @{
 */

/** @brief Encode a protocol version: `(major << 16) | minor`. */
#define VMBP_MAKE_VERSION(major, minor) ((((uint32_t)(major)) << 16) | (uint32_t)(minor))
/** @brief Major part of a protocol version. */
#define VMBP_VERSION_MAJOR(v) ((uint32_t)(v) >> 16)
/** @brief Minor part of a protocol version. */
#define VMBP_VERSION_MINOR(v) ((uint32_t)(v)&0xFFFFu)

/**
 * @brief The versions, oldest first: `X(enumerator, major, minor, Windows, Linux, OpenVMM)`.
 *
 * The Windows column is the release that introduced the version; the Linux and OpenVMM
 * columns are the names those projects give it (Linux does not support 0.13 and 1.1).
 */
#define VMBP_VERSION_LIST(X)                                                                   \
    X(VMBP_VERSION_0_13, 0, 13, "Windows Server 2008", "VERSION_WS2008", "V1")                 \
    X(VMBP_VERSION_1_1, 1, 1, "Windows 7 / Server 2008 R2", "VERSION_WIN7", "Win7")            \
    X(VMBP_VERSION_2_4, 2, 4, "Windows 8 / Server 2012", "VERSION_WIN8", "Win8")               \
    X(VMBP_VERSION_3_0, 3, 0, "Windows 8.1 / Server 2012 R2", "VERSION_WIN8_1", "Win8_1")      \
    X(VMBP_VERSION_4_0, 4, 0, "Windows 10", "VERSION_WIN10", "Win10")                          \
    X(VMBP_VERSION_4_1, 4, 1, "Windows 10 RS3", "VERSION_WIN10_V4_1", "Win10Rs3_0")            \
    X(VMBP_VERSION_5_0, 5, 0, "Windows 10 RS3 (multiclient)", "VERSION_WIN10_V5",              \
      "Win10Rs3_1")                                                                            \
    X(VMBP_VERSION_5_1, 5, 1, "Windows 10 RS4", "VERSION_WIN10_V5_1", "Win10Rs4")              \
    X(VMBP_VERSION_5_2, 5, 2, "Windows Server 2019 (RS5)", "VERSION_WIN10_V5_2", "Win10Rs5")   \
    X(VMBP_VERSION_5_3, 5, 3, "Windows Server 2022 (Iron)", "VERSION_WIN10_V5_3", "Iron")      \
    X(VMBP_VERSION_6_0, 6, 0, "Copper (Confidential VMBus)", "VERSION_WIN10_V6_0", "Copper")

/** @brief The protocol versions as constants, oldest first (VMBP_VERSION_LIST() order). */
enum vmbp_version {
    VMBP_VERSION_0_13 = 0x0000000D, /**< Windows Server 2008 */
    VMBP_VERSION_1_1 = 0x00010001,  /**< Windows 7 / Server 2008 R2 */
    VMBP_VERSION_2_4 = 0x00020004,  /**< Windows 8 / Server 2012 */
    VMBP_VERSION_3_0 = 0x00030000,  /**< Windows 8.1 / Server 2012 R2 */
    VMBP_VERSION_4_0 = 0x00040000,  /**< Windows 10 */
    VMBP_VERSION_4_1 = 0x00040001,  /**< Windows 10 RS3 */
    VMBP_VERSION_5_0 = 0x00050000,  /**< Windows 10 RS3 (multiclient) */
    VMBP_VERSION_5_1 = 0x00050001,  /**< Windows 10 RS4 */
    VMBP_VERSION_5_2 = 0x00050002,  /**< Windows Server 2019 (RS5) */
    VMBP_VERSION_5_3 = 0x00050003,  /**< Windows Server 2022 (Iron) */
    VMBP_VERSION_6_0 = 0x00060000,  /**< Copper (Confidential VMBus) */
    /** The newest version this library implements. */
    VMBP_VERSION_LATEST = VMBP_VERSION_6_0
};

/** @cond VMBP_INTERNAL */
/* Every row's enumerator has the row's major and minor. */
#define VMBP_PRIV_VERSION_VALUE(e, maj, min, win, lnx, ovmm)                                   \
    &&(e) == VMBP_MAKE_VERSION(maj, min)
VMBP_STATIC_ASSERT(1 VMBP_VERSION_LIST(VMBP_PRIV_VERSION_VALUE), vmbp_version_values);
#define VMBP_PRIV_VERSION_COUNT(e, maj, min, win, lnx, ovmm) +1
/** @endcond */

/** @brief Number of known protocol versions (11). */
#define VMBP_VERSION_COUNT (0 VMBP_VERSION_LIST(VMBP_PRIV_VERSION_COUNT))

/** @cond VMBP_INTERNAL */
/* The versions, oldest first, with their names (vmbp_priv_version_find()). */
struct vmbp_priv_version_row {
    uint32_t version;
    const char *windows;
    const char *linux_name;
    const char *openvmm;
};
#define VMBP_PRIV_VERSION_ROW(e, maj, min, win, lnx, ovmm)                                     \
    {VMBP_MAKE_VERSION(maj, min), win, lnx, ovmm},
/* The versions as bits for vmbp_version_is_known(): bit major * 5 + minor of those with a
 * minor of at most 4 (all but 0.13, and the assertion below keeps them below bit 60), and
 * a comparison for each of the others. */
#define VMBP_PRIV_VERSION_BIT(e, maj, min, win, lnx, ovmm)                                     \
    | ((min) <= 4u ? (uint64_t)1u << ((maj)*5u + (min)) : (uint64_t)0u)
#define VMBP_PRIV_VERSION_BITS ((uint64_t)0u VMBP_VERSION_LIST(VMBP_PRIV_VERSION_BIT))
#define VMBP_PRIV_VERSION_ODD(e, maj, min, win, lnx, ovmm)                                     \
    || ((min) > 4u && v == VMBP_MAKE_VERSION(maj, min))
#define VMBP_PRIV_VERSION_SMALL(e, maj, min, win, lnx, ovmm) &&((min) > 4u || (maj) <= 11u)
VMBP_STATIC_ASSERT(1 VMBP_VERSION_LIST(VMBP_PRIV_VERSION_SMALL), vmbp_version_bits_fit);
static const struct vmbp_priv_version_row vmbp_priv_versions[] = {
    VMBP_VERSION_LIST(VMBP_PRIV_VERSION_ROW)};
/** @endcond */

VMBP_STATIC_ASSERT(VMBP_VERSION_COUNT == 11, vmbp_version_count);
VMBP_STATIC_ASSERT(VMBP_VERSION_0_13 == 0x0000000D, vmbp_version_0_13_value);
VMBP_STATIC_ASSERT(VMBP_VERSION_6_0 == 0x00060000, vmbp_version_6_0_value);

/**
 * @brief Message connection ID of the pre-5.0 contact and, before 5.0, of every guest
 * message (Linux `VMBUS_MESSAGE_CONNECTION_ID`, OpenVMM `MESSAGE_CONNECTION_ID`).
 */
#define VMBP_MESSAGE_CONNECTION_ID 1u
/**
 * @brief Message connection ID of INITIATE_CONTACT from 5.0, the "multiclient" port (Linux
 * `VMBUS_MESSAGE_CONNECTION_ID_4`, OpenVMM `MULTICLIENT_MESSAGE_CONNECTION_ID`). An old
 * host refuses it with HV_STATUS_INVALID_CONNECTION_ID, and the guest falls back.
 */
#define VMBP_MESSAGE_CONNECTION_ID_MULTICLIENT 4u

/**
 * @brief The negotiated state of a connection, as far as message validation needs it.
 *
 * Fill it from the accepted VERSION_RESPONSE: @c version is the version the guest proposed
 * and the host accepted, @c features the intersection of requested and host-supported
 * feature flags (vmbp_features_negotiate() in features.h). A zero @c version means "not yet
 * negotiated": only the contact messages are valid then.
 */
struct vmbp_ctx {
    uint32_t version;  /**< negotiated `VMBP_VERSION_*`, or 0 before negotiation */
    uint32_t features; /**< negotiated `VMBP_FEATURE_*` mask (0 below 6.0) */
};

#if defined(__cplusplus)
extern "C" {
#endif

/** @cond VMBP_INTERNAL */
VMBP_INLINE const struct vmbp_priv_version_row *vmbp_priv_version_find(uint32_t v)
{
    size_t i;

    for (i = 0; i < (size_t)VMBP_VERSION_COUNT; i++)
        if (vmbp_priv_versions[i].version == v)
            return &vmbp_priv_versions[i];
    return NULL;
}
/** @endcond */

/**
 * @brief Whether @p v is one of the 11 known protocol versions.
 * @param v version as on the wire
 * @return true for a known version
 */
VMBP_INLINE bool vmbp_version_is_known(uint32_t v)
{
    uint32_t major = VMBP_VERSION_MAJOR(v), minor = VMBP_VERSION_MINOR(v);

    /* every decoder asks this of the negotiated version: a bit test, not a search */
    if (minor <= 4u && major <= 11u)
        return ((VMBP_PRIV_VERSION_BITS >> (major * 5u + minor)) & 1u) != 0;
    return 0 VMBP_VERSION_LIST(VMBP_PRIV_VERSION_ODD);
}

/**
 * @brief The Windows release that introduced a version, e.g. "Windows 8.1 / Server 2012 R2".
 * @param v version
 * @return a static string; "unknown" for versions not in the list
 */
VMBP_INLINE const char *vmbp_version_windows_name(uint32_t v)
{
    const struct vmbp_priv_version_row *row = vmbp_priv_version_find(v);

    return row ? row->windows : "unknown";
}

/**
 * @brief The Linux name of a version, e.g. "VERSION_WIN8_1".
 * @param v version
 * @return a static string; "unknown" for versions not in the list
 */
VMBP_INLINE const char *vmbp_version_linux_name(uint32_t v)
{
    const struct vmbp_priv_version_row *row = vmbp_priv_version_find(v);

    return row ? row->linux_name : "unknown";
}

/**
 * @brief The OpenVMM name of a version, e.g. "Copper".
 * @param v version
 * @return a static string; "unknown" for versions not in the list
 */
VMBP_INLINE const char *vmbp_version_openvmm_name(uint32_t v)
{
    const struct vmbp_priv_version_row *row = vmbp_priv_version_find(v);

    return row ? row->openvmm : "unknown";
}

/**
 * @brief Negotiation order: the @p i-th version a guest proposes (0 = newest, 6.0).
 *
 * A guest sends INITIATE_CONTACT with version 0, and on refusal tries the next one
 * (spec/version.md, VMBP-VER-002). Callers skip versions they do not support: Linux stops
 * at 2.4, mu_msvm only tries 6.0 and 3.0, an isolated guest stops at 5.2.
 * @param i index, 0 <= i < VMBP_VERSION_COUNT
 * @return the version, or 0 when @p i is past the oldest
 */
VMBP_INLINE uint32_t vmbp_version_proposal(unsigned i)
{
    if (i >= (unsigned)VMBP_VERSION_COUNT)
        return 0;
    return vmbp_priv_versions[(unsigned)VMBP_VERSION_COUNT - 1u - i].version;
}

/**
 * @brief Below 5.0, INITIATE_CONTACT carries the guest's interrupt page (offset 16) and is
 * posted to message connection ID 1; from 5.0 the same 8 bytes carry the target SINT, VTL
 * and (6.0) feature flags.
 * @param v negotiated or proposed version
 * @return true if the interrupt-page form applies
 */
VMBP_INLINE bool vmbp_version_has_interrupt_page(uint32_t v)
{
    return v < (uint32_t)VMBP_VERSION_5_0;
}

/**
 * @brief From 5.0 the guest names the SINT for host messages in INITIATE_CONTACT, posts it
 * to connection ID 4, and VERSION_RESPONSE carries the message connection ID the guest uses
 * from then on (Linux `msg_conn_id`; OpenVMM honours the SINT on the multiclient port).
 * @param v negotiated or proposed version
 * @return true from 5.0
 */
VMBP_INLINE bool vmbp_version_has_target_sint(uint32_t v)
{
    return v >= (uint32_t)VMBP_VERSION_5_0;
}

/**
 * @brief The target VTL of INITIATE_CONTACT is honoured from 5.1 (OpenVMM
 * `channels.rs`: "Win10Rs4"); Linux writes it from 5.0, and 5.0 hosts ignore it.
 * @param v negotiated or proposed version
 * @return true from 5.1
 */
VMBP_INLINE bool vmbp_version_has_target_vtl(uint32_t v)
{
    return v >= (uint32_t)VMBP_VERSION_5_1;
}

/**
 * @brief The connection ID a guest posts INITIATE_CONTACT to: 4 from 5.0, else 1.
 * @param v proposed version
 * @return VMBP_MESSAGE_CONNECTION_ID_MULTICLIENT or VMBP_MESSAGE_CONNECTION_ID
 */
VMBP_INLINE uint32_t vmbp_version_contact_connection_id(uint32_t v)
{
    return vmbp_version_has_target_sint(v) ? VMBP_MESSAGE_CONNECTION_ID_MULTICLIENT
                                           : VMBP_MESSAGE_CONNECTION_ID;
}

/**
 * @brief From 2.4 every channel has a dedicated interrupt; below it the host signals through
 * the shared interrupt page (OpenVMM `channels.rs`, QEMU `vmbus.c`).
 * @param v negotiated version
 * @return true from 2.4
 */
VMBP_INLINE bool vmbp_version_has_dedicated_interrupts(uint32_t v)
{
    return v >= (uint32_t)VMBP_VERSION_2_4;
}

/**
 * @brief From 3.0 the host honours INITIATE_CONTACT's target VP (before, messages go to
 * VP 0), and UNLOAD followed by a new connection works (Linux: "Pre-Win2012R2 hosts don't
 * support reconnect").
 * @param v negotiated version
 * @return true from 3.0
 */
VMBP_INLINE bool vmbp_version_has_reconnect(uint32_t v)
{
    return v >= (uint32_t)VMBP_VERSION_3_0;
}

/**
 * @brief MODIFY_CHANNEL (retargeting a channel's interrupt VP) exists from 4.1.
 * @param v negotiated version
 * @return true from 4.1
 */
VMBP_INLINE bool vmbp_version_has_modify_channel(uint32_t v)
{
    return v >= (uint32_t)VMBP_VERSION_4_1;
}

/**
 * @brief From 5.3 the host acknowledges every MODIFY_CHANNEL with MODIFY_CHANNEL_RESPONSE;
 * before, it never does, and a guest must not wait for it.
 * @param v negotiated version
 * @return true from 5.3
 */
VMBP_INLINE bool vmbp_version_has_modify_channel_response(uint32_t v)
{
    return v >= (uint32_t)VMBP_VERSION_5_3;
}

/**
 * @brief A guest in a hardware-isolated VM (SNP, TDX) refuses versions below 5.2 (Linux
 * `vmbus_connect`: "Invalid VMBus version ... from the host supporting isolation").
 * @param v negotiated version
 * @return true from 5.2
 */
VMBP_INLINE bool vmbp_version_ok_for_isolated_vm(uint32_t v)
{
    return v >= (uint32_t)VMBP_VERSION_5_2;
}

/**
 * @brief Feature-flag negotiation exists from 6.0: INITIATE_CONTACT carries requested flags,
 * VERSION_RESPONSE the host's supported flags. Below 6.0 the negotiated set is empty.
 * @param v negotiated version
 * @return true from 6.0
 */
VMBP_INLINE bool vmbp_version_has_feature_flags(uint32_t v)
{
    return v >= (uint32_t)VMBP_VERSION_6_0;
}

/**
 * @brief Confidential channels (offer flags 0x2/0x4 with their 6.0 meaning) exist from 6.0,
 * and only when feature `VMBP_FEATURE_CONFIDENTIAL_CHANNELS` is negotiated too.
 * @param v negotiated version
 * @return true from 6.0
 */
VMBP_INLINE bool vmbp_version_has_confidential_channels(uint32_t v)
{
    return v >= (uint32_t)VMBP_VERSION_6_0;
}

/**
 * @brief MODIFY_CONNECTION and its response exist from 6.0 (with feature
 * `VMBP_FEATURE_MODIFY_CONNECTION`).
 * @param v negotiated version
 * @return true from 6.0
 */
VMBP_INLINE bool vmbp_version_has_modify_connection(uint32_t v)
{
    return v >= (uint32_t)VMBP_VERSION_6_0;
}

/**
 * @brief PAUSE, PAUSE_RESPONSE and RESUME exist from 6.0 (with feature
 * `VMBP_FEATURE_PAUSE_RESUME`).
 * @param v negotiated version
 * @return true from 6.0
 */
VMBP_INLINE bool vmbp_version_has_pause_resume(uint32_t v)
{
    return v >= (uint32_t)VMBP_VERSION_6_0;
}

#if defined(__cplusplus)
}
#endif

/** @} */

#endif /* VMBP_VERSION_H */
