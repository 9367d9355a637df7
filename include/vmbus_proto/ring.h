/* SPDX-License-Identifier: MIT */
/**
 * @file ring.h
 * @brief Ring buffer layout: the 4 KiB control page, the data area, and pure index
 * arithmetic (available, free, advance, the consistency checks and the signal predicates).
 *
 * A channel has two rings, one per direction, each a control page followed by a data area
 * (spec/ring.md). The writer of a ring owns `write_index`, `pending_send_sz` and
 * `feature_bits`; the reader owns `read_index` and `interrupt_mask`. Indices are byte offsets
 * into the data area, 8-byte aligned, below its size. The ring is empty when the indices are
 * equal; a writer always leaves 8 bytes free, so a full ring never looks empty.
 *
 * Nothing here touches shared memory: these functions work on index values the caller has
 * already loaded once (through shared.h) and return a status for values a peer could not
 * legitimately have written. The reference implementation (`vmbus_proto/vmbp_ring.h`) is built
 * on them.
 *
 * Sources: Linux `include/linux/hyperv.h` (`hv_ring_buffer`) and
 * `drivers/hv/ring_buffer.c`; OpenVMM `vm/devices/vmbus/vmbus_ring/src/lib.rs` (control word
 * numbers, `available`, `free`, `validate`, `commit_read`, `commit_write`); mu_msvm
 * `MsvmPkg/Include/Vmbus/VmbusPacketFormat.h` (`VMRCB`) and `MsvmPkg/EmclDxe/RingBuffer.c`;
 * DPDK `drivers/bus/vmbus/rte_vmbus_reg.h`; FreeBSD `sys/dev/hyperv/vmbus/vmbus_reg.h`.
 */
#ifndef VMBP_RING_H
#define VMBP_RING_H

#include "port.h"
#include "status.h"

/** @defgroup vmbp_ring Ring layout and index arithmetic
 *  @brief Control page, data area, index validation, free space and signal predicates.
 *  @{
 */

/** @brief Size of the control page; the data area starts at this offset of the ring. */
#define VMBP_RING_CONTROL_SIZE 4096u
/** @brief Alignment of indices and packets, and the gap a writer always leaves free. */
#define VMBP_RING_ALIGN 8u
/** @brief `feature_bits` bit 0: the writer sets `pending_send_sz` and wants to be signalled. */
#define VMBP_RING_FEATURE_PENDING_SEND_SZ 0x1u
/**
 * @brief Mask applied to a peer's `pending_send_sz` before use: some peers write
 * `ring_size - 1` (OpenVMM `commit_read` masks with `!7` for that reason).
 */
#define VMBP_RING_PENDING_MASK (~7u)
/**
 * @brief Smallest data area the reference implementation accepts: one empty packet
 * (descriptor and trailer, 24 bytes) plus the 8-byte gap.
 */
#define VMBP_RING_DATA_MIN 32u
/**
 * @brief Largest data area: indices are 32-bit and `index + length` must not overflow.
 * (Real rings are at most a few MiB; OpenVMM requires the size to fit a u32.)
 */
#define VMBP_RING_DATA_MAX 0x80000000u

/**
 * @brief Ring control page (4096 bytes, at the start of the ring).
 *
 * Linux `hv_ring_buffer`, OpenVMM control words 0 to 3 and 16, mu_msvm `VMRCB`,
 * DPDK `vmbus_bufring`. FreeBSD stores a guest statistic (`br_g2h_intr_cnt`) at
 * offset 4088 of the page: nothing here reads or writes the reserved area.
 */
struct vmbp_ring_control_wire {
    uint32_t write_index;     /**< written by the writer: offset of the next packet to write */
    uint32_t read_index;      /**< written by the reader: offset of the next packet to read */
    uint32_t interrupt_mask;  /**< written by the reader: non-zero = do not signal me */
    uint32_t pending_send_sz; /**< written by the writer: free bytes it waits for, 0 = none */
    uint32_t rsvdz1[12];      /**< reserved */
    uint32_t feature_bits;    /**< written by the writer: VMBP_RING_FEATURE_PENDING_SEND_SZ */
    uint32_t rsvdz2[1007];    /**< reserved to the end of the page */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_ring_control_wire) == 4096, vmbp_ring_control_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_ring_control_wire, write_index) == 0,
                   vmbp_ring_control_write_index);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_ring_control_wire, read_index) == 4,
                   vmbp_ring_control_read_index);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_ring_control_wire, interrupt_mask) == 8,
                   vmbp_ring_control_interrupt_mask);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_ring_control_wire, pending_send_sz) == 12,
                   vmbp_ring_control_pending_send_sz);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_ring_control_wire, rsvdz1) == 16,
                   vmbp_ring_control_rsvdz1);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_ring_control_wire, feature_bits) == 64,
                   vmbp_ring_control_feature_bits);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_ring_control_wire, rsvdz2) == 68,
                   vmbp_ring_control_rsvdz2);

#if defined(__cplusplus)
extern "C" {
#endif

/**
 * @brief Whether @p size can be the size of a data area: a multiple of 8 from
 * VMBP_RING_DATA_MIN to VMBP_RING_DATA_MAX. (Real rings are multiples of 4096; smaller ones
 * are allowed for tests.)
 * @param size data area size in bytes
 * @return true if usable
 */
VMBP_INLINE bool vmbp_ring_size_valid(uint32_t size)
{
    return size >= VMBP_RING_DATA_MIN && size <= VMBP_RING_DATA_MAX &&
           size % VMBP_RING_ALIGN == 0;
}

/**
 * @brief Whether @p idx is a valid index for a data area of @p size bytes (VMBP-RING-010).
 * @param size data area size
 * @param idx  index value loaded from the control page
 * @return true if `idx < size` and `idx` is 8-byte aligned
 */
VMBP_INLINE bool vmbp_ring_index_valid(uint32_t size, uint32_t idx)
{
    return idx < size && idx % VMBP_RING_ALIGN == 0;
}

/**
 * @brief Index @p n bytes after @p idx, wrapping at @p size: `(idx + n) mod size` by one
 * conditional subtraction, right for every size (not only powers of two).
 *
 * The arithmetic of a ring's own, already validated, values: no checks (vmbp_ring_advance()
 * checks its arguments).
 * @param size data area size (vmbp_ring_size_valid())
 * @param idx  index below @p size
 * @param n    byte count, at most @p size
 * @return the index, below @p size
 */
VMBP_INLINE uint32_t vmbp_ring_index_add(uint32_t size, uint32_t idx, uint32_t n)
{
    uint32_t sum = idx + n; /* below 2^32: size is at most 2^31 */

    return sum >= size ? sum - size : sum;
}

/**
 * @brief Bytes from index @p a forward to index @p b: `(b - a) mod size`, by one
 * conditional subtraction. Preconditions as vmbp_ring_index_add().
 * @param size data area size (vmbp_ring_size_valid())
 * @param a    index below @p size
 * @param b    index below @p size
 * @return the distance, below @p size
 */
VMBP_INLINE uint32_t vmbp_ring_index_dist(uint32_t size, uint32_t a, uint32_t b)
{
    /* b + (size - a), wrapped: no case depends on the order of a and b, so the result's
     * bound is plain to an analyser that does not relate two variables */
    return vmbp_ring_index_add(size, b, size - a);
}

/**
 * @brief Bytes written and not yet read: `(w - r) mod size`.
 * @param size  data area size (vmbp_ring_size_valid())
 * @param w     write index
 * @param r     read index
 * @param avail receives the byte count (written only on success)
 * @return VMBP_OK; VMBP_E_INVAL for a bad size; VMBP_E_RING_WRITE_INDEX or
 * VMBP_E_RING_READ_INDEX for an index out of range or misaligned
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_ring_avail(uint32_t size, uint32_t w,
                                                             uint32_t r, uint32_t *avail)
{
    if (!vmbp_ring_size_valid(size))
        return VMBP_E_INVAL;
    if (!vmbp_ring_index_valid(size, w))
        return VMBP_E_RING_WRITE_INDEX;
    if (!vmbp_ring_index_valid(size, r))
        return VMBP_E_RING_READ_INDEX;
    *avail = vmbp_ring_index_dist(size, r, w);
    return VMBP_OK;
}

/**
 * @brief Bytes a writer may still write: the data area minus the bytes in use minus the
 * 8-byte gap that keeps a full ring distinguishable from an empty one. A packet of `n` ring
 * bytes (trailer included) fits when `n <= free`.
 *
 * OpenVMM `free()`; Linux and DPDK refuse a write when `size - used <= n`, which is the
 * same for 8-aligned sizes.
 * @param size data area size
 * @param w    write index
 * @param r    read index
 * @param free_bytes receives the byte count (written only on success)
 * @return as vmbp_ring_avail()
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_ring_free(uint32_t size, uint32_t w,
                                                            uint32_t r, uint32_t *free_bytes)
{
    uint32_t used = 0;
    enum vmbp_status st = vmbp_ring_avail(size, w, r, &used);

    if (st != VMBP_OK)
        return st;
    *free_bytes = size - used - VMBP_RING_ALIGN;
    return VMBP_OK;
}

/**
 * @brief Index @p n bytes after @p idx, wrapping at @p size.
 * @param size data area size
 * @param idx  valid index
 * @param n    byte count, a multiple of 8 below @p size
 * @param out  receives the new index (written only on success)
 * @return VMBP_OK; VMBP_E_INVAL for a bad size, index or count
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_ring_advance(uint32_t size, uint32_t idx,
                                                               uint32_t n, uint32_t *out)
{
    if (!vmbp_ring_size_valid(size) || !vmbp_ring_index_valid(size, idx) || n >= size ||
        n % VMBP_RING_ALIGN != 0)
        return VMBP_E_INVAL;
    *out = vmbp_ring_index_add(size, idx, n);
    return VMBP_OK;
}

/**
 * @brief Writer's rule for a read index loaded from the peer (VMBP-RING-015), on the
 * writer's own state, which is valid by construction: the reader can only have consumed
 * bytes that were published, so the new read index lies between the last one accepted and
 * the last write index published, going forward. The reference ring applies this to every
 * read index it takes; vmbp_ring_read_index_check() is the same rule with the state checked
 * first.
 * @param size   data area size (vmbp_ring_size_valid())
 * @param w_pub  write index we last published (valid)
 * @param r_seen read index we last accepted (valid)
 * @param r_new  read index just loaded (any value)
 * @return VMBP_OK; VMBP_E_RING_READ_INDEX when out of range or misaligned;
 * VMBP_E_RING_READ_PAST_WRITE when it claims bytes never written
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_ring_read_index_accept(uint32_t size, uint32_t w_pub, uint32_t r_seen, uint32_t r_new)
{
    if (!vmbp_ring_index_valid(size, r_new))
        return VMBP_E_RING_READ_INDEX;
    if (vmbp_ring_index_dist(size, r_new, w_pub) > vmbp_ring_index_dist(size, r_seen, w_pub))
        return VMBP_E_RING_READ_PAST_WRITE;
    return VMBP_OK;
}

/**
 * @brief Writer's check of a read index loaded from the peer (VMBP-RING-015), with the
 * writer's state checked first: vmbp_ring_read_index_accept() on checked arguments.
 * @param size   data area size
 * @param w_pub  write index we last published
 * @param r_seen read index we last accepted
 * @param r_new  read index just loaded
 * @return VMBP_OK; VMBP_E_RING_READ_INDEX when out of range or misaligned;
 * VMBP_E_RING_READ_PAST_WRITE when it claims bytes never written; VMBP_E_INVAL when
 * @p size, @p w_pub or @p r_seen are not valid
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_ring_read_index_check(uint32_t size, uint32_t w_pub, uint32_t r_seen, uint32_t r_new)
{
    if (!vmbp_ring_size_valid(size) || !vmbp_ring_index_valid(size, w_pub) ||
        !vmbp_ring_index_valid(size, r_seen))
        return VMBP_E_INVAL;
    return vmbp_ring_read_index_accept(size, w_pub, r_seen, r_new);
}

/**
 * @brief Reader's rule for a write index loaded from the peer (VMBP-RING-010), on the
 * reader's own state, which is valid by construction: valid, and moved forward from the last
 * accepted one by no more than the writer could write, i.e. the free space it had with our
 * last published read index. An index that moves back, or into bytes we have read but not
 * yet released, claims more than that. The reference ring applies this to every write index
 * it takes; vmbp_ring_write_index_check() is the same rule with the state checked first.
 * @param size   data area size (vmbp_ring_size_valid())
 * @param r_pub  read index we last published (valid)
 * @param w_seen write index we last accepted (valid)
 * @param w_new  write index just loaded (any value)
 * @return VMBP_OK; VMBP_E_RING_WRITE_INDEX when out of range, misaligned or beyond the
 * writer's room
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_ring_write_index_accept(uint32_t size, uint32_t r_pub, uint32_t w_seen, uint32_t w_new)
{
    uint32_t used;

    if (!vmbp_ring_index_valid(size, w_new))
        return VMBP_E_RING_WRITE_INDEX;
    /* Everything read was released: the writer had size - 8 bytes, more than any valid
     * index can claim (the common case of a reader that keeps up) */
    if (r_pub == w_seen)
        return VMBP_OK;
    used = vmbp_ring_index_dist(size, r_pub, w_seen);
    /* used <= size - 8 for valid indices; the first test keeps the subtraction visibly safe */
    if (used > size - VMBP_RING_ALIGN ||
        vmbp_ring_index_dist(size, w_seen, w_new) > size - VMBP_RING_ALIGN - used)
        return VMBP_E_RING_WRITE_INDEX;
    return VMBP_OK;
}

/**
 * @brief Reader's check of a write index loaded from the peer (VMBP-RING-010), with the
 * reader's state checked first: vmbp_ring_write_index_accept() on checked arguments.
 * @param size   data area size
 * @param r_pub  read index we last published
 * @param w_seen write index we last accepted
 * @param w_new  write index just loaded
 * @return VMBP_OK; VMBP_E_RING_WRITE_INDEX when out of range, misaligned or beyond the
 * writer's room; VMBP_E_INVAL when @p size, @p r_pub or @p w_seen are not valid
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_ring_write_index_check(uint32_t size, uint32_t r_pub, uint32_t w_seen, uint32_t w_new)
{
    if (!vmbp_ring_size_valid(size) || !vmbp_ring_index_valid(size, r_pub) ||
        !vmbp_ring_index_valid(size, w_seen))
        return VMBP_E_INVAL;
    return vmbp_ring_write_index_accept(size, r_pub, w_seen, w_new);
}

/**
 * @brief Check a peer's `pending_send_sz` and mask it for use (VMBP-RING-022): values above
 * the data area size are a violation; the low 3 bits are dropped (peers write `size - 1`).
 * @param size data area size
 * @param raw  value loaded from the control page
 * @param out  receives `raw & ~7` (written only on success)
 * @return VMBP_OK or VMBP_E_RING_PENDING_SZ
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_ring_pending_check(uint32_t size, uint32_t raw, uint32_t *out)
{
    if (raw > size)
        return VMBP_E_RING_PENDING_SZ;
    *out = raw & VMBP_RING_PENDING_MASK;
    return VMBP_OK;
}

/**
 * @brief Reader's decision after publishing a new read index: signal the writer only when
 * this read lifted the free space from below its (masked) `pending_send_sz` to at least it
 * (VMBP-RING-021). All values were validated before.
 * @param free_before free bytes before the read (vmbp_ring_free() with the old read index)
 * @param free_after  free bytes after it (with the new read index)
 * @param pending     masked pending_send_sz; 0 means the writer waits for nothing
 * @return true if the writer must be signalled
 */
VMBP_INLINE bool vmbp_ring_writer_wakeup(uint32_t free_before, uint32_t free_after,
                                         uint32_t pending)
{
    return pending != 0 && free_before < pending && pending <= free_after;
}

/**
 * @brief Writer's decision after publishing a new write index: signal the reader only when
 * the ring was empty before the batch (the reader's index was at our previous write index)
 * and the reader has not masked interrupts (VMBP-RING-020).
 * @param old_w          write index before the batch
 * @param r              read index loaded after publishing (validated)
 * @param interrupt_mask mask loaded after publishing
 * @return true if the reader must be signalled
 */
VMBP_INLINE bool vmbp_ring_reader_wakeup(uint32_t old_w, uint32_t r, uint32_t interrupt_mask)
{
    return interrupt_mask == 0 && r == old_w;
}

#if defined(__cplusplus)
}
#endif

/** @} */

#endif /* VMBP_RING_H */
