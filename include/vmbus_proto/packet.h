/* SPDX-License-Identifier: MIT */
/**
 * @file packet.h
 * @brief Ring packets: the 16-byte descriptor, packet types and flags, the 8-byte trailer,
 * transfer-page and GPA-direct headers and their ranges, with overflow-safe validators.
 *
 * A packet in a ring (spec/packet.md) is a descriptor, an optional header extension
 * (transfer-page or GPA-direct ranges), the data, zero padding to a multiple of 8 bytes and
 * an 8-byte trailer. The descriptor's `offset8` and `len8` count 8-byte units from the start
 * of the descriptor: the data starts at `offset8 * 8`, the packet (trailer excluded) ends at
 * `len8 * 8`.
 *
 * The validators here are pure functions over private memory: the ring reader
 * (`vmbus_proto/vmbp_ring.h`) copies a packet out of shared memory once and then validates the
 * copy with them, so a peer changing the ring meanwhile cannot change what was validated.
 *
 * Sources: Linux `include/linux/hyperv.h` (`vmpacket_descriptor`, `vmbus_packet_type`,
 * `vmtransfer_page_packet_header`, `vmdata_gpa_direct`, `gpa_range`) and `drivers/hv/ring_buffer.c` (trailer);
 * OpenVMM `vm/devices/vmbus/vmbus_ring/src/lib.rs` (`PacketDescriptor`, `TransferPageHeader`,
 * `GpaDirectHeader`, `Footer`, `parse_packet`) and `vmbus_ring/src/gparange.rs` (GPA range
 * parsing); mu_msvm `MsvmPkg/Include/Vmbus/VmbusPacketFormat.h`.
 */
#ifndef VMBP_PACKET_H
#define VMBP_PACKET_H

#include "endian.h"
#include "hvdef.h"
#include "port.h"
#include "status.h"

/** @defgroup vmbp_packet Ring packets
 *  @brief Descriptor, types, flags, trailer, transfer-page and GPA-direct ranges.
 *  @{
 */

/**
 * @name Packet types (descriptor `type`)
 * Linux's `vmbus_packet_type` lists all of them; current peers send only 0x6, 0x7, 0x9
 * and 0xB (OpenVMM accepts nothing else; Linux, DPDK and FreeBSD send nothing else).
 * @{
 */
#define VMBP_PKT_INVALID 0x0u             /**< never valid */
#define VMBP_PKT_SYNCH 0x1u               /**< legacy */
#define VMBP_PKT_ADD_XFER_PAGESET 0x2u    /**< legacy */
#define VMBP_PKT_RM_XFER_PAGESET 0x3u     /**< legacy */
#define VMBP_PKT_ESTABLISH_GPADL 0x4u     /**< legacy */
#define VMBP_PKT_TEARDOWN_GPADL 0x5u      /**< legacy */
#define VMBP_PKT_DATA_INBAND 0x6u         /**< data in the packet */
#define VMBP_PKT_DATA_XFER_PAGES 0x7u     /**< data in a transfer page set (ranges follow) */
#define VMBP_PKT_DATA_GPADL 0x8u          /**< legacy */
#define VMBP_PKT_DATA_GPA_DIRECT 0x9u     /**< data in guest pages (GPA ranges follow) */
#define VMBP_PKT_CANCEL_REQUEST 0xAu      /**< legacy */
#define VMBP_PKT_COMPLETION 0xBu          /**< completion of a request */
#define VMBP_PKT_DATA_ADDITIONAL_PKT 0xCu /**< legacy */
#define VMBP_PKT_ADDITIONAL_DATA 0xDu     /**< legacy */
/** @} */

/** @brief Highest defined packet type. */
#define VMBP_PKT_TYPE_MAX 0xDu

/** @brief Bit of packet type @p t in a type mask (0 for types above 31). */
#define VMBP_PKT_TYPE_BIT(t) ((t) < 32u ? (1u << (t)) : 0u)

/**
 * @brief The types current peers exchange and a reader accepts by default: in-band, transfer
 * pages, GPA direct, completion (OpenVMM `vmbus_ring` accepts exactly these).
 */
#define VMBP_PKT_TYPES_CURRENT                                                                 \
    ((1u << VMBP_PKT_DATA_INBAND) | (1u << VMBP_PKT_DATA_XFER_PAGES) |                         \
     (1u << VMBP_PKT_DATA_GPA_DIRECT) | (1u << VMBP_PKT_COMPLETION))

/** @brief Every defined type except INVALID (0x1 to 0xD), for peers that use legacy types. */
#define VMBP_PKT_TYPES_DEFINED 0x3FFEu

/**
 * @brief The types whose header carries ranges after the descriptor (transfer pages, GPA
 * direct): `offset8 >= 3`, checked by vmbp_pkt_xfer_validate() / vmbp_pkt_gpa_direct_validate().
 */
#define VMBP_PKT_TYPES_WITH_RANGES                                                             \
    ((1u << VMBP_PKT_DATA_XFER_PAGES) | (1u << VMBP_PKT_DATA_GPA_DIRECT))

/** @brief Descriptor flag: the sender wants a completion (the only defined flag). */
#define VMBP_PKT_FLAG_COMPLETION_REQUESTED 0x1u

/** @brief Size of the packet descriptor in bytes. */
#define VMBP_PKT_DESC_SIZE 16u
/** @brief Size of the trailer that follows every packet in a ring. */
#define VMBP_PKT_TRAILER_SIZE 8u
/** @brief Size of the transfer-page and GPA-direct headers (descriptor included). */
#define VMBP_PKT_EXT_HDR_SIZE 24u
/** @brief Largest packet a 16-bit `len8` can describe, in bytes (trailer excluded). */
#define VMBP_PKT_MAX_LEN (0xFFFFu * 8u)
/* The PFNs of GPA ranges count hypervisor pages (hvdef.h). */

/**
 * @brief Packet descriptor, at the start of every packet (16 bytes).
 *
 * Linux `struct vmpacket_descriptor`, OpenVMM `PacketDescriptor`.
 */
struct vmbp_pkt_desc_wire {
    uint16_t type;     /**< packet type, `VMBP_PKT_*` */
    uint16_t offset8;  /**< data offset from the descriptor, in 8-byte units (>= 2) */
    uint16_t len8;     /**< packet length with descriptor and padding, in 8-byte units */
    uint16_t flags;    /**< `VMBP_PKT_FLAG_COMPLETION_REQUESTED` or 0 */
    uint64_t trans_id; /**< transaction ID, echoed by the completion */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_pkt_desc_wire) == 16, vmbp_pkt_desc_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_pkt_desc_wire, type) == 0, vmbp_pkt_desc_type);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_pkt_desc_wire, offset8) == 2, vmbp_pkt_desc_offset8);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_pkt_desc_wire, len8) == 4, vmbp_pkt_desc_len8);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_pkt_desc_wire, flags) == 6, vmbp_pkt_desc_flags);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_pkt_desc_wire, trans_id) == 8, vmbp_pkt_desc_trans_id);

/**
 * @brief Trailer after every packet in a ring (8 bytes): as a little-endian 64-bit value,
 * the packet's start offset in the upper 32 bits and zero in the lower 32.
 *
 * Linux writes `(u64)old_write_index << 32`, OpenVMM `Footer {reserved: 0, offset}`, mu_msvm
 * `PREVIOUS_PACKET_OFFSET`; QEMU leaves it unwritten. No reader relies on it (mu_msvm checks
 * it in debug builds only).
 */
struct vmbp_pkt_trailer_wire {
    uint32_t rsvdz;        /**< zero */
    uint32_t start_offset; /**< ring data offset of this packet's descriptor */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_pkt_trailer_wire) == 8, vmbp_pkt_trailer_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_pkt_trailer_wire, rsvdz) == 0, vmbp_pkt_trailer_rsvdz);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_pkt_trailer_wire, start_offset) == 4,
                   vmbp_pkt_trailer_start);

/**
 * @brief Transfer-page packet header (type 0x7, 24 bytes); `range_count` ranges
 * (struct vmbp_pkt_xfer_range_wire) follow at offset 24, before the data offset.
 *
 * Linux `struct vmtransfer_page_packet_header` has `sender_owns_set` and a reserved byte;
 * OpenVMM has one reserved u16 that "may have garbage non-zero values": readers ignore
 * bytes 18 and 19.
 */
struct vmbp_pkt_xfer_wire {
    struct vmbp_pkt_desc_wire desc; /**< descriptor, type 0x7 */
    uint16_t xfer_pageset_id;       /**< transfer page set */
    uint8_t sender_owns_set;        /**< Linux name; OpenVMM: reserved (garbage allowed) */
    uint8_t rsvdz;                  /**< reserved; hosts may put garbage here (ignored) */
    uint32_t range_count;           /**< number of ranges, at least 1 */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_pkt_xfer_wire) == 24, vmbp_pkt_xfer_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_pkt_xfer_wire, desc) == 0, vmbp_pkt_xfer_desc);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_pkt_xfer_wire, xfer_pageset_id) == 16,
                   vmbp_pkt_xfer_pageset);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_pkt_xfer_wire, sender_owns_set) == 18,
                   vmbp_pkt_xfer_owns);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_pkt_xfer_wire, rsvdz) == 19, vmbp_pkt_xfer_rsvdz);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_pkt_xfer_wire, range_count) == 20, vmbp_pkt_xfer_count);

/** @brief One transfer-page range (8 bytes). */
struct vmbp_pkt_xfer_range_wire {
    uint32_t byte_count;  /**< bytes in the range */
    uint32_t byte_offset; /**< offset of the range in the transfer page set */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_pkt_xfer_range_wire) == 8, vmbp_pkt_xfer_range_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_pkt_xfer_range_wire, byte_count) == 0,
                   vmbp_pkt_xfer_range_count);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_pkt_xfer_range_wire, byte_offset) == 4,
                   vmbp_pkt_xfer_range_offset);

/**
 * @brief GPA-direct packet header (type 0x9, 24 bytes); `range_count` variable-length ranges
 * (struct vmbp_pkt_gpa_range_wire, each followed by its PFNs) follow at offset 24.
 *
 * OpenVMM `GpaDirectHeader`: the reserved word may hold garbage (ignored).
 */
struct vmbp_pkt_gpa_direct_wire {
    struct vmbp_pkt_desc_wire desc; /**< descriptor, type 0x9 */
    uint32_t rsvdz;                 /**< reserved; hosts may put garbage here (ignored) */
    uint32_t range_count;           /**< number of ranges, at least 1 */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_pkt_gpa_direct_wire) == 24, vmbp_pkt_gpa_direct_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_pkt_gpa_direct_wire, desc) == 0, vmbp_pkt_gpa_desc);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_pkt_gpa_direct_wire, rsvdz) == 16, vmbp_pkt_gpa_rsvdz);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_pkt_gpa_direct_wire, range_count) == 20,
                   vmbp_pkt_gpa_count);

/**
 * @brief Head of one GPA range (8 bytes), followed by vmbp_pkt_gpa_pfn_count() PFNs of 8
 * bytes each. Linux `struct gpa_range` / `hv_mpb_array`, OpenVMM `GpaRange`.
 */
struct vmbp_pkt_gpa_range_wire {
    uint32_t byte_count;  /**< bytes in the range */
    uint32_t byte_offset; /**< offset of the first byte in the first page */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_pkt_gpa_range_wire) == 8, vmbp_pkt_gpa_range_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_pkt_gpa_range_wire, byte_count) == 0,
                   vmbp_pkt_gpa_range_count);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_pkt_gpa_range_wire, byte_offset) == 4,
                   vmbp_pkt_gpa_range_offset);

/** @brief A descriptor in host byte order (decoded from struct vmbp_pkt_desc_wire). */
struct vmbp_pkt_desc {
    uint16_t type;     /**< packet type */
    uint16_t offset8;  /**< data offset in 8-byte units */
    uint16_t len8;     /**< packet length in 8-byte units */
    uint16_t flags;    /**< flags */
    uint64_t trans_id; /**< transaction ID */
};

/** @brief One decoded GPA range, with where its PFNs are in the packet. */
struct vmbp_pkt_gpa_range {
    uint32_t byte_count;  /**< bytes in the range */
    uint32_t byte_offset; /**< offset in the first page */
    uint32_t pfn_count;   /**< number of PFNs: pages spanned by byte_offset + byte_count */
    uint32_t pfn_pos;     /**< packet offset of the first PFN */
};

#if defined(__cplusplus)
extern "C" {
#endif

/**
 * @brief Decode a descriptor from 16 bytes of private memory.
 * @param buf 16 bytes, any alignment
 * @param out decoded descriptor
 */
VMBP_INLINE void vmbp_pkt_desc_decode(const void *buf, struct vmbp_pkt_desc *out)
{
    const uint8_t *b = (const uint8_t *)buf;

    out->type = vmbp_load_le16(b + offsetof(struct vmbp_pkt_desc_wire, type));
    out->offset8 = vmbp_load_le16(b + offsetof(struct vmbp_pkt_desc_wire, offset8));
    out->len8 = vmbp_load_le16(b + offsetof(struct vmbp_pkt_desc_wire, len8));
    out->flags = vmbp_load_le16(b + offsetof(struct vmbp_pkt_desc_wire, flags));
    out->trans_id = vmbp_load_le64(b + offsetof(struct vmbp_pkt_desc_wire, trans_id));
}

/**
 * @brief Encode a descriptor into 16 bytes.
 * @param d   descriptor in host order
 * @param buf 16 bytes, any alignment
 */
VMBP_INLINE void vmbp_pkt_desc_encode(const struct vmbp_pkt_desc *d, void *buf)
{
    uint8_t *b = (uint8_t *)buf;
    /* the four 16-bit fields as one little-endian word (type, offset8, len8, flags at offsets
     * 0, 2, 4, 6), stored at once: a reload of the first 8 bytes is then forwarded from one
     * store instead of waiting for four */
    uint64_t word = (uint64_t)d->type | (uint64_t)d->offset8 << 16 | (uint64_t)d->len8 << 32 |
                    (uint64_t)d->flags << 48;

    vmbp_store_le64(b + offsetof(struct vmbp_pkt_desc_wire, type), word);
    vmbp_store_le64(b + offsetof(struct vmbp_pkt_desc_wire, trans_id), d->trans_id);
}

/**
 * @brief Encode the trailer of a packet that starts at ring offset @p start.
 * @param start ring data offset of the packet's descriptor
 * @param buf   8 bytes, any alignment
 */
VMBP_INLINE void vmbp_pkt_trailer_encode(uint32_t start, void *buf)
{
    /* one 64-bit store: rsvdz (0) in the low half, start_offset in the high half, as the
     * offsets asserted above place them; a reload of the 8 bytes is then forwarded from one
     * store instead of waiting for two */
    vmbp_store_le64(buf, (uint64_t)start << 32);
}

/**
 * @brief Whether @p type is a defined packet type (0x1 to 0xD; 0x0 is INVALID).
 * @param type descriptor type
 * @return true for 0x1 to 0xD
 */
VMBP_INLINE bool vmbp_pkt_type_is_defined(uint16_t type)
{
    return type >= VMBP_PKT_SYNCH && type <= VMBP_PKT_TYPE_MAX;
}

/**
 * @brief Validate a descriptor (copied to private memory) against the bytes a ring holds.
 *
 * Checks, in this order (spec/ring.md gives each its identifier): `len8 < offset8`
 * (VMBP_E_RING_LEN_LT_OFFSET), `offset8 < 2` (VMBP_E_RING_OFFSET_SHORT), packet plus trailer
 * longer than @p avail (VMBP_E_RING_PKT_OVERRUN), type not in @p types
 * (VMBP_E_RING_PKT_TYPE), flags other than completion-requested (VMBP_E_RING_PKT_FLAGS),
 * transfer-page or GPA-direct packet whose data offset leaves no room for its 8-byte header
 * (`offset8 < 3`, VMBP_E_RING_EXT_OFFSET).
 * @param d     decoded descriptor
 * @param avail bytes the ring holds from the descriptor on (trailer included)
 * @param types mask of accepted types (VMBP_PKT_TYPES_CURRENT or VMBP_PKT_TYPES_DEFINED);
 *              bits of undefined types (0 and above 0xD) are ignored: those are always
 *              rejected (VMBP-RING-016)
 * @return VMBP_OK or the first failing rule's status
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_pkt_desc_validate(const struct vmbp_pkt_desc *d, uint32_t avail, uint32_t types)
{
    if (d->len8 < d->offset8)
        return VMBP_E_RING_LEN_LT_OFFSET;
    if (d->offset8 < 2u)
        return VMBP_E_RING_OFFSET_SHORT;
    /* len8 * 8 > avail - 8, compared in 8-byte units: the peer's value is not multiplied */
    if (avail < VMBP_PKT_TRAILER_SIZE ||
        (uint32_t)d->len8 > (avail - VMBP_PKT_TRAILER_SIZE) / 8u)
        return VMBP_E_RING_PKT_OVERRUN;
    if ((VMBP_PKT_TYPE_BIT((uint32_t)d->type) & types & VMBP_PKT_TYPES_DEFINED) == 0)
        return VMBP_E_RING_PKT_TYPE;
    if ((d->flags & ~VMBP_PKT_FLAG_COMPLETION_REQUESTED) != 0)
        return VMBP_E_RING_PKT_FLAGS;
    /* (the type is below 32 from here on: its bit is in types) */
    if (((VMBP_PKT_TYPES_WITH_RANGES >> (d->type & 31u)) & 1u) != 0 && d->offset8 < 3u)
        return VMBP_E_RING_EXT_OFFSET;
    return VMBP_OK;
}

/**
 * @brief Number of 4 KiB pages spanned by @p byte_count bytes starting @p byte_offset bytes
 * into the first page: `ceil((byte_offset + byte_count) / 4096)`, computed without overflow.
 * @param byte_offset offset in the first page (a range's byte_offset)
 * @param byte_count  bytes in the range
 * @return the PFN count (at most 2^21)
 */
VMBP_INLINE uint32_t vmbp_pkt_gpa_pfn_count(uint32_t byte_offset, uint32_t byte_count)
{
    uint64_t end = (uint64_t)byte_offset + byte_count + (VMBP_HV_PAGE_SIZE - 1u);

    return (uint32_t)(end >> 12);
}

/**
 * @brief Semantic check of one GPA range, for consumers: the ring accepts any range whose
 * PFNs fit the packet, OpenVMM's `gparange` also rejects these.
 * @param byte_offset a range's byte_offset
 * @param byte_count  a range's byte_count
 * @return VMBP_E_GPADL_RANGE for an empty range or an offset beyond the first page, else
 * VMBP_OK
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_pkt_gpa_range_check(uint32_t byte_offset,
                                                                      uint32_t byte_count)
{
    if (byte_count == 0 || byte_offset >= VMBP_HV_PAGE_SIZE)
        return VMBP_E_GPADL_RANGE;
    return VMBP_OK;
}

/**
 * @brief Validate the ranges of a transfer-page packet held in private memory.
 *
 * The descriptor must already have passed vmbp_pkt_desc_validate() (so `offset8 >= 3` and
 * the packet holds `len8 * 8 >= offset8 * 8` bytes). The ranges lie between byte 24 and the
 * data offset.
 * @param pkt  the packet, from its descriptor
 * @param len  bytes at @p pkt (at least `offset8 * 8`)
 * @param count receives the range count on success (may be NULL)
 * @return VMBP_OK; VMBP_E_RING_EXT_OFFSET when the header does not fit; VMBP_E_RING_RANGE_COUNT
 * for zero ranges; VMBP_E_RING_RANGE_BOUNDS when the ranges pass the data offset
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_pkt_xfer_validate(const void *pkt, size_t len,
                                                                    uint32_t *count)
{
    const uint8_t *b = (const uint8_t *)pkt;
    uint32_t hdr_end, n;

    if (len < VMBP_PKT_EXT_HDR_SIZE)
        return VMBP_E_RING_EXT_OFFSET;
    hdr_end = (uint32_t)vmbp_load_le16(b + offsetof(struct vmbp_pkt_desc_wire, offset8)) * 8u;
    if (hdr_end < VMBP_PKT_EXT_HDR_SIZE || hdr_end > len)
        return VMBP_E_RING_EXT_OFFSET;
    n = vmbp_load_le32(b + offsetof(struct vmbp_pkt_xfer_wire, range_count));
    if (n == 0)
        return VMBP_E_RING_RANGE_COUNT;
    if (n > (hdr_end - VMBP_PKT_EXT_HDR_SIZE) / 8u)
        return VMBP_E_RING_RANGE_BOUNDS;
    if (count)
        *count = n;
    return VMBP_OK;
}

/**
 * @brief Read transfer-page range @p i of a packet that passed vmbp_pkt_xfer_validate().
 * @param pkt         the packet
 * @param i           range index, below the validated count
 * @param byte_count  receives the range's byte count
 * @param byte_offset receives the range's byte offset
 */
VMBP_INLINE void vmbp_pkt_xfer_range(const void *pkt, uint32_t i, uint32_t *byte_count,
                                     uint32_t *byte_offset)
{
    const uint8_t *b = (const uint8_t *)pkt + VMBP_PKT_EXT_HDR_SIZE + (size_t)i * 8u;

    *byte_count = vmbp_load_le32(b + offsetof(struct vmbp_pkt_xfer_range_wire, byte_count));
    *byte_offset = vmbp_load_le32(b + offsetof(struct vmbp_pkt_xfer_range_wire, byte_offset));
}

/**
 * @brief Decode the GPA range whose head is at packet offset @p pos, and check that it and
 * its PFNs end at or before @p end.
 * @param pkt  the packet, from its descriptor
 * @param pos  packet offset of the range head (8-aligned)
 * @param end  packet offset where the ranges must end (the data offset)
 * @param out  decoded range (written only on success)
 * @param next receives the packet offset after this range's PFNs (written only on success)
 * @return VMBP_OK or VMBP_E_RING_RANGE_BOUNDS
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_pkt_gpa_range_decode(const void *pkt, uint32_t pos, uint32_t end,
                          struct vmbp_pkt_gpa_range *out, uint32_t *next)
{
    const uint8_t *b = (const uint8_t *)pkt;
    uint32_t bc, bo, pfns;

    /* the 8-byte head fits before end: pos + 8 <= end, written without a sum */
    if (end < 8u || pos > end - 8u)
        return VMBP_E_RING_RANGE_BOUNDS;
    bc = vmbp_load_le32(b + pos + offsetof(struct vmbp_pkt_gpa_range_wire, byte_count));
    bo = vmbp_load_le32(b + pos + offsetof(struct vmbp_pkt_gpa_range_wire, byte_offset));
    pfns = vmbp_pkt_gpa_pfn_count(bo, bc);
    /* (end - pos - 8) / 8 PFNs fit; comparing counts avoids multiplying the peer's value */
    if (pfns > (end - pos - 8u) / 8u)
        return VMBP_E_RING_RANGE_BOUNDS;
    out->byte_count = bc;
    out->byte_offset = bo;
    out->pfn_count = pfns;
    out->pfn_pos = pos + 8u;
    *next = pos + 8u + pfns * 8u;
    return VMBP_OK;
}

/**
 * @brief Validate the ranges of a GPA-direct packet held in private memory: a non-zero
 * count, and every range head with its PFNs between byte 24 and the data offset.
 *
 * The loop runs at most `range_count` times and stops at the first range that does not fit;
 * the count is first bounded by the space (a range takes at least 8 bytes).
 * @param pkt   the packet, from its descriptor (passed vmbp_pkt_desc_validate())
 * @param len   bytes at @p pkt (at least `offset8 * 8`)
 * @param count receives the range count on success (may be NULL)
 * @return VMBP_OK; VMBP_E_RING_EXT_OFFSET when the header does not fit;
 * VMBP_E_RING_RANGE_COUNT for zero ranges; VMBP_E_RING_RANGE_BOUNDS when a range or its PFNs
 * pass the data offset
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_pkt_gpa_direct_validate(const void *pkt, size_t len, uint32_t *count)
{
    const uint8_t *b = (const uint8_t *)pkt;
    uint32_t hdr_end, n, i, pos = VMBP_PKT_EXT_HDR_SIZE;

    if (len < VMBP_PKT_EXT_HDR_SIZE)
        return VMBP_E_RING_EXT_OFFSET;
    hdr_end = (uint32_t)vmbp_load_le16(b + offsetof(struct vmbp_pkt_desc_wire, offset8)) * 8u;
    if (hdr_end < VMBP_PKT_EXT_HDR_SIZE || hdr_end > len)
        return VMBP_E_RING_EXT_OFFSET;
    n = vmbp_load_le32(b + offsetof(struct vmbp_pkt_gpa_direct_wire, range_count));
    if (n == 0)
        return VMBP_E_RING_RANGE_COUNT;
    if (n > (hdr_end - VMBP_PKT_EXT_HDR_SIZE) / 8u)
        return VMBP_E_RING_RANGE_BOUNDS;
    for (i = 0; i < n; i++) {
        struct vmbp_pkt_gpa_range r;
        enum vmbp_status st = vmbp_pkt_gpa_range_decode(pkt, pos, hdr_end, &r, &pos);

        if (st != VMBP_OK)
            return st;
    }
    if (count)
        *count = n;
    return VMBP_OK;
}

/**
 * @brief The packet types, in value order: `X(VMBP_PKT_<NAME>)`.
 */
#define VMBP_PKT_TYPE_LIST(X)                                                                  \
    X(VMBP_PKT_INVALID)                                                                        \
    X(VMBP_PKT_SYNCH)                                                                          \
    X(VMBP_PKT_ADD_XFER_PAGESET)                                                               \
    X(VMBP_PKT_RM_XFER_PAGESET)                                                                \
    X(VMBP_PKT_ESTABLISH_GPADL)                                                                \
    X(VMBP_PKT_TEARDOWN_GPADL)                                                                 \
    X(VMBP_PKT_DATA_INBAND)                                                                    \
    X(VMBP_PKT_DATA_XFER_PAGES)                                                                \
    X(VMBP_PKT_DATA_GPADL)                                                                     \
    X(VMBP_PKT_DATA_GPA_DIRECT)                                                                \
    X(VMBP_PKT_CANCEL_REQUEST)                                                                 \
    X(VMBP_PKT_COMPLETION)                                                                     \
    X(VMBP_PKT_DATA_ADDITIONAL_PKT)                                                            \
    X(VMBP_PKT_ADDITIONAL_DATA)

/** @cond VMBP_INTERNAL */
struct vmbp_priv_pkt_type_row {
    uint32_t type;
    const char *name;
};
#define VMBP_PRIV_PKT_TYPE_ROW(e) {(e), VMBP_PRIV_NAME_AFTER("VMBP_PKT_", #e)},
static const struct vmbp_priv_pkt_type_row vmbp_priv_pkt_types[] = {
    VMBP_PKT_TYPE_LIST(VMBP_PRIV_PKT_TYPE_ROW)};
/** @endcond */

/**
 * @brief Name of a packet type, e.g. "DATA_INBAND".
 * @param type descriptor type
 * @return a static string; NULL for values above 0xD
 */
VMBP_INLINE const char *vmbp_pkt_type_name(uint32_t type)
{
    size_t i;

    for (i = 0; i < sizeof(vmbp_priv_pkt_types) / sizeof(vmbp_priv_pkt_types[0]); i++)
        if (vmbp_priv_pkt_types[i].type == type)
            return vmbp_priv_pkt_types[i].name;
    return NULL;
}

/**
 * @brief Bytes a packet with @p body bytes after the descriptor occupies in a ring: the
 * descriptor, the body padded to 8, and the trailer.
 * @param body bytes after the descriptor (header extension and data)
 * @return the ring bytes, or 0 when the packet exceeds VMBP_PKT_MAX_LEN
 */
VMBP_INLINE uint32_t vmbp_pkt_ring_bytes(size_t body)
{
    if (body > VMBP_PKT_MAX_LEN - VMBP_PKT_DESC_SIZE)
        return 0;
    /* (rounded up by division, which provers reason about; compilers emit the same mask) */
    return (uint32_t)(VMBP_PKT_DESC_SIZE + (body + 7u) / 8u * 8u + VMBP_PKT_TRAILER_SIZE);
}

#if defined(__cplusplus)
}
#endif

/** @} */

#endif /* VMBP_PACKET_H */
