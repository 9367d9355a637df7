/* SPDX-License-Identifier: MIT */
/**
 * @file devices.h
 * @brief Well-known VMBus device classes (the `interface_type` GUID of an offer) and the
 * classes guests accept in hardware-isolated (SNP, TDX) VMs.
 *
 * Sources: Linux `include/linux/hyperv.h` (`HV_*_GUID`) and `drivers/hv/channel_mgmt.c`
 * (`vmbus_devs[]`: `allowed_in_isolated`; `vmbus_unsupported_devs[]`); mu_msvm
 * `MsvmPkg/MsvmPkg.dec` and `MsvmPkg/VmbusDxe/VmbusRoot.c` (`gAllowedGuids`); OpenVMM
 * `vm/devices/vmbus/vmbus_core/src/protocol.rs` (`OfferChannel::inspect_extra`).
 * Specification: spec/devices.md.
 */
#ifndef VMBP_DEVICES_H
#define VMBP_DEVICES_H

#include "features.h"
#include "msg.h"
#include "port.h"

/** @defgroup vmbp_devices Device classes
 *  @brief Class GUIDs, names, and the isolated-VM allow lists.
 *  @{
 */

/**
 * @brief The device classes: `X(VMBP_DEVICE_<NAME>, "name", d1, d2, d3, b0..b7,
 * linux_isolated, msvm_isolated, "source name")`.
 *
 * @c linux_isolated: Linux accepts the class in an isolated VM (`allowed_in_isolated`);
 * @c msvm_isolated: mu_msvm's UEFI firmware does (`gAllowedGuids`, VMBFS only with
 * `PcdEnableIMCWhenIsolated`, counted as 0 here). The source name is Linux's macro where
 * Linux has one, else mu_msvm's.
 */
#define VMBP_DEVICE_LIST(X)                                                                    \
    X(VMBP_DEVICE_IDE, "ide", 0x32412632, 0x86cb, 0x44a2, 0x9b, 0x5c, 0x50, 0xd1, 0x41, 0x73,  \
      0x54, 0xf5, 0, 0, "HV_IDE_GUID")                                                         \
    X(VMBP_DEVICE_SCSI, "scsi", 0xba6163d9, 0x04a1, 0x4d29, 0xb6, 0x05, 0x72, 0xe2, 0xff,      \
      0xb1, 0xdc, 0x7f, 1, 1, "HV_SCSI_GUID")                                                  \
    X(VMBP_DEVICE_FC, "fc", 0x2f9bcc4a, 0x0069, 0x4af3, 0xb7, 0x6b, 0x6f, 0xd0, 0xbe, 0x52,    \
      0x8c, 0xda, 0, 0, "HV_SYNTHFC_GUID")                                                     \
    X(VMBP_DEVICE_NIC, "nic", 0xf8615163, 0xdf3e, 0x46c5, 0x91, 0x3f, 0xf2, 0xd2, 0xf9, 0x65,  \
      0xed, 0x0e, 1, 1, "HV_NIC_GUID")                                                         \
    X(VMBP_DEVICE_ND, "nd", 0x8c2eaf3d, 0x32a7, 0x4b09, 0xab, 0x99, 0xbd, 0x1f, 0x1c, 0x86,    \
      0xb5, 0x01, 0, 0, "HV_ND_GUID")                                                          \
    X(VMBP_DEVICE_PCIE, "pcie", 0x44c4f61d, 0x4444, 0x4400, 0x9d, 0x52, 0x80, 0x2e, 0x27,      \
      0xed, 0xe1, 0x9f, 1, 1, "HV_PCIE_GUID")                                                  \
    X(VMBP_DEVICE_FRAMEBUFFER, "framebuffer", 0xda0a7802, 0xe377, 0x4aac, 0x8e, 0x77, 0x05,    \
      0x58, 0xeb, 0x10, 0x73, 0xf8, 0, 0, "HV_SYNTHVID_GUID")                                  \
    X(VMBP_DEVICE_VIDEO_3D, "video_3d", 0x113560ea, 0x48cd, 0x4bd1, 0x88, 0x28, 0xfc, 0xec,    \
      0x44, 0xe2, 0xb5, 0xd5, 0, 0, "gSynthetic3dVideoClassGuid")                              \
    X(VMBP_DEVICE_KEYBOARD, "keyboard", 0xf912ad6d, 0x2b17, 0x48ea, 0xbd, 0x65, 0xf9, 0x27,    \
      0xa6, 0x1c, 0x76, 0x84, 0, 0, "HV_KBD_GUID")                                             \
    X(VMBP_DEVICE_MOUSE, "mouse", 0xcfa8b69e, 0x5b4a, 0x4cc0, 0xb9, 0x8b, 0x8b, 0xa1, 0xa1,    \
      0xf3, 0xf9, 0x5a, 0, 0, "HV_MOUSE_GUID")                                                 \
    X(VMBP_DEVICE_KVP, "kvp", 0xa9a0f4e7, 0x5a45, 0x4d96, 0xb8, 0x27, 0x8a, 0x84, 0x1e, 0x8c,  \
      0x03, 0xe6, 0, 0, "HV_KVP_GUID")                                                         \
    X(VMBP_DEVICE_TIMESYNC, "timesync", 0x9527e630, 0xd0ae, 0x497b, 0xad, 0xce, 0xe8, 0x0a,    \
      0xb0, 0x17, 0x5c, 0xaf, 1, 0, "HV_TS_GUID")                                              \
    X(VMBP_DEVICE_HEARTBEAT, "heartbeat", 0x57164f39, 0x9115, 0x4e78, 0xab, 0x55, 0x38, 0x2f,  \
      0x3b, 0xd5, 0x42, 0x2d, 1, 0, "HV_HEART_BEAT_GUID")                                      \
    X(VMBP_DEVICE_SHUTDOWN, "shutdown", 0x0e0b6031, 0x5213, 0x4934, 0x81, 0x8b, 0x38, 0xd9,    \
      0x0c, 0xed, 0x39, 0xdb, 1, 0, "HV_SHUTDOWN_GUID")                                        \
    X(VMBP_DEVICE_FCOPY, "fcopy", 0x34d14be3, 0xdee4, 0x41c8, 0x9a, 0xe7, 0x6b, 0x17, 0x49,    \
      0x77, 0xc1, 0x92, 0, 0, "HV_FCOPY_GUID")                                                 \
    X(VMBP_DEVICE_VSS, "vss", 0x35fa2e29, 0xea23, 0x4236, 0x96, 0xae, 0x3a, 0x6e, 0xba, 0xcb,  \
      0xa4, 0x40, 0, 0, "HV_VSS_GUID")                                                         \
    X(VMBP_DEVICE_BALLOON, "balloon", 0x525074dc, 0x8985, 0x46e2, 0x80, 0x57, 0xa3, 0x07,      \
      0xdc, 0x18, 0xa5, 0x02, 0, 0, "HV_DM_GUID")                                              \
    X(VMBP_DEVICE_AVMA1, "avma1", 0xf8e65716, 0x3cb3, 0x4a06, 0x9a, 0x60, 0x18, 0x89, 0xc5,    \
      0xcc, 0xca, 0xb5, 0, 0, "HV_AVMA1_GUID")                                                 \
    X(VMBP_DEVICE_AVMA2, "avma2", 0x3375baf4, 0x9e15, 0x4b30, 0xb7, 0x65, 0x67, 0xac, 0xb1,    \
      0x0d, 0x60, 0x7b, 0, 0, "HV_AVMA2_GUID")                                                 \
    X(VMBP_DEVICE_RDV, "rdv", 0x276aacf4, 0xac15, 0x426c, 0x98, 0xdd, 0x75, 0x21, 0xad, 0x3f,  \
      0x01, 0xfe, 0, 0, "HV_RDV_GUID")                                                         \
    X(VMBP_DEVICE_VMBFS, "vmbfs", 0xc376c1c3, 0xd276, 0x48d2, 0x90, 0xa9, 0xc0, 0x47, 0x48,    \
      0x07, 0x2c, 0x60, 0, 0, "HV_IMC_GUID")

/** @brief Device classes, in VMBP_DEVICE_LIST() order; 0 is unknown. */
enum vmbp_device {
    VMBP_DEVICE_UNKNOWN = 0,     /**< a class not in the list */
    VMBP_DEVICE_IDE = 1,         /**< ide */
    VMBP_DEVICE_SCSI = 2,        /**< scsi */
    VMBP_DEVICE_FC = 3,          /**< fc */
    VMBP_DEVICE_NIC = 4,         /**< nic */
    VMBP_DEVICE_ND = 5,          /**< nd */
    VMBP_DEVICE_PCIE = 6,        /**< pcie */
    VMBP_DEVICE_FRAMEBUFFER = 7, /**< framebuffer */
    VMBP_DEVICE_VIDEO_3D = 8,    /**< video_3d */
    VMBP_DEVICE_KEYBOARD = 9,    /**< keyboard */
    VMBP_DEVICE_MOUSE = 10,      /**< mouse */
    VMBP_DEVICE_KVP = 11,        /**< kvp */
    VMBP_DEVICE_TIMESYNC = 12,   /**< timesync */
    VMBP_DEVICE_HEARTBEAT = 13,  /**< heartbeat */
    VMBP_DEVICE_SHUTDOWN = 14,   /**< shutdown */
    VMBP_DEVICE_FCOPY = 15,      /**< fcopy */
    VMBP_DEVICE_VSS = 16,        /**< vss */
    VMBP_DEVICE_BALLOON = 17,    /**< balloon */
    VMBP_DEVICE_AVMA1 = 18,      /**< avma1 */
    VMBP_DEVICE_AVMA2 = 19,      /**< avma2 */
    VMBP_DEVICE_RDV = 20,        /**< rdv */
    VMBP_DEVICE_VMBFS = 21,      /**< vmbfs */
    /** One past the last class. */
    VMBP_DEVICE_END = 22
};

/** @cond VMBP_INTERNAL */
#define VMBP_PRIV_DEVICE_COUNT(e, s, d1, d2, d3, b0, b1, b2, b3, b4, b5, b6, b7, li, mi, src) +1
#define VMBP_PRIV_DEVICE_KNOWN(e, s, d1, d2, d3, b0, b1, b2, b3, b4, b5, b6, b7, li, mi, src)  \
    &&(e) > VMBP_DEVICE_UNKNOWN && (e) < VMBP_DEVICE_END
VMBP_STATIC_ASSERT(1 VMBP_DEVICE_LIST(VMBP_PRIV_DEVICE_KNOWN), vmbp_device_rows_known);
/** @endcond */

/** @brief Number of known device classes (21). */
#define VMBP_DEVICE_COUNT (0 VMBP_DEVICE_LIST(VMBP_PRIV_DEVICE_COUNT))
VMBP_STATIC_ASSERT(VMBP_DEVICE_COUNT == 21 && VMBP_DEVICE_END == 22, vmbp_device_count);

/** @brief Properties of a device class (a row of VMBP_DEVICE_LIST()). */
struct vmbp_device_info {
    struct vmbp_guid guid;  /**< class GUID (wire bytes) */
    const char *name;       /**< short name, e.g. "scsi" */
    const char *source;     /**< Linux or mu_msvm name of the GUID */
    uint8_t linux_isolated; /**< accepted by Linux in an isolated VM */
    uint8_t msvm_isolated;  /**< accepted by mu_msvm in an isolated VM */
};

/** @cond VMBP_INTERNAL */
/* A class with its properties; the lookups search the rows by class, so their order is the
 * list's and nothing depends on it. */
struct vmbp_priv_device_row {
    enum vmbp_device device;
    struct vmbp_device_info info;
};
#define VMBP_PRIV_DEVICE_ROW(e, s, d1, d2, d3, b0, b1, b2, b3, b4, b5, b6, b7, li, mi, src)    \
    {(e), {VMBP_GUID_INIT(d1, d2, d3, b0, b1, b2, b3, b4, b5, b6, b7), s, src, li, mi}},
static const struct vmbp_priv_device_row vmbp_priv_devices[] = {
    VMBP_DEVICE_LIST(VMBP_PRIV_DEVICE_ROW)};
/** @endcond */

#if defined(__cplusplus)
extern "C" {
#endif

/**
 * @brief Properties of a device class.
 * @param d class
 * @return a static record, NULL for VMBP_DEVICE_UNKNOWN and values out of range
 */
VMBP_INLINE const struct vmbp_device_info *vmbp_device_lookup(enum vmbp_device d)
{
    size_t i;

    for (i = 0; i < sizeof(vmbp_priv_devices) / sizeof(vmbp_priv_devices[0]); i++)
        if (vmbp_priv_devices[i].device == d)
            return &vmbp_priv_devices[i].info;
    return NULL;
}

/**
 * @brief The class of an offer's `interface_type`.
 * @param guid class GUID
 * @return the class, VMBP_DEVICE_UNKNOWN if not in the list
 */
VMBP_INLINE enum vmbp_device vmbp_device_from_guid(const struct vmbp_guid *guid)
{
    size_t i;

    if (!guid)
        return VMBP_DEVICE_UNKNOWN;
    for (i = 0; i < sizeof(vmbp_priv_devices) / sizeof(vmbp_priv_devices[0]); i++)
        if (vmbp_guid_equal(&vmbp_priv_devices[i].info.guid, guid))
            return vmbp_priv_devices[i].device;
    return VMBP_DEVICE_UNKNOWN;
}

/**
 * @brief Short name of a device class, e.g. "nic".
 * @param d class
 * @return a static string; "unknown" for VMBP_DEVICE_UNKNOWN and values out of range
 */
VMBP_INLINE const char *vmbp_device_name(enum vmbp_device d)
{
    const struct vmbp_device_info *di = vmbp_device_lookup(d);

    return di ? di->name : "unknown";
}

/**
 * @brief Linux's rule for offers in an isolated VM (`vmbus_is_valid_offer`): hv_sock offers
 * (TLNPI_PROVIDER) and the classes SCSI, NIC, PCIE, TIMESYNC, HEARTBEAT and SHUTDOWN are
 * accepted, every other offer is dropped (spec/devices.md, VMBP-DEV-001).
 * @param interface_type the offer's class GUID
 * @param offer_flags    the offer's flags
 * @return true if a Linux guest in an isolated VM accepts the offer
 */
VMBP_INLINE bool vmbp_device_allowed_in_isolated_vm(const struct vmbp_guid *interface_type,
                                                    uint16_t offer_flags)
{
    const struct vmbp_device_info *di;

    if ((offer_flags & (uint16_t)VMBP_OFFER_FLAG_TLNPI_PROVIDER) != 0)
        return true;
    di = vmbp_device_lookup(vmbp_device_from_guid(interface_type));
    return di != NULL && di->linux_isolated != 0;
}

#if defined(__cplusplus)
}
#endif

/** @} */

#endif /* VMBP_DEVICES_H */
