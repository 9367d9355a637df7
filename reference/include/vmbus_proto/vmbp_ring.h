/* SPDX-License-Identifier: MIT */
/**
 * @file vmbp_ring.h
 * @brief Reference ring buffer: one object per ring, guest or host side, writer or reader,
 * hardened against a malicious peer (spec/ring.md).
 *
 * `#include <vmbus_proto/vmbp_ring.h>`; link `vmbus_proto::ring` (CMake) or build
 * `reference/vmbp_ring.c` into your tree (`contrib/`).
 *
 * A channel has two rings. Each side opens one object on each:
 *
 * | ring        | guest                   | host (VSP)             |
 * |-------------|-------------------------|------------------------|
 * | guest→host  | VMBP_RING_GUEST_SEND    | VMBP_RING_HOST_RECV    |
 * | host→guest  | VMBP_RING_GUEST_RECV    | VMBP_RING_HOST_SEND    |
 *
 * Trust: the peer can write any byte of the ring at any time. The library reads every
 * peer-written word once per step into a local, validates it, and works on private copies
 * only; a packet is copied once into the caller's buffer and only that copy is returned.
 * Any rule the peer breaks is rejected, never clamped: the call returns a ring-band status
 * (`VMBP_E_RING_*`) and the ring becomes BROKEN with that status, which every later call
 * returns at once. Nothing is read or written outside the ring or the caller's buffers, and
 * no loop depends on a peer-written value beyond its validated bound.
 *
 * Signalling: the library never signals. Calls that publish an index return a bool saying
 * whether the peer must be signalled (VMBP-RING-020, VMBP-RING-021); the caller does it
 * (event flag, monitor page or hypercall). An end waits for the peer's signal only when the
 * library said it may: the reader when vmbp_ring_commit() reports no more packets
 * (VMBP-RING-030), the writer when vmbp_ring_pending_send_set() reports the space still
 * missing (VMBP-RING-023). These are the canonical loops (`reference/examples/ring_loops.c`,
 * built and run by the tests under every interleaving of the two ends):
 *
 * Consumer:
 * @snippet ring_loops.c consumer
 * Producer:
 * @snippet ring_loops.c producer
 *
 * Concurrency: one thread at a time per object (a writer and a reader of the same ring may
 * run on different threads or sides). No allocation, no global state.
 *
 * All shared-memory access goes through `include/vmbus_proto/shared.h`; compile this
 * library with `VMBP_SHARED_HOOKS_HEADER` (or the `VMBP_SHARED_*` macros) to route it to a
 * kernel's or firmware's primitives (`contrib/`) or to the instrumented test layer.
 */
#ifndef VMBP_VMBP_RING_H
#define VMBP_VMBP_RING_H

#include <vmbus_proto/packet.h>
#include <vmbus_proto/port.h>
#include <vmbus_proto/ring.h>
#include <vmbus_proto/status.h>

/** @defgroup vmbp_ring_ref Reference ring buffer
 *  @brief `vmbp_ring`: init, write, batch write, read, peek/commit, masking, signals.
 *  @{
 */

#if defined(__cplusplus)
extern "C" {
#endif

/** @brief Which side opens the ring and which end of it it is. */
enum vmbp_ring_role {
    VMBP_RING_GUEST_SEND = 1, /**< guest writes the guest→host ring */
    VMBP_RING_GUEST_RECV = 2, /**< guest reads the host→guest ring */
    VMBP_RING_HOST_SEND = 3,  /**< host (VSP) writes the host→guest ring */
    VMBP_RING_HOST_RECV = 4   /**< host (VSP) reads the guest→host ring */
};

/**
 * @name Flags of vmbp_ring_init()
 * @{
 */
/**
 * @brief Zero the control page and start both indices at 0, as the side that allocated the
 * ring does before offering it (the guest, before OPEN_CHANNEL; Linux
 * `hv_ringbuffer_init`). Also sets the pending-send-size feature bit, as Linux does on both
 * rings. Without it, the indices already in the page are loaded and validated (the host,
 * attaching to the guest's rings).
 */
#define VMBP_RING_F_RESET 0x1u
/**
 * @brief The peer is trusted: a confidential ring (offer flag 0x2 with feature 0x10) in
 * encrypted memory shared only with the paravisor. Enables vmbp_ring_peek_inplace().
 * Never set it for host-visible memory.
 */
#define VMBP_RING_F_TRUSTED 0x2u
/** @brief Reader: accept every defined packet type (0x1-0xD), not only the current four. */
#define VMBP_RING_F_LEGACY_TYPES 0x4u
/**
 * @brief Reader: open with interrupts masked (`interrupt_mask` = 1), as OpenVMM's host
 * reader does: the writer does not signal until the first vmbp_ring_commit() unmasks. A
 * reader gives exactly one of this and VMBP_RING_F_START_UNMASKED (VMBP-RING-031).
 */
#define VMBP_RING_F_START_MASKED 0x8u
/**
 * @brief Reader: open with interrupts unmasked (`interrupt_mask` = 0), as Linux's and
 * mu_msvm's guest readers do: the writer signals from its first packet on (VMBP-RING-031).
 */
#define VMBP_RING_F_START_UNMASKED 0x10u
/** @} */

/** @brief One piece of a packet to write (gather list entry). */
struct vmbp_seg {
    const void *ptr; /**< bytes (may be NULL when len is 0) */
    size_t len;      /**< byte count */
};

/** @brief What to write: descriptor fields; the bytes come from the gather list. */
struct vmbp_pkt_out {
    uint16_t type;     /**< packet type (VMBP_PKT_*, 0x1-0xD) */
    uint16_t flags;    /**< 0 or VMBP_PKT_FLAG_COMPLETION_REQUESTED */
    uint32_t ext_len;  /**< leading gather bytes that form the header extension (transfer-page
                            or GPA-direct header and ranges after the descriptor); a multiple
                            of 8; the data offset becomes 16 + ext_len */
    uint64_t trans_id; /**< transaction ID */
};

/** @brief A packet read: descriptor fields, and where it lies in the caller's buffer. */
struct vmbp_pkt_in {
    uint16_t type;        /**< packet type */
    uint16_t flags;       /**< descriptor flags */
    uint32_t len;         /**< packet bytes from the descriptor on (len8 * 8; trailer
                               excluded); the size needed on VMBP_E_NOSPACE */
    uint32_t data_offset; /**< offset of the data (offset8 * 8) */
    uint32_t range_count; /**< transfer-page or GPA-direct ranges (count and bounds checked;
                               a GPA range's contents are the consumer's to check, see
                               vmbp_pkt_gpa_range_check()), else 0 */
    uint64_t trans_id;    /**< transaction ID */
};

/** @brief A packet in place in a trusted ring: one or two spans (two when it wraps). */
struct vmbp_ring_view {
    const uint8_t *part[2]; /**< first and second span (second NULL when not wrapped) */
    uint32_t len[2];        /**< their lengths; len[0] + len[1] is the packet length */
};

/**
 * @brief One ring as seen from one end. Caller-allocated; all members are private (use
 * the functions).
 */
struct vmbp_ring {
    volatile struct vmbp_ring_control_wire *ctl; /**< control page (shared) */
    volatile uint8_t *data;                      /**< data area (shared) */
    uint32_t size;                               /**< data area bytes */
    uint32_t types;                              /**< reader: mask of accepted packet types */
    uint32_t priv;          /**< writer: end of the written batch; reader: next packet */
    uint32_t pub;           /**< index we last published */
    uint32_t undecided;     /**< reader: bytes released since the last writer decision */
    uint32_t peer;          /**< peer's index we last accepted */
    uint32_t needed;        /**< writer: pending_send_sz to wait for after VMBP_E_RING_FULL */
    uint32_t max_body;      /**< writer: the largest packet body this ring can hold */
    enum vmbp_status state; /**< VMBP_OK or the first violation (BROKEN) */
    uint8_t role;           /**< enum vmbp_ring_role */
    uint8_t flags;          /**< VMBP_RING_F_* */
    uint8_t pending_set;    /**< writer: we set pending_send_sz and have not cleared it */
    uint8_t have_desc;      /**< reader: desc holds the validated next descriptor */
    uint8_t masked;         /**< reader: we set interrupt_mask and have not cleared it */
    uint8_t mode; /**< the calls that run: writer, reader, or none (BROKEN, no init) */
    struct vmbp_pkt_desc desc; /**< reader: that descriptor, validated, decoded */
};

/**
 * @brief Open one end of a ring.
 *
 * Writes only the words the role owns (VMBP-RING-002): a writer sets `pending_send_sz` to 0
 * and `feature_bits` to VMBP_RING_FEATURE_PENDING_SEND_SZ; a reader sets `interrupt_mask`
 * as its caller states, with VMBP_RING_F_START_MASKED (1) or VMBP_RING_F_START_UNMASKED (0),
 * exactly one of them and no default (VMBP-RING-031): Linux's and mu_msvm's guest readers
 * start unmasked, OpenVMM's host reader starts masked and unmasks in the first
 * vmbp_ring_commit(), which the consumer loop calls before it first waits. Without
 * VMBP_RING_F_RESET the indices in the page are loaded once and validated (VMBP-RING-010).
 * A full barrier follows the stores, so the writer sees them before its first decision.
 * @param r          object to initialise
 * @param ring_mem   the ring: 4096-byte control page, then the data area; 8-byte aligned
 * @param ring_bytes its size: 4096 + a data area of VMBP_RING_DATA_MIN to VMBP_RING_DATA_MAX
 *                   bytes, a multiple of 8
 * @param role       side and end
 * @param flags      VMBP_RING_F_*; a reader gives one of the two START flags, a writer
 *                   neither
 * @return VMBP_OK; VMBP_E_INVAL for bad arguments (the object, if any, then refuses every
 * call with VMBP_E_STATE); VMBP_E_RING_WRITE_INDEX or VMBP_E_RING_READ_INDEX for bad indices
 * in the page (the ring is then BROKEN)
 * @par Canonical loops
 * @snippet ring_loops.c consumer
 * @snippet ring_loops.c producer
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_ring_init(struct vmbp_ring *r, void *ring_mem,
                                                size_t ring_bytes, enum vmbp_ring_role role,
                                                uint32_t flags);

/**
 * @brief The ring's state.
 * @param r ring
 * @return VMBP_OK, or the status of the first violation once the ring is BROKEN
 * @par Canonical loops
 * @snippet ring_loops.c consumer
 * @snippet ring_loops.c producer
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_ring_state(const struct vmbp_ring *r);

/**
 * @brief Write one packet and publish it (vmbp_ring_write_add() then vmbp_ring_write_commit()).
 * @param r      writer end
 * @param pkt    descriptor fields
 * @param segs   gather list: header extension (pkt->ext_len bytes), then data
 * @param nsegs  entries in @p segs
 * @param signal receives whether the reader must be signalled
 * @return as vmbp_ring_write_add(), then as vmbp_ring_write_commit()
 * @par Canonical loops
 * @snippet ring_loops.c producer
 * @snippet ring_loops.c consumer
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_ring_write(struct vmbp_ring *r,
                                                 const struct vmbp_pkt_out *pkt,
                                                 const struct vmbp_seg *segs, size_t nsegs,
                                                 bool *signal);

/**
 * @brief Copy one packet into the ring without publishing it (batch writes).
 *
 * All or nothing: on any error nothing of the packet is written. The packet is padded with
 * zeroes to 8 bytes and followed by the trailer. The peer's read index is loaded only when
 * the space known from the last load is too small (VMBP-RING-015).
 * A transfer-page or GPA-direct packet must carry at least one range, its ranges (and a GPA
 * range's PFNs) inside the header extension, as the reader requires (VMBP-RING-019).
 * @param r     writer end
 * @param pkt   descriptor fields
 * @param segs  gather list
 * @param nsegs entries in @p segs
 * @return VMBP_OK; VMBP_E_RING_FULL when the free space is too small (vmbp_ring_write_needed()
 * tells how much to wait for); VMBP_E_RING_BATCH_FULL when the packet does not fit beside the
 * batch added since the last commit even in an empty ring (commit, then add it again);
 * VMBP_E_INVAL for a packet that is malformed or can never fit;
 * VMBP_E_STATE on a reader end; VMBP_E_RING_READ_INDEX or VMBP_E_RING_READ_PAST_WRITE for a
 * bad read index (BROKEN)
 * @par Canonical loops
 * @snippet ring_loops.c producer
 * @snippet ring_loops.c consumer
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_ring_write_add(struct vmbp_ring *r,
                                                     const struct vmbp_pkt_out *pkt,
                                                     const struct vmbp_seg *segs, size_t nsegs);

/**
 * @brief Publish every packet added since the last commit with one index store, and decide
 * whether the reader must be signalled: only if the ring was empty before the batch and the
 * reader's interrupt mask is clear (VMBP-RING-020). The index store and the loads of the
 * decision are separated by a full barrier (VMBP-RING-009).
 * @param r      writer end
 * @param signal receives the decision (false when nothing was published)
 * The read index loaded for the decision is only compared with the write index before the
 * batch: a bad one means no signal here, and is reported by the next call that takes the
 * read index (an add that needs space, vmbp_ring_pending_send_set()).
 * @return VMBP_OK; VMBP_E_STATE on a reader end; the BROKEN status of an earlier violation
 * @par Canonical loops
 * @snippet ring_loops.c producer
 * @snippet ring_loops.c consumer
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_ring_write_commit(struct vmbp_ring *r, bool *signal);

/**
 * @brief After VMBP_E_RING_FULL: the free space to wait for, i.e. the unpublished bytes of
 * the batch plus the rejected packet (what vmbp_ring_pending_send_set() takes).
 * @param r writer end
 * @return bytes, or 0 when the last add did not fail with VMBP_E_RING_FULL
 * @par Canonical loops
 * @snippet ring_loops.c producer
 * @snippet ring_loops.c consumer
 */
uint32_t vmbp_ring_write_needed(const struct vmbp_ring *r);

/**
 * @brief Ask the reader to signal when @p bytes are free (sets `pending_send_sz`), then,
 * after a full barrier, re-check the space, since the reader may have freed it meanwhile
 * without seeing the request (VMBP-RING-023). Wait for the reader's signal only when
 * @p ready is false. The next successful write clears the request; 0 clears it now.
 * @param r     writer end
 * @param bytes free bytes wanted (rounded up to 8), at most the data size minus 8
 * @param ready receives true when the space is already there (write again, do not wait)
 * @return VMBP_OK; VMBP_E_INVAL when @p bytes can never be free; VMBP_E_STATE on a reader;
 * VMBP_E_RING_READ_INDEX or VMBP_E_RING_READ_PAST_WRITE (BROKEN)
 * @par Canonical loops
 * @snippet ring_loops.c producer
 * @snippet ring_loops.c consumer
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_ring_pending_send_set(struct vmbp_ring *r, uint32_t bytes,
                                                            bool *ready);

/**
 * @brief Read one packet: copy it into @p buf and publish the new read index
 * (vmbp_ring_peek() then the publishing half of vmbp_ring_commit()). It does not end a
 * batch: it neither unmasks nor tells whether more packets wait. Read until
 * VMBP_E_RING_EMPTY, then call vmbp_ring_commit() before waiting.
 * @param r      reader end
 * @param buf    private buffer receiving the whole packet, descriptor included
 * @param cap    bytes at @p buf
 * @param pkt    receives the packet's fields (on VMBP_OK and VMBP_E_NOSPACE)
 * @param signal receives whether the writer must be signalled
 * @return as vmbp_ring_peek(), then as vmbp_ring_commit()
 * @par Canonical loops
 * @snippet ring_loops.c consumer
 * @snippet ring_loops.c producer
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_ring_read(struct vmbp_ring *r, void *buf, size_t cap,
                                                struct vmbp_pkt_in *pkt, bool *signal);

/**
 * @brief Copy the next packet into @p buf and step past it without publishing (batch
 * reads: peek until VMBP_E_RING_EMPTY, then vmbp_ring_commit(), which says whether to wait).
 *
 * VMBP_E_RING_EMPTY means no packet now, not that waiting is safe: a packet written after
 * this call's load of the write index is announced by no signal while the read index is
 * unpublished or the mask is set (VMBP-RING-030).
 *
 * The descriptor is read once and validated (VMBP-RING-011 to VMBP-RING-017), the rest of
 * the packet is copied once behind it, and ranges of transfer-page and GPA-direct packets
 * are validated on the copy (VMBP-RING-018). Only @p buf[0, pkt->len) is written.
 * @param r   reader end
 * @param buf private buffer for the packet
 * @param cap bytes at @p buf
 * @param pkt receives the packet's fields
 * @return VMBP_OK; VMBP_E_RING_EMPTY; VMBP_E_NOSPACE when @p cap < pkt->len (the packet
 * stays, nothing is written to @p buf, not BROKEN); VMBP_E_STATE on a writer end;
 * `VMBP_E_RING_*` violations (BROKEN)
 * @par Canonical loops
 * @snippet ring_loops.c consumer
 * @snippet ring_loops.c producer
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_ring_peek(struct vmbp_ring *r, void *buf, size_t cap,
                                                struct vmbp_pkt_in *pkt);

/**
 * @brief Trusted rings only (VMBP_RING_F_TRUSTED): step past the next packet and return
 * where it lies in the ring instead of copying it. The descriptor is still read once and
 * validated; ranges are not (use the packet.h validators). The bytes stay valid until the
 * next vmbp_ring_commit(). In the consumer loop it takes vmbp_ring_peek()'s place.
 * @param r    reader end opened with VMBP_RING_F_TRUSTED
 * @param view receives the packet's one or two spans
 * @param pkt  receives the packet's fields
 * @return as vmbp_ring_peek() (no VMBP_E_NOSPACE); VMBP_E_STATE on an untrusted ring
 * @par Canonical loops
 * @snippet ring_loops.c consumer
 * @snippet ring_loops.c producer
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_ring_peek_inplace(struct vmbp_ring *r,
                                                        struct vmbp_ring_view *view,
                                                        struct vmbp_pkt_in *pkt);

/**
 * @brief Publish the read index past every packet peeked so far, with a release store and
 * nothing else: no barrier, no writer decision (VMBP-RING-032).
 *
 * For a consumer that drains many packets and wants the writer to see the space at once
 * without paying a full barrier per packet (DPDK's netvsc releases each packet this way and
 * decides once per drain). The batch still ends with vmbp_ring_commit(), which makes the one
 * writer decision for every packet consumed since the last decision, released or not, so a
 * writer waiting on `pending_send_sz` is signalled as if the packets had been committed
 * together. Until that commit a writer that waits may not be signalled: do not wait, and do
 * not stop reading, between a release and the commit.
 * @param r reader end
 * @return VMBP_OK; VMBP_E_INVAL when @p r is NULL; VMBP_E_STATE on a writer end; the ring's
 * violation when BROKEN
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_ring_release(struct vmbp_ring *r);

/**
 * @brief End a batch of reads: publish the read index past every packet peeked (one store),
 * clear the interrupt mask if this end set it, issue a full barrier, then decide whether the
 * writer must be signalled and whether more packets wait (VMBP-RING-030).
 *
 * The writer is signalled only when the feature bit is set and this commit lifted the free
 * space across its `pending_send_sz` (VMBP-RING-021, VMBP-RING-022); packets given back
 * with vmbp_ring_release() since the last decision count as lifted by this commit
 * (VMBP-RING-032). @p more is true when
 * packets are known or, with every known packet consumed, the write index loaded after the
 * barrier shows new ones: a packet written while the read index was unpublished or the mask
 * set raises no signal, so the reader drains again instead of waiting. With @p more false
 * the reader may wait: any later packet is signalled (VMBP-RING-020, VMBP-RING-024).
 * Called with nothing peeked it still unmasks and re-checks: the call before a first wait.
 * @param r      reader end
 * @param signal receives the writer decision (may be NULL)
 * @param more   receives whether to drain again before waiting; required
 * @return VMBP_OK; VMBP_E_INVAL when @p more is NULL (nothing done); VMBP_E_STATE on a
 * writer end; VMBP_E_RING_PENDING_SZ or VMBP_E_RING_WRITE_INDEX for bad words loaded after
 * the barrier (BROKEN; the index is published and the mask cleared)
 * @par Canonical loops
 * @snippet ring_loops.c consumer
 * @snippet ring_loops.c producer
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_ring_commit(struct vmbp_ring *r, bool *signal,
                                                  bool *more);

/**
 * @brief Reader: mask interrupts before draining, so that the writer does not signal packets
 * the drain will find anyway (Linux `hv_begin_read`, OpenVMM `clear_poll`). Optional; the
 * vmbp_ring_commit() that ends the batch clears the mask again.
 * @param r reader end
 * @return VMBP_OK, VMBP_E_STATE on a writer end, or the BROKEN status
 * @par Canonical loops
 * @snippet ring_loops.c consumer
 * @snippet ring_loops.c producer
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_ring_mask_begin(struct vmbp_ring *r);

#if defined(__cplusplus)
}
#endif

/** @} */

#endif /* VMBP_VMBP_RING_H */
