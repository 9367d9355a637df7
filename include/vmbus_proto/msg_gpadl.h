/* SPDX-License-Identifier: MIT */
/**
 * @file msg_gpadl.h
 * @brief GPADL messages: GPADL_HEADER and GPADL_BODY with their range data, GPADL_CREATED,
 * GPADL_TEARDOWN, GPADL_TORNDOWN; splitting a range list into messages and reassembling it.
 *
 * A GPADL (guest physical address descriptor list) describes guest memory the host may
 * access: a list of ranges, each an 8-byte header (byte count, byte offset into the first
 * page) followed by the 4 KiB page frame numbers it spans. The list is `range_buflen` bytes
 * long and travels as 64-bit words: up to 27 in GPADL_HEADER (26 PFNs after the header of
 * a single range), up to 28 PFNs in each GPADL_BODY.
 *
 * Size limit: `range_buflen` is 16 bits, so a list holds at most 8191 words (65528 bytes):
 * 8190 PFNs (about 32 MiB) for one range. Linux computes the field without a check and
 * would truncate a larger GPADL; here vmbp_gpadl_plan_init() refuses it with
 * VMBP_E_GPADL_TOO_LARGE, and a larger buffer needs several GPADLs.
 *
 * Codec conventions as in msg_connect.h; the structs and the codec are generated from
 * gen/msg.toml (the blocks marked "generated"). The split and the reassembler are pure
 * functions over caller memory.
 *
 * Sources: Linux `include/linux/hyperv.h` (`vmbus_channel_gpadl_*`, `gpa_range`),
 * `drivers/hv/channel.c` (`create_gpadl_header`); OpenVMM
 * `vm/devices/vmbus/vmbus_core/src/protocol.rs` (`GpadlHeader`, `GpadlBody`),
 * `vmbus_server/src/channels.rs` (GPADL assembly), `vmbus_ring/src/gparange.rs`
 * (`validate_gpa_ranges`); mu_msvm `MsvmPkg/VmbusDxe/ChannelMessages.h`, `VmbusChannel.c`.
 * Specification: spec/msg_gpadl.md.
 */
#ifndef VMBP_MSG_GPADL_H
#define VMBP_MSG_GPADL_H

#include "endian.h"
#include "hvdef.h"
#include "msg.h"
#include "port.h"
#include "status.h"
#include "version.h"

/** @defgroup vmbp_msg_gpadl GPADL messages
 *  @brief GPADL header/body/created/teardown/torndown, split and reassembly.
 *  @{
 */

/* The PFNs of a GPADL count hypervisor pages (hvdef.h). */
/** @brief Range-data words GPADL_HEADER can carry: (240 - 20) / 8 (OpenVMM `MAX_DATA_VALUES`). */
#define VMBP_GPADL_HEADER_MAX_WORDS 27u
/** @brief PFNs GPADL_HEADER carries for a single range: 26 (Linux, FreeBSD, mu_msvm). */
#define VMBP_GPADL_HEADER_MAX_PFNS 26u
/** @brief PFNs a GPADL_BODY can carry: (240 - 16) / 8 = 28. */
#define VMBP_GPADL_BODY_MAX_WORDS 28u
/** @brief Largest `range_buflen` that is a whole number of words: 65528. */
#define VMBP_GPADL_RANGE_BUFLEN_MAX 65528u
/** @brief Largest number of range-data words in one GPADL: 8191. */
#define VMBP_GPADL_MAX_WORDS 8191u
/** @brief Largest number of PFNs in a single-range GPADL: 8190. */
#define VMBP_GPADL_MAX_PFNS_ONE_RANGE 8190u

/**
 * @brief The header of one GPA range in the range data (Linux `gpa_range`, mu_msvm
 * `GPA_RANGE`, OpenVMM `GpaRange`), followed by its PFNs as 64-bit words. In GPADL_HEADER
 * the first one is at offset 20, so its PFNs start at 28: not 8-byte aligned, read through
 * the byte accessors only.
 */
struct vmbp_gpa_range_wire {
    uint32_t byte_count;  /**< bytes described, > 0 */
    uint32_t byte_offset; /**< offset into the first page, < 4096 */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_gpa_range_wire) == 8, vmbp_gpa_range_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_gpa_range_wire, byte_count) == 0, vmbp_gpa_range_count);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_gpa_range_wire, byte_offset) == 4,
                   vmbp_gpa_range_offset);

/* @generated begin structs: gen/msggen.py from gen/msg.toml; edit the table, not this block */
/**
 * @brief GPADL_HEADER: 20 bytes, then range data up to the message's end.
 *
 * | offset | size | field | meaning |
 * |---|---|---|---|
 * | 8 | 4 | child_relid | channel ID |
 * | 12 | 4 | gpadl | GPADL handle chosen by the guest |
 * | 16 | 2 | range_buflen | bytes of range data in all messages, multiple of 8 |
 * | 18 | 2 | rangecount | number of ranges, >= 1 |
 */
struct vmbp_gpadl_header_wire {
    struct vmbp_msg_header_wire hdr; /**< type 8 */
    uint32_t child_relid;            /**< OpenVMM `channel_id` */
    uint32_t gpadl;                  /**< OpenVMM `gpadl_id` */
    uint16_t range_buflen;           /**< OpenVMM `len`, mu_msvm `RangeBufLen` */
    uint16_t rangecount;             /**< OpenVMM `count` */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_gpadl_header_wire) == 20, vmbp_gpadl_header_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_gpadl_header_wire, hdr) == 0, vmbp_gpadl_header_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_gpadl_header_wire, child_relid) == 8,
                   vmbp_gpadl_header_child_relid);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_gpadl_header_wire, gpadl) == 12,
                   vmbp_gpadl_header_gpadl);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_gpadl_header_wire, range_buflen) == 16,
                   vmbp_gpadl_header_range_buflen);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_gpadl_header_wire, rangecount) == 18,
                   vmbp_gpadl_header_rangecount);

/**
 * @brief GPADL_BODY: 16 bytes, then PFN words up to the message's end (at most 28).
 *
 * The first word is Linux's `msgnumber` (never set: 0) and OpenVMM's `rsvd` (ignored): it
 * is carried as @c msgnumber and never checked.
 */
struct vmbp_gpadl_body_wire {
    struct vmbp_msg_header_wire hdr; /**< type 9 */
    uint32_t msgnumber;              /**< Linux `msgnumber`, OpenVMM `rsvd`; not checked */
    uint32_t gpadl;                  /**< GPADL handle */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_gpadl_body_wire) == 16, vmbp_gpadl_body_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_gpadl_body_wire, hdr) == 0, vmbp_gpadl_body_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_gpadl_body_wire, msgnumber) == 8,
                   vmbp_gpadl_body_msgnumber);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_gpadl_body_wire, gpadl) == 12, vmbp_gpadl_body_gpadl);

/**
 * @brief GPADL_CREATED (20 bytes).
 *
 * | offset | size | field | meaning |
 * |---|---|---|---|
 * | 8 | 4 | child_relid | channel ID |
 * | 12 | 4 | gpadl | GPADL handle |
 * | 16 | 4 | creation_status | NTSTATUS, 0: created |
 */
struct vmbp_gpadl_created_wire {
    struct vmbp_msg_header_wire hdr; /**< type 10 */
    uint32_t child_relid;            /**< channel ID */
    uint32_t gpadl;                  /**< GPADL handle */
    uint32_t creation_status;        /**< NTSTATUS; 0 created */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_gpadl_created_wire) == 20, vmbp_gpadl_created_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_gpadl_created_wire, hdr) == 0, vmbp_gpadl_created_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_gpadl_created_wire, child_relid) == 8,
                   vmbp_gpadl_created_child_relid);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_gpadl_created_wire, gpadl) == 12,
                   vmbp_gpadl_created_gpadl);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_gpadl_created_wire, creation_status) == 16,
                   vmbp_gpadl_created_creation_status);

/**
 * @brief GPADL_TEARDOWN (16 bytes).
 */
struct vmbp_gpadl_teardown_wire {
    struct vmbp_msg_header_wire hdr; /**< type 11 */
    uint32_t child_relid;            /**< channel ID */
    uint32_t gpadl;                  /**< GPADL handle */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_gpadl_teardown_wire) == 16, vmbp_gpadl_teardown_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_gpadl_teardown_wire, hdr) == 0,
                   vmbp_gpadl_teardown_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_gpadl_teardown_wire, child_relid) == 8,
                   vmbp_gpadl_teardown_child_relid);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_gpadl_teardown_wire, gpadl) == 12,
                   vmbp_gpadl_teardown_gpadl);

/**
 * @brief GPADL_TORNDOWN (12 bytes).
 */
struct vmbp_gpadl_torndown_wire {
    struct vmbp_msg_header_wire hdr; /**< type 12 */
    uint32_t gpadl;                  /**< GPADL handle */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_gpadl_torndown_wire) == 12, vmbp_gpadl_torndown_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_gpadl_torndown_wire, hdr) == 0,
                   vmbp_gpadl_torndown_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_gpadl_torndown_wire, gpadl) == 8,
                   vmbp_gpadl_torndown_gpadl);

/**
 * @brief GPADL_HEADER, decoded: the fixed fields and the range-data words this message
 * carries (as host-order 64-bit values; a range header word is
 * `byte_count | byte_offset << 32`, see VMBP_GPA_RANGE_WORD()). The decoder writes every word:
 * the words past @c nwords are zero, never a previous message's.
 */
struct vmbp_gpadl_header {
    uint32_t child_relid;                        /**< channel ID */
    uint32_t gpadl;                              /**< GPADL handle */
    uint16_t range_buflen;                       /**< bytes of range data in total */
    uint16_t rangecount;                         /**< number of ranges */
    uint32_t nwords;                             /**< words in @c words, <= 27 */
    uint64_t words[VMBP_GPADL_HEADER_MAX_WORDS]; /**< range data of this message */
};

/**
 * @brief GPADL_BODY, decoded. The decoder writes every word: the words past @c nwords are
 * zero, never a previous message's.
 */
struct vmbp_gpadl_body {
    uint32_t msgnumber;                        /**< not checked (Linux 0, OpenVMM ignores) */
    uint32_t gpadl;                            /**< GPADL handle */
    uint32_t nwords;                           /**< words in @c words, <= 28 */
    uint64_t words[VMBP_GPADL_BODY_MAX_WORDS]; /**< PFNs (range data continued) */
};

/**
 * @brief GPADL_CREATED, decoded.
 */
struct vmbp_gpadl_created {
    uint32_t child_relid;     /**< channel ID */
    uint32_t gpadl;           /**< GPADL handle */
    uint32_t creation_status; /**< NTSTATUS, any value (non-zero: failed) */
};

/**
 * @brief GPADL_TEARDOWN, decoded.
 */
struct vmbp_gpadl_teardown {
    uint32_t child_relid; /**< channel ID */
    uint32_t gpadl;       /**< GPADL handle */
};

/**
 * @brief GPADL_TORNDOWN, decoded.
 */
struct vmbp_gpadl_torndown {
    uint32_t gpadl; /**< GPADL handle */
};

VMBP_STATIC_ASSERT(sizeof(struct vmbp_gpadl_header_wire) == 20, vmbp_msgv_gpadl_header_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_gpadl_body_wire) == 16, vmbp_msgv_gpadl_body_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_gpadl_created_wire) == 20, vmbp_msgv_gpadl_created_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_gpadl_teardown_wire) == 16,
                   vmbp_msgv_gpadl_teardown_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_gpadl_torndown_wire) == 12,
                   vmbp_msgv_gpadl_torndown_size);
/* @generated end structs */

/**
 * @brief One GPA range for vmbp_gpadl_plan_init() and from vmbp_gpadl_reasm_range().
 */
struct vmbp_gpa_range {
    uint32_t byte_count;  /**< bytes, > 0 */
    uint32_t byte_offset; /**< offset into the first page, < 4096 */
    const uint64_t *pfns; /**< vmbp_gpa_range_pages() PFNs */
};

/** @brief Range header word of range data: `byte_count | byte_offset << 32`. */
#define VMBP_GPA_RANGE_WORD(byte_count, byte_offset)                                           \
    ((uint64_t)(uint32_t)(byte_count) | ((uint64_t)(uint32_t)(byte_offset) << 32))

#if defined(__cplusplus)
extern "C" {
#endif

/**
 * @brief Number of 4 KiB pages a range spans: ceil((byte_offset + byte_count) / 4096),
 * computed in 64 bits (no overflow for any 32-bit inputs).
 * @param byte_offset offset into the first page
 * @param byte_count  bytes
 * @return pages (0 only for an empty range at offset 0)
 */
VMBP_INLINE uint64_t vmbp_gpa_range_pages(uint32_t byte_offset, uint32_t byte_count)
{
    return ((uint64_t)byte_offset + byte_count + (VMBP_HV_PAGE_SIZE - 1u)) >>
           VMBP_HV_PAGE_SHIFT;
}

/** @cond VMBP_INTERNAL */
/* Walk range data: `avail` of `total` words are present, as little-endian bytes in a
 * message (`le`, the decoder) or as host words (`words`, the reassembler): one of the two is
 * NULL. OK when everything present is consistent (the rest may follow); E_GPADL_RANGE for
 * an empty range or an offset past the page; E_LENGTH_FIELD when the ranges do not exactly
 * fill `total` words. `*at` is the word the result concerns: the range header that failed,
 * or where the ranges end. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_gpa_walk(const uint8_t *le, const uint64_t *words, uint32_t avail, uint32_t total,
                   uint32_t rangecount, uint32_t *at)
{
    uint32_t pos = 0, r;

    for (r = 0; r < rangecount; r++) {
        uint64_t w, pages;
        uint32_t count, offset;

        *at = pos;
        if (pos >= total)
            return VMBP_E_LENGTH_FIELD;
        if (pos >= avail)
            return VMBP_OK;
        w = le ? vmbp_load_le64(le + 8u * pos) : words[pos];
        count = (uint32_t)(w & 0xFFFFFFFFu);
        offset = (uint32_t)(w >> 32);
        if (count == 0 || offset >= VMBP_HV_PAGE_SIZE)
            return VMBP_E_GPADL_RANGE;
        pages = vmbp_gpa_range_pages(offset, count);
        if (pages > (uint64_t)(total - pos - 1u))
            return VMBP_E_LENGTH_FIELD;
        pos += 1u + (uint32_t)pages;
    }
    *at = pos;
    return pos == total ? VMBP_OK : VMBP_E_LENGTH_FIELD;
}

/* The fixed-field rules of a GPADL header: at least one range, whole words, room for at
 * least a header and one PFN per range. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_gpadl_header_fixed(uint16_t range_buflen,
                                                                          uint16_t rangecount)
{
    if (rangecount == 0)
        return VMBP_E_GPADL_RANGE;
    if ((range_buflen & 7u) != 0 || (uint32_t)range_buflen < 16u * (uint32_t)rangecount)
        return VMBP_E_LENGTH_FIELD;
    return VMBP_OK;
}
/** @endcond */

/* @generated begin codec: gen/msggen.py from gen/msg.toml; edit the table, not this block */
/** @cond VMBP_INTERNAL */
static const struct vmbp_msg_field vmbp_priv_fields_gpadl_header[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"child_relid", "channel ID",
     (uint16_t)(offsetof(struct vmbp_gpadl_header_wire, child_relid)), 4u,
     (uint16_t)offsetof(struct vmbp_gpadl_header, child_relid), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"gpadl", "GPADL handle", (uint16_t)(offsetof(struct vmbp_gpadl_header_wire, gpadl)), 4u,
     (uint16_t)offsetof(struct vmbp_gpadl_header, gpadl), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"range_buflen", "bytes of range data in all messages",
     (uint16_t)(offsetof(struct vmbp_gpadl_header_wire, range_buflen)), 2u,
     (uint16_t)offsetof(struct vmbp_gpadl_header, range_buflen), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U16,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rangecount", "number of ranges",
     (uint16_t)(offsetof(struct vmbp_gpadl_header_wire, rangecount)), 2u,
     (uint16_t)offsetof(struct vmbp_gpadl_header, rangecount), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U16,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"words", "range data: range headers (count | offset << 32) and PFNs",
     (uint16_t)sizeof(struct vmbp_gpadl_header_wire), 0u,
     (uint16_t)offsetof(struct vmbp_gpadl_header, words), (uint8_t)VMBP_MSG_FIELD_WORDS,
     (uint8_t)VMBP_MSG_FMT_WORDS, 0u, (uint8_t)VMBP_MSG_WIRE_WORDS64,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};
static const struct vmbp_msg_field vmbp_priv_fields_gpadl_body[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"msgnumber", "Linux msgnumber, OpenVMM rsvd: not checked",
     (uint16_t)(offsetof(struct vmbp_gpadl_body_wire, msgnumber)), 4u,
     (uint16_t)offsetof(struct vmbp_gpadl_body, msgnumber), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"gpadl", "GPADL handle", (uint16_t)(offsetof(struct vmbp_gpadl_body_wire, gpadl)), 4u,
     (uint16_t)offsetof(struct vmbp_gpadl_body, gpadl), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"words", "PFNs continuing the range data", (uint16_t)sizeof(struct vmbp_gpadl_body_wire),
     0u, (uint16_t)offsetof(struct vmbp_gpadl_body, words), (uint8_t)VMBP_MSG_FIELD_WORDS,
     (uint8_t)VMBP_MSG_FMT_WORDS, 0u, (uint8_t)VMBP_MSG_WIRE_WORDS64,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};
static const struct vmbp_msg_field vmbp_priv_fields_gpadl_created[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"child_relid", "channel ID",
     (uint16_t)(offsetof(struct vmbp_gpadl_created_wire, child_relid)), 4u,
     (uint16_t)offsetof(struct vmbp_gpadl_created, child_relid), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"gpadl", "GPADL handle", (uint16_t)(offsetof(struct vmbp_gpadl_created_wire, gpadl)), 4u,
     (uint16_t)offsetof(struct vmbp_gpadl_created, gpadl), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"creation_status", "NTSTATUS, 0: created",
     (uint16_t)(offsetof(struct vmbp_gpadl_created_wire, creation_status)), 4u,
     (uint16_t)offsetof(struct vmbp_gpadl_created, creation_status),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_NTSTATUS, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};
static const struct vmbp_msg_field vmbp_priv_fields_gpadl_teardown[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"child_relid", "channel ID",
     (uint16_t)(offsetof(struct vmbp_gpadl_teardown_wire, child_relid)), 4u,
     (uint16_t)offsetof(struct vmbp_gpadl_teardown, child_relid), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"gpadl", "GPADL handle", (uint16_t)(offsetof(struct vmbp_gpadl_teardown_wire, gpadl)), 4u,
     (uint16_t)offsetof(struct vmbp_gpadl_teardown, gpadl), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};
static const struct vmbp_msg_field vmbp_priv_fields_gpadl_torndown[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"gpadl", "GPADL handle", (uint16_t)(offsetof(struct vmbp_gpadl_torndown_wire, gpadl)), 4u,
     (uint16_t)offsetof(struct vmbp_gpadl_torndown, gpadl), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};

VMBP_STATIC_ASSERT((VMBP_RELID_MIN) == 1u, vmbp_msg_gpadl_table_vmbp_relid_min);
VMBP_STATIC_ASSERT((VMBP_RELID_MAX) == 0x7FFu, vmbp_msg_gpadl_table_vmbp_relid_max);

/* GPADL_HEADER: the decoder of its variant: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_body_gpadl_header(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                enum vmbp_msg_variant v, struct vmbp_gpadl_header *out,
                                struct vmbp_msg_fault *fault)
{
    uint32_t child_relid;
    uint16_t range_buflen;
    uint16_t rangecount;
    uint32_t nwords;
    size_t i, n;
    enum vmbp_status st;
    uint32_t at = 0;

    (void)ctx;
    (void)v;
    if (len < sizeof(struct vmbp_gpadl_header_wire))
        return VMBP_E_TRUNCATED;
    child_relid = vmbp_load_le32(p + offsetof(struct vmbp_gpadl_header_wire, child_relid));
    range_buflen = vmbp_load_le16(p + offsetof(struct vmbp_gpadl_header_wire, range_buflen));
    rangecount = vmbp_load_le16(p + offsetof(struct vmbp_gpadl_header_wire, rangecount));
    n = (len - sizeof(struct vmbp_gpadl_header_wire)) / 8u;
    if (n > (size_t)(range_buflen / 8u))
        n = (size_t)(range_buflen / 8u);
    /* the constant bound last: every reader sees n <= it */
    n = n < VMBP_GPADL_HEADER_MAX_WORDS ? n : VMBP_GPADL_HEADER_MAX_WORDS;
    nwords = (uint32_t)n;
    if (child_relid < VMBP_RELID_MIN || child_relid > VMBP_RELID_MAX)
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 0u, child_relid, 0u);
    st = vmbp_priv_gpadl_header_fixed(range_buflen, rangecount);
    if (st != VMBP_OK)
        return vmbp_priv_msg_fail(fault, st, st == VMBP_E_GPADL_RANGE ? 1u : 2u,
                                  st == VMBP_E_GPADL_RANGE ? rangecount : range_buflen, 0u);
    st = vmbp_priv_gpa_walk(p + sizeof(struct vmbp_gpadl_header_wire), NULL, nwords,
                            (uint32_t)range_buflen / 8u, rangecount, &at);
    if (st != VMBP_OK)
        return vmbp_priv_msg_fail(fault, st, st == VMBP_E_GPADL_RANGE ? 3u : 4u, 0u, at);
    if (out) {
        out->child_relid = child_relid;
        out->gpadl = vmbp_load_le32(p + offsetof(struct vmbp_gpadl_header_wire, gpadl));
        out->range_buflen = range_buflen;
        out->rangecount = rangecount;
        out->nwords = nwords;
        /* in pieces of at most 64 bytes, which every compiler writes inline */
        VMBP_MEMSET(&out->words[0], 0, 64u);
        VMBP_MEMSET(&out->words[8], 0, 64u);
        VMBP_MEMSET(&out->words[16], 0, 64u);
        VMBP_MEMSET(&out->words[24], 0, 8u * (VMBP_GPADL_HEADER_MAX_WORDS - 24u));
        VMBP_PRIV_PLAIN_LOOP
        for (i = 0; i < n; i++)
            out->words[i] = vmbp_load_le64(p + sizeof(struct vmbp_gpadl_header_wire) + 8u * i);
    }
    return VMBP_OK;
}

/* GPADL_BODY: the decoder of its variant: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_body_gpadl_body(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                              enum vmbp_msg_variant v, struct vmbp_gpadl_body *out,
                              struct vmbp_msg_fault *fault)
{
    uint32_t nwords;
    size_t i, n;

    (void)ctx;
    (void)v;
    (void)fault;
    if (len < sizeof(struct vmbp_gpadl_body_wire))
        return VMBP_E_TRUNCATED;
    n = (len - sizeof(struct vmbp_gpadl_body_wire)) / 8u;
    /* the constant bound last: every reader sees n <= it */
    n = n < VMBP_GPADL_BODY_MAX_WORDS ? n : VMBP_GPADL_BODY_MAX_WORDS;
    nwords = (uint32_t)n;
    if (out) {
        out->msgnumber = vmbp_load_le32(p + offsetof(struct vmbp_gpadl_body_wire, msgnumber));
        out->gpadl = vmbp_load_le32(p + offsetof(struct vmbp_gpadl_body_wire, gpadl));
        out->nwords = nwords;
        /* in pieces of at most 64 bytes, which every compiler writes inline */
        VMBP_MEMSET(&out->words[0], 0, 64u);
        VMBP_MEMSET(&out->words[8], 0, 64u);
        VMBP_MEMSET(&out->words[16], 0, 64u);
        VMBP_MEMSET(&out->words[24], 0, 8u * (VMBP_GPADL_BODY_MAX_WORDS - 24u));
        VMBP_PRIV_PLAIN_LOOP
        for (i = 0; i < n; i++)
            out->words[i] = vmbp_load_le64(p + sizeof(struct vmbp_gpadl_body_wire) + 8u * i);
    }
    return VMBP_OK;
}

/* GPADL_CREATED: the decoder of its variant: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_body_gpadl_created(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                 enum vmbp_msg_variant v, struct vmbp_gpadl_created *out,
                                 struct vmbp_msg_fault *fault)
{
    uint32_t child_relid;

    (void)ctx;
    (void)v;
    if (len < sizeof(struct vmbp_gpadl_created_wire))
        return VMBP_E_TRUNCATED;
    child_relid = vmbp_load_le32(p + offsetof(struct vmbp_gpadl_created_wire, child_relid));
    if (child_relid < VMBP_RELID_MIN || child_relid > VMBP_RELID_MAX)
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 0u, child_relid, 0u);
    if (out) {
        out->child_relid = child_relid;
        out->gpadl = vmbp_load_le32(p + offsetof(struct vmbp_gpadl_created_wire, gpadl));
        out->creation_status =
            vmbp_load_le32(p + offsetof(struct vmbp_gpadl_created_wire, creation_status));
    }
    return VMBP_OK;
}

/* GPADL_TEARDOWN: the decoder of its variant: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_body_gpadl_teardown(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                  enum vmbp_msg_variant v, struct vmbp_gpadl_teardown *out,
                                  struct vmbp_msg_fault *fault)
{
    uint32_t child_relid;

    (void)ctx;
    (void)v;
    if (len < sizeof(struct vmbp_gpadl_teardown_wire))
        return VMBP_E_TRUNCATED;
    child_relid = vmbp_load_le32(p + offsetof(struct vmbp_gpadl_teardown_wire, child_relid));
    if (child_relid < VMBP_RELID_MIN || child_relid > VMBP_RELID_MAX)
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 0u, child_relid, 0u);
    if (out) {
        out->child_relid = child_relid;
        out->gpadl = vmbp_load_le32(p + offsetof(struct vmbp_gpadl_teardown_wire, gpadl));
    }
    return VMBP_OK;
}

/* GPADL_TORNDOWN: the decoder of its variant: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_body_gpadl_torndown(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                  enum vmbp_msg_variant v, struct vmbp_gpadl_torndown *out,
                                  struct vmbp_msg_fault *fault)
{
    (void)ctx;
    (void)v;
    (void)fault;
    if (len < sizeof(struct vmbp_gpadl_torndown_wire))
        return VMBP_E_TRUNCATED;
    if (out) {
        out->gpadl = vmbp_load_le32(p + offsetof(struct vmbp_gpadl_torndown_wire, gpadl));
    }
    return VMBP_OK;
}

/* GPADL_HEADER: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_gpadl_header(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                  struct vmbp_gpadl_header *out, struct vmbp_msg_fault *fault,
                                  enum vmbp_msg_variant *variant)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_select_gpadl_header(p, len, ctx, &v);

    if (st != VMBP_OK)
        return st;
    *variant = v;
    return vmbp_priv_msg_body_gpadl_header(p, len, ctx, v, out, fault);
}

/* GPADL_BODY: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_gpadl_body(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                struct vmbp_gpadl_body *out, struct vmbp_msg_fault *fault,
                                enum vmbp_msg_variant *variant)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_select_gpadl_body(p, len, ctx, &v);

    if (st != VMBP_OK)
        return st;
    *variant = v;
    return vmbp_priv_msg_body_gpadl_body(p, len, ctx, v, out, fault);
}

/* GPADL_CREATED: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_gpadl_created(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                   struct vmbp_gpadl_created *out, struct vmbp_msg_fault *fault,
                                   enum vmbp_msg_variant *variant)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_select_gpadl_created(p, len, ctx, &v);

    if (st != VMBP_OK)
        return st;
    *variant = v;
    return vmbp_priv_msg_body_gpadl_created(p, len, ctx, v, out, fault);
}

/* GPADL_TEARDOWN: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_gpadl_teardown(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                    struct vmbp_gpadl_teardown *out,
                                    struct vmbp_msg_fault *fault,
                                    enum vmbp_msg_variant *variant)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_select_gpadl_teardown(p, len, ctx, &v);

    if (st != VMBP_OK)
        return st;
    *variant = v;
    return vmbp_priv_msg_body_gpadl_teardown(p, len, ctx, v, out, fault);
}

/* GPADL_TORNDOWN: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_gpadl_torndown(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                    struct vmbp_gpadl_torndown *out,
                                    struct vmbp_msg_fault *fault,
                                    enum vmbp_msg_variant *variant)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_select_gpadl_torndown(p, len, ctx, &v);

    if (st != VMBP_OK)
        return st;
    *variant = v;
    return vmbp_priv_msg_body_gpadl_torndown(p, len, ctx, v, out, fault);
}

/** @endcond */

/**
 * @brief Decode GPADL_HEADER.
 *
 * The message carries `min((len - 20) / 8, range_buflen / 8)` words; bytes past the range
 * data are ignored (mu_msvm always sends 240 bytes). Ranges whose header lies past this
 * message's words are checked by the reassembler (vmbp_gpadl_reasm_header()).
 *
 * In order: framing and gating (vmbp_msg_select()), the variant's size, then
 * the field checks:
 * - child_relid: 1..2047, else VMBP_E_FIELD_RANGE (VMBP-MSG-009)
 * - rangecount: at least 1 range, else VMBP_E_GPADL_RANGE (VMBP-GPADL-002)
 * - range_buflen: a multiple of 8, at least 16 per range, else VMBP_E_LENGTH_FIELD (VMBP-GPADL-002)
 * - words: a range header with byte count > 0 and byte offset < 4096, else VMBP_E_GPADL_RANGE (VMBP-GPADL-003)
 * - words: each range followed by the PFNs it spans, the ranges filling range_buflen, else VMBP_E_LENGTH_FIELD (VMBP-GPADL-004)
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_gpadl_header_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                             struct vmbp_gpadl_header *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st =
        vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_GPADL_HEADER, 0u, &type);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_gpadl_header((const uint8_t *)buf, len, ctx, out, NULL, &v);
}

/**
 * @brief Encode GPADL_HEADER (20 + 8 * `in->nwords` bytes).
 * @param in  message
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_gpadl_header_encode(const struct vmbp_gpadl_header *in, void *buf, size_t cap,
                             size_t *len)
{
    uint8_t *p = (uint8_t *)buf;
    enum vmbp_status st;
    uint32_t i;

    if (!in || in->nwords > VMBP_GPADL_HEADER_MAX_WORDS)
        return VMBP_E_INVAL;
    st = vmbp_priv_msg_encode_begin(VMBP_MSG_GPADL_HEADER, VMBP_MSGV_GPADL_HEADER,
                                    sizeof(struct vmbp_gpadl_header_wire) + 8u * in->nwords,
                                    buf, cap, len);
    if (st != VMBP_OK)
        return st;
    vmbp_store_le32(p + offsetof(struct vmbp_gpadl_header_wire, child_relid), in->child_relid);
    vmbp_store_le32(p + offsetof(struct vmbp_gpadl_header_wire, gpadl), in->gpadl);
    vmbp_store_le16(p + offsetof(struct vmbp_gpadl_header_wire, range_buflen),
                    in->range_buflen);
    vmbp_store_le16(p + offsetof(struct vmbp_gpadl_header_wire, rangecount), in->rangecount);
    for (i = 0; i < in->nwords; i++)
        vmbp_store_le64(p + sizeof(struct vmbp_gpadl_header_wire) + 8u * i, in->words[i]);
    return VMBP_OK;
}

/**
 * @brief Decode GPADL_BODY.
 *
 * `(len - 16) / 8` PFN words (at most 28). A sender that always sends 240 bytes
 * (mu_msvm) fills unused words with zero; the reassembler takes only the words the GPADL
 * still needs. @c msgnumber is not checked.
 *
 * In order: framing and gating (vmbp_msg_select()), the variant's size, then
 * no field checks.
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_gpadl_body_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                           struct vmbp_gpadl_body *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st =
        vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_GPADL_BODY, 0u, &type);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_gpadl_body((const uint8_t *)buf, len, ctx, out, NULL, &v);
}

/**
 * @brief Encode GPADL_BODY (16 + 8 * `in->nwords` bytes).
 * @param in  message
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_gpadl_body_encode(const struct vmbp_gpadl_body *in, void *buf, size_t cap, size_t *len)
{
    uint8_t *p = (uint8_t *)buf;
    enum vmbp_status st;
    uint32_t i;

    if (!in || in->nwords > VMBP_GPADL_BODY_MAX_WORDS)
        return VMBP_E_INVAL;
    st = vmbp_priv_msg_encode_begin(VMBP_MSG_GPADL_BODY, VMBP_MSGV_GPADL_BODY,
                                    sizeof(struct vmbp_gpadl_body_wire) + 8u * in->nwords, buf,
                                    cap, len);
    if (st != VMBP_OK)
        return st;
    vmbp_store_le32(p + offsetof(struct vmbp_gpadl_body_wire, msgnumber), in->msgnumber);
    vmbp_store_le32(p + offsetof(struct vmbp_gpadl_body_wire, gpadl), in->gpadl);
    for (i = 0; i < in->nwords; i++)
        vmbp_store_le64(p + sizeof(struct vmbp_gpadl_body_wire) + 8u * i, in->words[i]);
    return VMBP_OK;
}

/**
 * @brief Decode GPADL_CREATED.
 *
 * Matching (channel, handle) to a pending GPADL is the caller's business.
 *
 * In order: framing and gating (vmbp_msg_select()), the variant's size, then
 * the field checks:
 * - child_relid: 1..2047, else VMBP_E_FIELD_RANGE (VMBP-GPADL-009)
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_gpadl_created_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                              struct vmbp_gpadl_created *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st =
        vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_GPADL_CREATED, 0u, &type);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_gpadl_created((const uint8_t *)buf, len, ctx, out, NULL, &v);
}

/**
 * @brief Encode GPADL_CREATED (20 bytes).
 * @param in  message
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_gpadl_created_encode(const struct vmbp_gpadl_created *in, void *buf, size_t cap,
                              size_t *len)
{
    uint8_t *p = (uint8_t *)buf;
    enum vmbp_status st;

    if (!in)
        return VMBP_E_INVAL;
    st = vmbp_priv_msg_encode_begin(VMBP_MSG_GPADL_CREATED, VMBP_MSGV_GPADL_CREATED,
                                    sizeof(struct vmbp_gpadl_created_wire), buf, cap, len);
    if (st != VMBP_OK)
        return st;
    vmbp_store_le32(p + offsetof(struct vmbp_gpadl_created_wire, child_relid), in->child_relid);
    vmbp_store_le32(p + offsetof(struct vmbp_gpadl_created_wire, gpadl), in->gpadl);
    vmbp_store_le32(p + offsetof(struct vmbp_gpadl_created_wire, creation_status),
                    in->creation_status);
    return VMBP_OK;
}

/**
 * @brief Decode GPADL_TEARDOWN.
 *
 * In order: framing and gating (vmbp_msg_select()), the variant's size, then
 * the field checks:
 * - child_relid: 1..2047, else VMBP_E_FIELD_RANGE (VMBP-GPADL-009)
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_gpadl_teardown_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                               struct vmbp_gpadl_teardown *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st =
        vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_GPADL_TEARDOWN, 0u, &type);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_gpadl_teardown((const uint8_t *)buf, len, ctx, out, NULL, &v);
}

/**
 * @brief Encode GPADL_TEARDOWN (16 bytes).
 * @param in  message
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_gpadl_teardown_encode(const struct vmbp_gpadl_teardown *in, void *buf, size_t cap,
                               size_t *len)
{
    uint8_t *p = (uint8_t *)buf;
    enum vmbp_status st;

    if (!in)
        return VMBP_E_INVAL;
    st = vmbp_priv_msg_encode_begin(VMBP_MSG_GPADL_TEARDOWN, VMBP_MSGV_GPADL_TEARDOWN,
                                    sizeof(struct vmbp_gpadl_teardown_wire), buf, cap, len);
    if (st != VMBP_OK)
        return st;
    vmbp_store_le32(p + offsetof(struct vmbp_gpadl_teardown_wire, child_relid),
                    in->child_relid);
    vmbp_store_le32(p + offsetof(struct vmbp_gpadl_teardown_wire, gpadl), in->gpadl);
    return VMBP_OK;
}

/**
 * @brief Decode GPADL_TORNDOWN.
 *
 * No field checks: any handle.
 *
 * In order: framing and gating (vmbp_msg_select()), the variant's size, then
 * no field checks.
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_gpadl_torndown_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                               struct vmbp_gpadl_torndown *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st =
        vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_GPADL_TORNDOWN, 0u, &type);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_gpadl_torndown((const uint8_t *)buf, len, ctx, out, NULL, &v);
}

/**
 * @brief Encode GPADL_TORNDOWN (12 bytes).
 * @param in  message
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_gpadl_torndown_encode(const struct vmbp_gpadl_torndown *in, void *buf, size_t cap,
                               size_t *len)
{
    uint8_t *p = (uint8_t *)buf;
    enum vmbp_status st;

    if (!in)
        return VMBP_E_INVAL;
    st = vmbp_priv_msg_encode_begin(VMBP_MSG_GPADL_TORNDOWN, VMBP_MSGV_GPADL_TORNDOWN,
                                    sizeof(struct vmbp_gpadl_torndown_wire), buf, cap, len);
    if (st != VMBP_OK)
        return st;
    vmbp_store_le32(p + offsetof(struct vmbp_gpadl_torndown_wire, gpadl), in->gpadl);
    return VMBP_OK;
}

/**
 * @brief Field descriptors of the gpadl family's variants (GPADL_HEADER, GPADL_BODY, GPADL_CREATED, GPADL_TEARDOWN, GPADL_TORNDOWN).
 * @param v variant
 * @param n receives the number of entries (may be NULL)
 * @return a static table, or NULL (and @p n untouched) for a variant of another family
 */
VMBP_INLINE const struct vmbp_msg_field *vmbp_msg_gpadl_fields(enum vmbp_msg_variant v,
                                                               size_t *n)
{
    const struct vmbp_msg_field *tab;
    size_t count;

    switch (v) {
    case VMBP_MSGV_GPADL_HEADER:
        tab = vmbp_priv_fields_gpadl_header;
        count =
            sizeof(vmbp_priv_fields_gpadl_header) / sizeof(vmbp_priv_fields_gpadl_header[0]);
        break;
    case VMBP_MSGV_GPADL_BODY:
        tab = vmbp_priv_fields_gpadl_body;
        count = sizeof(vmbp_priv_fields_gpadl_body) / sizeof(vmbp_priv_fields_gpadl_body[0]);
        break;
    case VMBP_MSGV_GPADL_CREATED:
        tab = vmbp_priv_fields_gpadl_created;
        count =
            sizeof(vmbp_priv_fields_gpadl_created) / sizeof(vmbp_priv_fields_gpadl_created[0]);
        break;
    case VMBP_MSGV_GPADL_TEARDOWN:
        tab = vmbp_priv_fields_gpadl_teardown;
        count = sizeof(vmbp_priv_fields_gpadl_teardown) /
                sizeof(vmbp_priv_fields_gpadl_teardown[0]);
        break;
    case VMBP_MSGV_GPADL_TORNDOWN:
        tab = vmbp_priv_fields_gpadl_torndown;
        count = sizeof(vmbp_priv_fields_gpadl_torndown) /
                sizeof(vmbp_priv_fields_gpadl_torndown[0]);
        break;
    default:
        return NULL;
    }
    if (n)
        *n = count;
    return tab;
}
/* @generated end codec */

/**
 * @brief A range list laid out as GPADL messages: built by vmbp_gpadl_plan_init(), read by
 * vmbp_gpadl_plan_message(). Refers to the caller's ranges, which must stay unchanged.
 */
struct vmbp_gpadl_plan {
    uint32_t child_relid;                /**< channel ID */
    uint32_t gpadl;                      /**< GPADL handle */
    const struct vmbp_gpa_range *ranges; /**< the caller's ranges */
    uint16_t rangecount;                 /**< number of ranges */
    uint16_t range_buflen;               /**< 8 * nwords */
    uint32_t nwords;                     /**< range-data words, <= 8191 */
    uint32_t nmsgs;                      /**< messages: 1 header + bodies */
};

/**
 * @brief Check a range list and lay it out as one GPADL_HEADER and the GPADL_BODY messages
 * it needs (VMBP-GPADL-006).
 *
 * Every range needs a byte count > 0 and a byte offset < 4096 (VMBP_E_GPADL_RANGE) and
 * its PFN array (VMBP_E_INVAL); the list needs 1..65535 ranges and at most 8191 words in
 * total, i.e. `range_buflen` <= 65528 (VMBP_E_GPADL_TOO_LARGE; VMBP_E_GPADL_RANGE for none).
 * The sums are computed in 64 bits with early exits, so no input overflows them.
 * @param plan        receives the layout
 * @param child_relid channel ID
 * @param gpadl       GPADL handle
 * @param ranges      ranges, each with vmbp_gpa_range_pages() PFNs
 * @param nranges     number of ranges
 * @return VMBP_OK or the failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_gpadl_plan_init(struct vmbp_gpadl_plan *plan, uint32_t child_relid, uint32_t gpadl,
                     const struct vmbp_gpa_range *ranges, size_t nranges)
{
    uint64_t words = 0;
    size_t i;

    if (!plan || (!ranges && nranges != 0))
        return VMBP_E_INVAL;
    if (nranges == 0)
        return VMBP_E_GPADL_RANGE;
    if (nranges > 0xFFFFu)
        return VMBP_E_GPADL_TOO_LARGE;
    for (i = 0; i < nranges; i++) {
        if (ranges[i].byte_count == 0 || ranges[i].byte_offset >= VMBP_HV_PAGE_SIZE)
            return VMBP_E_GPADL_RANGE;
        if (!ranges[i].pfns)
            return VMBP_E_INVAL;
        words += 1u + vmbp_gpa_range_pages(ranges[i].byte_offset, ranges[i].byte_count);
        if (words > VMBP_GPADL_MAX_WORDS)
            return VMBP_E_GPADL_TOO_LARGE;
    }
    plan->child_relid = child_relid;
    plan->gpadl = gpadl;
    plan->ranges = ranges;
    plan->rangecount = (uint16_t)nranges;
    plan->nwords = (uint32_t)words;
    plan->range_buflen = (uint16_t)(plan->nwords * 8u);
    plan->nmsgs = 1u;
    if (plan->nwords > VMBP_GPADL_HEADER_MAX_WORDS)
        plan->nmsgs +=
            (plan->nwords - VMBP_GPADL_HEADER_MAX_WORDS + VMBP_GPADL_BODY_MAX_WORDS - 1u) /
            VMBP_GPADL_BODY_MAX_WORDS;
    return VMBP_OK;
}

/** @cond VMBP_INTERNAL */
/* Copy words [first, first + n) of the plan's range data into out; first + n <= nwords.
 * `pos` is the word's position in its range: 0 for the range header word, then its PFNs;
 * every PFN read is guarded by `pos < span` of the range it reads. Both loops are bounded:
 * the first by the range count, the second by n. */
VMBP_INLINE void vmbp_priv_gpadl_plan_words(const struct vmbp_gpadl_plan *plan, uint32_t first,
                                            uint32_t n, uint64_t *out)
{
    const struct vmbp_gpa_range *rg = plan->ranges;
    uint32_t r, pos = first, k, span = 0;

    for (r = 0; r < plan->rangecount; r++) {
        span = 1u + (uint32_t)vmbp_gpa_range_pages(rg[r].byte_offset, rg[r].byte_count);
        if (pos < span)
            break;
        pos -= span;
    }
    if (r >= plan->rangecount)
        return;
    for (k = 0; k < n; k++) {
        if (pos >= span) {
            r++;
            if (r >= plan->rangecount)
                return;
            span = 1u + (uint32_t)vmbp_gpa_range_pages(rg[r].byte_offset, rg[r].byte_count);
            pos = 0;
        }
        out[k] = pos == 0 ? VMBP_GPA_RANGE_WORD(rg[r].byte_count, rg[r].byte_offset)
                          : rg[r].pfns[pos - 1u];
        pos++;
    }
}
/** @endcond */

/**
 * @brief Encode message @p index of a plan: 0 is the GPADL_HEADER (with up to 27 words),
 * 1.. the GPADL_BODY messages (up to 28 words each, @c msgnumber 0 as Linux and mu_msvm
 * send it). Each message is exactly as long as the words it carries.
 * @param plan  layout from vmbp_gpadl_plan_init()
 * @param index message number, below `plan->nmsgs`
 * @param buf   output
 * @param cap   bytes available at @p buf
 * @param len   receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL for a NULL plan or an index past the end
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_gpadl_plan_message(const struct vmbp_gpadl_plan *plan, uint32_t index, void *buf,
                        size_t cap, size_t *len)
{
    if (!plan || !len || index >= plan->nmsgs)
        return VMBP_E_INVAL;
    if (index == 0) {
        struct vmbp_gpadl_header h;

        VMBP_MEMSET(&h, 0, sizeof(h)); /* every word defined, whatever the plan holds */
        h.child_relid = plan->child_relid;
        h.gpadl = plan->gpadl;
        h.range_buflen = plan->range_buflen;
        h.rangecount = plan->rangecount;
        h.nwords = plan->nwords < VMBP_GPADL_HEADER_MAX_WORDS ? plan->nwords
                                                              : VMBP_GPADL_HEADER_MAX_WORDS;
        vmbp_priv_gpadl_plan_words(plan, 0, h.nwords, h.words);
        return vmbp_msg_gpadl_header_encode(&h, buf, cap, len);
    } else {
        struct vmbp_gpadl_body b;
        uint32_t first = VMBP_GPADL_HEADER_MAX_WORDS + (index - 1u) * VMBP_GPADL_BODY_MAX_WORDS;

        VMBP_MEMSET(&b, 0, sizeof(b)); /* msgnumber 0, as Linux and mu_msvm send it */
        b.gpadl = plan->gpadl;
        b.nwords = plan->nwords - first < VMBP_GPADL_BODY_MAX_WORDS ? plan->nwords - first
                                                                    : VMBP_GPADL_BODY_MAX_WORDS;
        vmbp_priv_gpadl_plan_words(plan, first, b.nwords, b.words);
        return vmbp_msg_gpadl_body_encode(&b, buf, cap, len);
    }
}

/** @brief Reassembler states (`struct vmbp_gpadl_reasm` @c state). */
enum vmbp_gpadl_reasm_state {
    VMBP_GPADL_REASM_EMPTY = 0,      /**< waiting for GPADL_HEADER */
    VMBP_GPADL_REASM_COLLECTING = 1, /**< header seen, bodies expected */
    VMBP_GPADL_REASM_COMPLETE = 2,   /**< all range data present and valid */
    VMBP_GPADL_REASM_FAILED = 3      /**< a message was rejected; re-initialise */
};

/**
 * @brief Reassembles one GPADL from its GPADL_HEADER and GPADL_BODY messages into
 * caller-provided word storage (up to 8191 words, 64 KiB). One per in-progress GPADL.
 */
struct vmbp_gpadl_reasm {
    uint32_t child_relid;  /**< from the header */
    uint32_t gpadl;        /**< from the header; bodies must match */
    uint16_t range_buflen; /**< from the header */
    uint16_t rangecount;   /**< from the header */
    uint32_t nwords;       /**< words expected: range_buflen / 8 */
    uint32_t have;         /**< words received */
    uint64_t *words;       /**< caller storage */
    uint32_t cap;          /**< words of storage */
    uint32_t state;        /**< `enum vmbp_gpadl_reasm_state` */
};

/**
 * @brief Prepare a reassembler.
 * @param r     reassembler
 * @param words storage for the range data (host order)
 * @param cap   words at @p words; VMBP_GPADL_MAX_WORDS always suffices
 * @return VMBP_OK, VMBP_E_INVAL for NULL arguments
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_gpadl_reasm_init(struct vmbp_gpadl_reasm *r,
                                                                   uint64_t *words, size_t cap)
{
    if (!r || (!words && cap != 0))
        return VMBP_E_INVAL;
    VMBP_MEMSET(r, 0, sizeof(*r));
    r->words = words;
    r->cap = cap > VMBP_GPADL_MAX_WORDS ? VMBP_GPADL_MAX_WORDS : (uint32_t)cap;
    r->state = VMBP_GPADL_REASM_EMPTY;
    return VMBP_OK;
}

/** @cond VMBP_INTERNAL */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_gpadl_reasm_add(struct vmbp_gpadl_reasm *r, const uint64_t *w, uint32_t n)
{
    uint32_t i;
    uint32_t at;
    enum vmbp_status st;

    /* words past the GPADL's end are ignored; the store index is checked against the
     * expected count itself, which the header bounded by the storage */
    for (i = 0; i < n && r->have < r->nwords; i++)
        r->words[r->have++] = w[i];
    st = vmbp_priv_gpa_walk(NULL, r->words, r->have, r->nwords, r->rangecount, &at);
    if (st != VMBP_OK) {
        r->state = VMBP_GPADL_REASM_FAILED;
        return st;
    }
    if (r->have < r->nwords)
        return VMBP_E_PENDING;
    r->state = VMBP_GPADL_REASM_COMPLETE;
    return VMBP_OK;
}
/** @endcond */

/**
 * @brief Feed the GPADL_HEADER (VMBP-GPADL-008).
 * @param r reassembler, freshly initialised
 * @param h decoded header (vmbp_msg_gpadl_header_decode())
 * @return VMBP_OK when the header carried all range data, VMBP_E_PENDING when bodies must
 * follow, VMBP_E_GPADL_SEQUENCE when a header was already fed, VMBP_E_NOSPACE when the
 * storage is smaller than `range_buflen / 8` words, or a range-data failure
 * (VMBP_E_GPADL_RANGE, VMBP_E_LENGTH_FIELD); any failure but VMBP_E_INVAL makes the
 * reassembler FAILED
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_gpadl_reasm_header(struct vmbp_gpadl_reasm *r, const struct vmbp_gpadl_header *h)
{
    enum vmbp_status st;
    uint32_t nwords;

    if (!r || !h || h->nwords > VMBP_GPADL_HEADER_MAX_WORDS)
        return VMBP_E_INVAL;
    if (r->state != VMBP_GPADL_REASM_EMPTY) {
        r->state = VMBP_GPADL_REASM_FAILED;
        return VMBP_E_GPADL_SEQUENCE;
    }
    nwords = h->range_buflen / 8u;
    st = vmbp_priv_gpadl_header_fixed(h->range_buflen, h->rangecount);
    if (st == VMBP_OK && nwords > r->cap)
        st = VMBP_E_NOSPACE;
    if (st != VMBP_OK) {
        r->state = VMBP_GPADL_REASM_FAILED;
        return st;
    }
    r->child_relid = h->child_relid;
    r->gpadl = h->gpadl;
    r->range_buflen = h->range_buflen;
    r->rangecount = h->rangecount;
    r->nwords = nwords;
    r->have = 0;
    r->state = VMBP_GPADL_REASM_COLLECTING;
    return vmbp_priv_gpadl_reasm_add(r, h->words, h->nwords);
}

/**
 * @brief Feed a GPADL_BODY. Words beyond those the GPADL still needs are ignored
 * (OpenVMM: "some clients (e.g. UEFI) always pass the maximum message length").
 * @param r reassembler
 * @param b decoded body (vmbp_msg_gpadl_body_decode())
 * @return VMBP_OK when the GPADL is complete and valid, VMBP_E_PENDING when more bodies
 * must follow, VMBP_E_GPADL_SEQUENCE for a body before the header, after completion or with
 * another handle, or a range-data failure; any failure but VMBP_E_INVAL makes the
 * reassembler FAILED
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_gpadl_reasm_body(struct vmbp_gpadl_reasm *r, const struct vmbp_gpadl_body *b)
{
    if (!r || !b || b->nwords > VMBP_GPADL_BODY_MAX_WORDS)
        return VMBP_E_INVAL;
    if (r->state != VMBP_GPADL_REASM_COLLECTING || b->gpadl != r->gpadl) {
        r->state = VMBP_GPADL_REASM_FAILED;
        return VMBP_E_GPADL_SEQUENCE;
    }
    return vmbp_priv_gpadl_reasm_add(r, b->words, b->nwords);
}

/**
 * @brief Range @p index of a complete reassembly; @c pfns points into the storage.
 * @param r     complete reassembler
 * @param index range number, below `r->rangecount`
 * @param out   receives the range
 * @return VMBP_OK, VMBP_E_STATE when not complete (or the storage changed since), VMBP_E_INVAL
 * for a bad index
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_gpadl_reasm_range(const struct vmbp_gpadl_reasm *r, uint32_t index,
                       struct vmbp_gpa_range *out)
{
    uint32_t pos = 0, k;

    if (!r || !out)
        return VMBP_E_INVAL;
    if (r->state != VMBP_GPADL_REASM_COMPLETE)
        return VMBP_E_STATE;
    if (index >= r->rangecount)
        return VMBP_E_INVAL;
    for (k = 0; pos < r->nwords; k++) { /* pos grows by at least 1 a range */
        uint64_t w = r->words[pos];
        uint32_t count = (uint32_t)(w & 0xFFFFFFFFu), offset = (uint32_t)(w >> 32);

        if (k == index) {
            out->byte_count = count;
            out->byte_offset = offset;
            out->pfns = r->words + pos + 1;
            return VMBP_OK;
        }
        pos += 1u + (uint32_t)vmbp_gpa_range_pages(offset, count);
    }
    return VMBP_E_STATE; /* the words changed since completion (the caller's storage) */
}

#if defined(__cplusplus)
}
#endif

/** @} */

#endif /* VMBP_MSG_GPADL_H */
