/* SPDX-License-Identifier: MIT */
/**
 * @file features.h
 * @brief VMBus 6.0 feature flags, channel offer flags, and the checks that tie them to the
 * negotiated state.
 *
 * Feature flags (a 32-bit word) are negotiated once per connection from 6.0: the guest
 * requests them in INITIATE_CONTACT, the host answers with the flags it supports in
 * VERSION_RESPONSE, and the negotiated set is the intersection. Offer flags (a 16-bit word
 * in OFFER_CHANNEL) describe one channel; two of them, confidential ring buffer (0x2) and
 * confidential external memory (0x4), only mean that when the feature confidential channels
 * (0x10) was negotiated. Before 6.0 the same two bits were "server supports transfer pages"
 * and "server supports GPADLs", which QEMU still lists and no current guest reads.
 *
 * Sources: OpenVMM `vm/devices/vmbus/vmbus_core/src/protocol.rs` (`FeatureFlags`,
 * `OfferFlags`), mu_msvm `MsvmPkg/VmbusDxe/ChannelMessages.h`, Linux `include/linux/hyperv.h`
 * (`VMBUS_CHANNEL_*`, `VMBUS_FEATURE_FLAG_CONFIDENTIAL_CHANNELS`) and
 * `drivers/hv/channel_mgmt.c` (`vmbus_onoffer`), QEMU `include/hw/hyperv/vmbus-proto.h`.
 */
#ifndef VMBP_FEATURES_H
#define VMBP_FEATURES_H

#include "port.h"
#include "status.h"
#include "version.h"

/** @defgroup vmbp_features Feature and offer flags
 *  @brief Connection feature flags (6.0), channel offer flags, negotiation and checks.
 *  @{
 */

/**
 * @brief Feature flags: `X(VMBP_FEATURE_<NAME>, mask, OpenVMM name, meaning)`.
 *
 * mu_msvm uses the same names in upper case with a `VMBUS_FEATURE_FLAG_` prefix; Linux 6.19
 * defines only `VMBUS_FEATURE_FLAG_CONFIDENTIAL_CHANNELS`.
 */
#define VMBP_FEATURE_LIST(X)                                                                   \
    X(VMBP_FEATURE_GUEST_SPECIFIED_SIGNAL_PARAMETERS, 0x01u,                                   \
      "guest_specified_signal_parameters",                                                     \
      "the guest chooses the connection ID and event flag in OPEN_CHANNEL (156-byte form)")    \
    X(VMBP_FEATURE_CHANNEL_INTERRUPT_REDIRECTION, 0x02u, "channel_interrupt_redirection",      \
      "OPEN_CHANNEL may set the redirect-interrupt open flag")                                 \
    X(VMBP_FEATURE_MODIFY_CONNECTION, 0x04u, "modify_connection",                              \
      "MODIFY_CONNECTION and MODIFY_CONNECTION_RESPONSE may be sent")                          \
    X(VMBP_FEATURE_CLIENT_ID, 0x08u, "client_id",                                              \
      "INITIATE_CONTACT carries a client ID (56-byte form)")                                   \
    X(VMBP_FEATURE_CONFIDENTIAL_CHANNELS, 0x10u, "confidential_channels",                      \
      "offers may use the confidential ring buffer and external memory flags")                 \
    X(VMBP_FEATURE_PAUSE_RESUME, 0x20u, "pause_resume",                                        \
      "PAUSE, PAUSE_RESPONSE and RESUME may be sent")                                          \
    X(VMBP_FEATURE_SERVER_SPECIFIED_MONITOR_PAGES, 0x40u, "server_specified_monitor_pages",    \
      "the host may provide the monitor pages (40-byte VERSION_RESPONSE)")                     \
    X(VMBP_FEATURE_GPA_PINNING, 0x80u, "gpa_pinning",                                          \
      "offers may require pinned external memory (offer flag 0x8)")

/** @brief Feature flag masks, in VMBP_FEATURE_LIST() order. */
enum vmbp_feature {
    VMBP_FEATURE_GUEST_SPECIFIED_SIGNAL_PARAMETERS = 0x01, /**< guest-chosen connection ID */
    VMBP_FEATURE_CHANNEL_INTERRUPT_REDIRECTION = 0x02,     /**< redirect-interrupt open flag */
    VMBP_FEATURE_MODIFY_CONNECTION = 0x04,                 /**< MODIFY_CONNECTION messages */
    VMBP_FEATURE_CLIENT_ID = 0x08,                         /**< 56-byte INITIATE_CONTACT */
    VMBP_FEATURE_CONFIDENTIAL_CHANNELS = 0x10,             /**< confidential offer flags */
    VMBP_FEATURE_PAUSE_RESUME = 0x20,                      /**< PAUSE, RESUME messages */
    VMBP_FEATURE_SERVER_SPECIFIED_MONITOR_PAGES = 0x40,    /**< host-provided monitor pages */
    VMBP_FEATURE_GPA_PINNING = 0x80                        /**< pinned external memory */
};

/** @cond VMBP_INTERNAL */
/* Every row's enumerator has the row's mask. */
#define VMBP_PRIV_FEATURE_VALUE(e, mask, ovmm, text) &&(e) == (mask)
VMBP_STATIC_ASSERT(1 VMBP_FEATURE_LIST(VMBP_PRIV_FEATURE_VALUE), vmbp_feature_values);
#define VMBP_PRIV_FEATURE_OR(e, mask, ovmm, text) | (mask)
/** @endcond */

/** @brief Every feature flag this library knows (0xFF). */
#define VMBP_FEATURES_KNOWN (0u VMBP_FEATURE_LIST(VMBP_PRIV_FEATURE_OR))

VMBP_STATIC_ASSERT(VMBP_FEATURES_KNOWN == 0xFFu, vmbp_features_known);

/**
 * @brief Channel offer flags (OFFER_CHANNEL, 16 bits): `X(VMBP_OFFER_FLAG_<NAME>, mask, meaning)`.
 *
 * Linux names them `VMBUS_CHANNEL_<NAME>` (the two confidential ones since 6.19); OpenVMM
 * `OfferFlags` uses the same names in lower case, `tlnpi_provider` for the hv_sock flag and
 * leaves 0x100-0x400 reserved; mu_msvm defines 0x1, 0x2, 0x4, 0x10 and 0x2000.
 */
#define VMBP_OFFER_FLAG_LIST(X)                                                                \
    X(VMBP_OFFER_FLAG_ENUMERATE_DEVICE_INTERFACE, 0x0001u, "enumerate the device interface")   \
    X(VMBP_OFFER_FLAG_CONFIDENTIAL_RING_BUFFER, 0x0002u,                                       \
      "the ring buffer must be in encrypted memory (6.0 with confidential channels)")          \
    X(VMBP_OFFER_FLAG_CONFIDENTIAL_EXTERNAL_MEMORY, 0x0004u,                                   \
      "additional GPADLs and GPA-direct ranges must be encrypted (6.0 with confidential "      \
      "channels)")                                                                             \
    X(VMBP_OFFER_FLAG_REQUIRE_PINNED_EXTERNAL_MEMORY, 0x0008u,                                 \
      "additional GPADLs and GPA-direct ranges must be pinned (6.0 with GPA pinning)")         \
    X(VMBP_OFFER_FLAG_NAMED_PIPE_MODE, 0x0010u,                                                \
      "named pipe channel: user data holds pipe parameters")                                   \
    X(VMBP_OFFER_FLAG_LOOPBACK_OFFER, 0x0100u, "loopback offer")                               \
    X(VMBP_OFFER_FLAG_PARENT_OFFER, 0x0200u, "parent offer")                                   \
    X(VMBP_OFFER_FLAG_REQUEST_MONITORED_NOTIFICATION, 0x0400u,                                 \
      "request monitored notification")                                                        \
    X(VMBP_OFFER_FLAG_TLNPI_PROVIDER, 0x2000u, "hv_sock (transport-layer named pipe) offer")

/** @brief Offer flag masks, in VMBP_OFFER_FLAG_LIST() order. */
enum vmbp_offer_flag {
    VMBP_OFFER_FLAG_ENUMERATE_DEVICE_INTERFACE = 0x0001,     /**< enumerate the interface */
    VMBP_OFFER_FLAG_CONFIDENTIAL_RING_BUFFER = 0x0002,       /**< ring in encrypted memory */
    VMBP_OFFER_FLAG_CONFIDENTIAL_EXTERNAL_MEMORY = 0x0004,   /**< external memory encrypted */
    VMBP_OFFER_FLAG_REQUIRE_PINNED_EXTERNAL_MEMORY = 0x0008, /**< external memory pinned */
    VMBP_OFFER_FLAG_NAMED_PIPE_MODE = 0x0010,                /**< pipe overlay in user data */
    VMBP_OFFER_FLAG_LOOPBACK_OFFER = 0x0100,                 /**< loopback offer */
    VMBP_OFFER_FLAG_PARENT_OFFER = 0x0200,                   /**< parent offer */
    VMBP_OFFER_FLAG_REQUEST_MONITORED_NOTIFICATION = 0x0400, /**< monitored notification */
    VMBP_OFFER_FLAG_TLNPI_PROVIDER = 0x2000                  /**< hv_sock offer */
};

/** @cond VMBP_INTERNAL */
/* Every row's enumerator has the row's mask. */
#define VMBP_PRIV_OFFER_FLAG_VALUE(e, mask, text) &&(e) == (mask)
VMBP_STATIC_ASSERT(1 VMBP_OFFER_FLAG_LIST(VMBP_PRIV_OFFER_FLAG_VALUE), vmbp_offer_flag_values);
#define VMBP_PRIV_OFFER_FLAG_OR(e, mask, text) | (mask)

/* Names of the feature and offer flags, for vmbp_feature_name() and vmbp_offer_flag_name(). */
struct vmbp_priv_flag_name {
    uint32_t mask;
    const char *name;
};
#define VMBP_PRIV_FEATURE_NAME(e, mask, ovmm, text)                                            \
    {(mask), VMBP_PRIV_NAME_AFTER("VMBP_FEATURE_", #e)},
static const struct vmbp_priv_flag_name vmbp_priv_feature_names[] = {
    VMBP_FEATURE_LIST(VMBP_PRIV_FEATURE_NAME)};
#define VMBP_PRIV_OFFER_FLAG_NAME(e, mask, text)                                               \
    {(mask), VMBP_PRIV_NAME_AFTER("VMBP_OFFER_FLAG_", #e)},
static const struct vmbp_priv_flag_name vmbp_priv_offer_flag_names[] = {
    VMBP_OFFER_FLAG_LIST(VMBP_PRIV_OFFER_FLAG_NAME)};
/** @endcond */

/** @brief Every offer flag this library knows (0x271F). */
#define VMBP_OFFER_FLAGS_KNOWN (0u VMBP_OFFER_FLAG_LIST(VMBP_PRIV_OFFER_FLAG_OR))

/** @brief The two flags whose meaning changed in 6.0. */
#define VMBP_OFFER_FLAGS_CONFIDENTIAL                                                          \
    ((unsigned)VMBP_OFFER_FLAG_CONFIDENTIAL_RING_BUFFER |                                      \
     (unsigned)VMBP_OFFER_FLAG_CONFIDENTIAL_EXTERNAL_MEMORY)

/**
 * @brief Pre-6.0 meaning of offer flag 0x2: "server supports transfer pages" (QEMU, Linux
 * before 6.19 `VMBUS_CHANNEL_SERVER_SUPPORTS_TRANSFER_PAGES`). No guest acts on it.
 */
#define VMBP_OFFER_FLAG_LEGACY_SERVER_SUPPORTS_TRANSFER_PAGES                                  \
    ((unsigned)VMBP_OFFER_FLAG_CONFIDENTIAL_RING_BUFFER)
/**
 * @brief Pre-6.0 meaning of offer flag 0x4: "server supports GPADLs" (QEMU, Linux before
 * 6.19 `VMBUS_CHANNEL_SERVER_SUPPORTS_GPADLS`). No guest acts on it.
 */
#define VMBP_OFFER_FLAG_LEGACY_SERVER_SUPPORTS_GPADLS                                          \
    ((unsigned)VMBP_OFFER_FLAG_CONFIDENTIAL_EXTERNAL_MEMORY)

VMBP_STATIC_ASSERT(VMBP_OFFER_FLAGS_KNOWN == 0x271Fu, vmbp_offer_flags_known);

#if defined(__cplusplus)
extern "C" {
#endif

/**
 * @brief The negotiated feature set: what the guest requested and the host supports,
 * limited to known flags; empty below 6.0.
 *
 * OpenVMM's host computes it the same way (`channels.rs`); mu_msvm ANDs its request with the
 * response's `SupportedFeatures`.
 * @param version   negotiated version
 * @param requested flags the guest sent in INITIATE_CONTACT
 * @param supported flags the host returned in VERSION_RESPONSE
 * @return the `VMBP_FEATURE_*` mask both sides may rely on
 */
VMBP_INLINE uint32_t vmbp_features_negotiate(uint32_t version, uint32_t requested,
                                             uint32_t supported)
{
    if (!vmbp_version_has_feature_flags(version))
        return 0;
    return requested & supported & VMBP_FEATURES_KNOWN;
}

/**
 * @brief Whether a feature is usable on a connection: version 6.0 or later and negotiated.
 * @param ctx     negotiated state
 * @param feature one `VMBP_FEATURE_*` mask
 * @return true if every bit of @p feature is negotiated
 */
VMBP_INLINE bool vmbp_ctx_has_feature(const struct vmbp_ctx *ctx, uint32_t feature)
{
    return vmbp_version_has_feature_flags(ctx->version) && feature != 0 &&
           (ctx->features & feature) == feature;
}

/**
 * @brief Check an offer's flags against the negotiated state (spec/features.md).
 *
 * - Confidential ring buffer or confidential external memory is accepted only on a 6.0
 *   connection with confidential channels negotiated (Linux `vmbus_onoffer` drops such an
 *   offer; OpenVMM's host never sends it). mu_msvm instead masks these bits out on older
 *   connections; a caller preferring that may clear them before calling.
 * - Confidential external memory without the confidential ring buffer is rejected (Linux:
 *   "the ring buffer isn't encrypted").
 * - Require pinned external memory is accepted only with GPA pinning negotiated (OpenVMM's
 *   host clears it otherwise).
 * Flags this library does not know are ignored, as every peer does.
 * @param flags offer flags from OFFER_CHANNEL
 * @param ctx   negotiated state
 * @return VMBP_OK, VMBP_E_CONFIDENTIAL, VMBP_E_CONFIDENTIAL_EXT or VMBP_E_FEATURE
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_offer_flags_check(uint16_t flags,
                                                                    const struct vmbp_ctx *ctx)
{
    if ((flags & VMBP_OFFER_FLAGS_CONFIDENTIAL) != 0 &&
        !vmbp_ctx_has_feature(ctx, (uint32_t)VMBP_FEATURE_CONFIDENTIAL_CHANNELS))
        return VMBP_E_CONFIDENTIAL;
    if ((flags & (uint16_t)VMBP_OFFER_FLAG_CONFIDENTIAL_EXTERNAL_MEMORY) != 0 &&
        (flags & (uint16_t)VMBP_OFFER_FLAG_CONFIDENTIAL_RING_BUFFER) == 0)
        return VMBP_E_CONFIDENTIAL_EXT;
    if ((flags & (uint16_t)VMBP_OFFER_FLAG_REQUIRE_PINNED_EXTERNAL_MEMORY) != 0 &&
        !vmbp_ctx_has_feature(ctx, (uint32_t)VMBP_FEATURE_GPA_PINNING))
        return VMBP_E_FEATURE;
    return VMBP_OK;
}

/** @cond VMBP_INTERNAL */
VMBP_INLINE const char *vmbp_priv_flag_lookup(const struct vmbp_priv_flag_name *tab, size_t n,
                                              uint32_t mask)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (tab[i].mask == mask)
            return tab[i].name;
    return NULL;
}
/** @endcond */

/**
 * @brief Name of one feature flag, e.g. "CONFIDENTIAL_CHANNELS".
 * @param mask a single `VMBP_FEATURE_*` bit
 * @return a static string; NULL for bits this library does not know
 */
VMBP_INLINE const char *vmbp_feature_name(uint32_t mask)
{
    return vmbp_priv_flag_lookup(
        vmbp_priv_feature_names,
        sizeof(vmbp_priv_feature_names) / sizeof(vmbp_priv_feature_names[0]), mask);
}

/**
 * @brief Name of one offer flag, e.g. "NAMED_PIPE_MODE".
 * @param mask a single `VMBP_OFFER_FLAG_*` bit
 * @return a static string; NULL for bits this library does not know
 */
VMBP_INLINE const char *vmbp_offer_flag_name(uint16_t mask)
{
    return vmbp_priv_flag_lookup(
        vmbp_priv_offer_flag_names,
        sizeof(vmbp_priv_offer_flag_names) / sizeof(vmbp_priv_offer_flag_names[0]), mask);
}

#if defined(__cplusplus)
}
#endif

/** @} */

#endif /* VMBP_FEATURES_H */
