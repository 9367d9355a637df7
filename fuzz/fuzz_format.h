/* SPDX-License-Identifier: MIT */
/*
 * Input layouts of the fuzz targets, shared by the harnesses and the seed generator
 * (gen_seeds.c). All multi-byte fields are little-endian; an input that ends early reads as
 * zeroes from there on, so every byte string is a valid input.
 *
 * Ring readers (fuzz_ring_read, fuzz_ring_race, fuzz_ring_host):
 *   u8      cfg      FZ_RCFG_*: flags of vmbp_ring_init, attach or reset, racing host, and
 *                    an optional bad-argument case of vmbp_ring_init (bits 4-7)
 *   u16     size     data area = 8 * (4 + size % 509) bytes: 32 to 4096; from 0xF000 on,
 *                    4096 * (1 + size % 5) bytes: 1 to 5 pages
 *   u32 x5  control  write_index, read_index, interrupt_mask, pending_send_sz, feature_bits
 *   u8      nops     operations (at most FZ_MAX_OPS are run)
 *   4*nops  ops      FZ_ROP_* and three argument bytes each
 *   u16     imglen   bytes of the data area image that follow (copied from data offset 0; at
 *                    most 4096)
 *   imglen  image
 *   rest    stream   bytes of a racing host (fresh bytes for the library's reads) and of
 *                    the host's writes between calls (FZ_ROP_HOST_DATA)
 *
 * Ring writer (fuzz_ring_write): the same header with cfg FZ_WCFG_*, then
 *   u8      nops
 *   8*nops  ops      FZ_WOP_* and seven argument bytes each
 *   rest    stream   payload bytes of the packets, then racing-host bytes
 *
 * Racing host (stream, per shared read of n bytes): one byte c, then
 *   c % 4 == 0  leave the bytes
 *   c % 4 == 1  overwrite all n bytes with the next n stream bytes
 *   c % 4 == 2  xor byte (next % n) with the next byte
 *   c % 4 == 3  a 4-byte word: add 8 * (signed next byte); else as 2
 *
 * SynIC (fuzz_synic): u8 op (FZ_SOP_*), then the op's bytes; repeated while input remains
 * (at most FZ_MAX_OPS ops).
 */
#ifndef VMBP_FUZZ_FORMAT_H
#define VMBP_FUZZ_FORMAT_H

#define FZ_MAX_OPS 64u

/* Reader and writer cfg bits. */
#define FZ_RCFG_TRUSTED 0x01u /* VMBP_RING_F_TRUSTED (readers) */
#define FZ_RCFG_LEGACY 0x02u  /* VMBP_RING_F_LEGACY_TYPES (readers) */
#define FZ_WCFG_HOST 0x01u    /* writer: VMBP_RING_HOST_SEND instead of GUEST_SEND */
#define FZ_CFG_ATTACH 0x04u   /* no VMBP_RING_F_RESET: the control page is written first */
#define FZ_CFG_RACE 0x08u     /* a racing host rewrites bytes before every shared read */
#define FZ_CFG_INIT_SHIFT 4u  /* bits 4-7: a bad vmbp_ring_init argument (FZ_INIT_*) */

/* Bad-argument cases of vmbp_ring_init; each must give VMBP_E_INVAL and touch nothing. */
#define FZ_INIT_NONE 0u
#define FZ_INIT_SHORT 1u     /* ring_bytes below the control page */
#define FZ_INIT_ODD_SIZE 2u  /* data area not a multiple of 8 */
#define FZ_INIT_TINY 3u      /* data area below VMBP_RING_DATA_MIN */
#define FZ_INIT_HUGE 4u      /* data area above VMBP_RING_DATA_MAX */
#define FZ_INIT_MISALIGN 5u  /* ring memory not 8-byte aligned */
#define FZ_INIT_FLAGS 6u     /* unknown flag */
#define FZ_INIT_ROLE 7u      /* unknown role */
#define FZ_INIT_NULL_RING 8u /* r == NULL */
#define FZ_INIT_NULL_MEM 9u  /* ring_mem == NULL */
#define FZ_INIT_START 10u    /* reader: no START flag or both; writer: one (VMBP-RING-031) */

#define FZ_SIZE_MOD 509u           /* data size = 8 * (4 + code % FZ_SIZE_MOD) */
#define FZ_SIZE_PAGES_FROM 0xF000u /* codes from here: data size = 4096 * (1 + code % 5) */

/* Reader operations: code, a0, a1, a2. */
#define FZ_ROP_READ                                                                            \
    0u                         /* cap = a0 | a1 << 8 (0: buf NULL; 1: buf NULL with cap 64,
                                  a bad argument; >= 0xFF00: whole ring);
                                  a2 bit 0: signal NULL, bit 1: pkt NULL */
#define FZ_ROP_PEEK 1u         /* cap as READ; a2 bit 1: pkt NULL, bit 2: release after it */
#define FZ_ROP_PEEK_INPLACE 2u /* a2 bit 0: view NULL, bit 1: pkt NULL */
#define FZ_ROP_COMMIT 3u       /* end of batch; a2 bit 0: signal NULL */
#define FZ_ROP_MASK_BEGIN 4u
#define FZ_ROP_COMMIT_NO_MORE 5u /* vmbp_ring_commit without its required `more` */
#define FZ_ROP_HOST_WORD 6u      /* word a0 % 5 (FZ_W_*) = a1 | a2 << 8 (times 8 if a0 bit 7) */
#define FZ_ROP_HOST_DATA 7u      /* a2 stream bytes at data offset (a0 | a1 << 8) % size */
#define FZ_ROP_WRONG_ROLE 8u     /* writer calls on the reader, NULL rings (a0 bit 0) */
#define FZ_ROP_HOST_PACKET                                                                     \
    9u /* the host appends a well-formed packet: type a0 % 14, a1
                                  8-byte units of stream bytes, flags a2, then publishes */
#define FZ_ROP_ARITH                                                                           \
    10u /* ring.h index arithmetic on five stream words (size, two
                                  indices, a third index, a count) against its model */
#define FZ_ROP_COUNT 11u

/* Writer operations: code, a0..a6. */
#define FZ_WOP_WRITE                                                                           \
    0u                         /* type a0, flags a1, ext_len a2, body (a3 | a4 << 8) %
                                  (size + 16), gather list shape a5 (FZ_SEG_*), split a6;
                                  trans_id: 8 stream bytes, then the body bytes */
#define FZ_WOP_WRITE_ADD 1u    /* as WRITE, without the commit */
#define FZ_WOP_COMMIT 2u       /* a0 bit 0: signal NULL */
#define FZ_WOP_PENDING_SET 3u  /* bytes = a0 | a1 << 8 | a2 << 16; a3 bit 0: ready NULL */
#define FZ_WOP_NEEDED 4u       /* vmbp_ring_write_needed() against the model */
#define FZ_WOP_HOST_WORD 5u    /* as FZ_ROP_HOST_WORD */
#define FZ_WOP_HOST_CONSUME 6u /* the host reads up to a0 packets and publishes read_index */
#define FZ_WOP_WRONG_ROLE 7u   /* reader calls on the writer, NULL rings (a0 bit 0) */
#define FZ_WOP_COUNT 8u

/* Gather list shape byte a5 of a write. */
#define FZ_SEG_COUNT(a5) (((a5)&7u) % 5u) /* 0 to 4 segments (0: no body) */
#define FZ_SEG_HUGE 0x08u /* the last segment claims VMBP_PKT_MAX_LEN + 1 bytes */
#define FZ_SEG_MAX_PAIR                                                                        \
    0x10u                       /* two segments of VMBP_PKT_MAX_LEN - 8 (with HUGE:
                                        VMBP_PKT_MAX_LEN) and 8 bytes: past the packet limit */
#define FZ_SEG_NULL_PTR 0x20u   /* a non-empty segment with a NULL pointer */
#define FZ_SEG_NULL_LIST 0x40u  /* segs == NULL */
#define FZ_SEG_NULL_EMPTY 0x80u /* empty segments get a NULL pointer (allowed) */

/* Control words, in FZ_*OP_HOST_WORD order, and their byte offsets in the page. */
#define FZ_W_WRITE 0u
#define FZ_W_READ 1u
#define FZ_W_MASK 2u
#define FZ_W_PENDING 3u
#define FZ_W_FEATURES 4u

/* SynIC operations. */
#define FZ_SOP_SNAPSHOT 0u /* 256 slot bytes; then complete: u8 how, u32 seen_type */
#define FZ_SOP_SCAN 1u     /* 256 flag bytes, u16 first, u8 cap */
#define FZ_SOP_TAKE 2u     /* 256 flag bytes, u8 cap, u8 tac (0: default), race bytes */
#define FZ_SOP_REGS 3u     /* u64 value, u8 register, u8 sint: register decoders */
#define FZ_SOP_HVCALL 4u   /* u64 control, u64 result, u16 status: hypercall words */
#define FZ_SOP_CPUID 5u    /* 4 x u32: CPUID leaf decoders */
#define FZ_SOP_COUNT 6u

#endif /* VMBP_FUZZ_FORMAT_H */
