/* SPDX-License-Identifier: MIT */
/*
 * Peer models for vmbp-bench (see bench_peers.h for the sources and what is left out).
 * Packets are the protocol's: a 16-byte descriptor (type, offset8, len8, flags, trans_id),
 * the data padded to 8 bytes, and an 8-byte trailer holding the packet's start offset in its
 * upper half. Fields are in host order, as the peers keep them (x86 and arm64 only).
 */
#include "bench_peers.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#define PEER_CTL_PAGE 4096u
#define PEER_DESC 16u
#define PEER_TRAILER 8u

struct peer_desc {
    uint16_t type;
    uint16_t offset8; /* DPDK hlen */
    uint16_t len8;    /* DPDK tlen */
    uint16_t flags;
    uint64_t trans_id;
};

/*
 * Linux virt_mb() / __smp_mb() on x86 (arch/x86/include/asm/barrier.h: a locked add of 0 to
 * a word below the stack pointer); DPDK rte_smp_mb() is the same instruction 128 bytes lower.
 * Elsewhere the C11 fence (arm64: dmb ish, what both peers use there).
 */
void peer_mb(void)
{
#if defined(__x86_64__)
    __asm__ __volatile__("lock addl $0,-4(%%rsp)" ::: "memory", "cc");
#elif defined(__i386__)
    __asm__ __volatile__("lock addl $0,-4(%%esp)" ::: "memory", "cc");
#else
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}

/* virt_rmb() / rte_smp_rmb(): a compiler barrier on x86, dmb ishld on arm64. */
static inline void peer_rmb(void)
{
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
}

/* A compiler barrier (rte_compiler_barrier, barrier()). */
static inline void peer_compiler_barrier(void)
{
    __asm__ __volatile__("" ::: "memory");
}

void peer_ring_open(struct peer_ring *r, void *mem, size_t bytes, bool reset,
                    uint8_t *pkt_buffer, uint32_t pkt_buffer_size)
{
    memset(r, 0, sizeof(*r));
    r->ctl = (volatile struct peer_ctl *)mem;
    r->data = (uint8_t *)mem + PEER_CTL_PAGE;
    r->dsize = (uint32_t)(bytes - PEER_CTL_PAGE);
    if (reset) {
        memset(mem, 0, PEER_CTL_PAGE);
        r->ctl->feature_bits = 1;
    }
    r->windex = r->ctl->windex;
    r->priv_read_index = r->ctl->rindex;
    r->pkt_buffer = pkt_buffer;
    r->pkt_buffer_size = pkt_buffer_size;
}

/* ==== DPDK-style ============================================================================ */

/* vmbus_br_idxinc: one conditional subtraction (inc < sz). */
static inline uint32_t dpdk_idxinc(uint32_t idx, uint32_t inc, uint32_t sz)
{
    idx += inc;
    if (idx >= sz)
        idx -= sz;
    return idx;
}

/* vmbus_br_availwrite: free bytes for a writer at windex, with the shared read index. */
static inline uint32_t dpdk_availwrite(const struct peer_ring *br, uint32_t windex)
{
    uint32_t rindex = br->ctl->rindex;

    return windex >= rindex ? br->dsize - (windex - rindex) : rindex - windex;
}

/* vmbus_br_availread: bytes to read, with both shared indices. */
static inline uint32_t dpdk_availread(const struct peer_ring *br)
{
    return br->dsize - dpdk_availwrite(br, br->ctl->windex);
}

/* vmbus_txbr_copyto: copy into the ring, two memcpy calls at the wrap. */
static inline uint32_t dpdk_copyto(const struct peer_ring *tbr, uint32_t windex,
                                   const void *src, uint32_t cplen)
{
    uint32_t size = tbr->dsize;

    if (cplen > size - windex) {
        uint32_t frag = size - windex;

        memcpy(tbr->data + windex, src, frag);
        memcpy(tbr->data, (const uint8_t *)src + frag, cplen - frag);
    } else {
        memcpy(tbr->data + windex, src, cplen);
    }
    return dpdk_idxinc(windex, cplen, size);
}

/* vmbus_rxbr_copyfrom. */
static inline uint32_t dpdk_copyfrom(const struct peer_ring *rbr, uint32_t rindex, void *dst,
                                     uint32_t cplen)
{
    uint32_t size = rbr->dsize;

    if (cplen > size - rindex) {
        uint32_t frag = size - rindex;

        memcpy(dst, rbr->data + rindex, frag);
        memcpy((uint8_t *)dst + frag, rbr->data, cplen - frag);
    } else {
        memcpy(dst, rbr->data + rindex, cplen);
    }
    return dpdk_idxinc(rindex, cplen, size);
}

/* vmbus_txbr_need_signal: full barrier, interrupt mask, then the read index. */
static inline bool dpdk_txbr_need_signal(const struct peer_ring *tbr, uint32_t old_windex)
{
    peer_mb();
    if (tbr->ctl->imask)
        return false;
    peer_rmb();
    return old_windex == tbr->ctl->rindex;
}

/*
 * VMBP_BENCH_DPDK_MP=1: the writer as DPDK ships it, multi-producer: the reservation and the
 * publish are each an rte_atomic32_cmpset (lock cmpxchg on x86), two locked instructions per
 * packet more than the single-producer model (for comparison only; off by default).
 */
static int dpdk_mp = -1;

static bool dpdk_writer_mp(void)
{
    if (dpdk_mp < 0) {
        const char *e = getenv("VMBP_BENCH_DPDK_MP");

        dpdk_mp = e && *e == '1';
    }
    return dpdk_mp != 0;
}

/* vmbus_txbr_write, single producer: reserve, copy the pieces and the trailer, publish. */
static int dpdk_txbr_write(struct peer_ring *tbr, const struct iovec iov[], int iovlen,
                           bool *need_sig)
{
    uint32_t old_windex, next_windex, windex, total = PEER_TRAILER;
    uint64_t save_windex;
    int i;

    for (i = 0; i < iovlen; i++)
        total += (uint32_t)iov[i].iov_len;
    old_windex = tbr->windex;
    if (dpdk_availwrite(tbr, old_windex) <= total)
        return -EAGAIN;
    next_windex = dpdk_idxinc(old_windex, total, tbr->dsize);
    if (dpdk_writer_mp()) {
        uint32_t expect = old_windex;

        (void)__atomic_compare_exchange_n(&tbr->windex, &expect, next_windex, false,
                                          __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    } else {
        tbr->windex = next_windex;
    }
    windex = old_windex;
    for (i = 0; i < iovlen; i++)
        windex = dpdk_copyto(tbr, windex, iov[i].iov_base, (uint32_t)iov[i].iov_len);
    save_windex = (uint64_t)old_windex << 32;
    (void)dpdk_copyto(tbr, windex, &save_windex, sizeof(save_windex));
    if (dpdk_writer_mp()) {
        uint32_t expect = old_windex;

        (void)__atomic_compare_exchange_n(&tbr->ctl->windex, &expect, next_windex, false,
                                          __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    } else {
        __atomic_store_n(&tbr->ctl->windex, next_windex, __ATOMIC_RELEASE);
    }
    *need_sig |= dpdk_txbr_need_signal(tbr, old_windex);
    return 0;
}

/* rte_vmbus_chan_send: descriptor, data and padding as three pieces. */
int dpdk_chan_send(struct peer_ring *tx, uint16_t type, const void *data, uint32_t dlen,
                   uint64_t xactid, uint16_t flags, bool *need_sig)
{
    struct peer_desc pkt;
    uint32_t pktlen = PEER_DESC + dlen, pad_pktlen = (pktlen + 7u) & ~7u;
    uint64_t pad = 0;
    struct iovec iov[3];

    pkt.type = type;
    pkt.flags = flags;
    pkt.offset8 = PEER_DESC >> 3;
    pkt.len8 = (uint16_t)(pad_pktlen >> 3);
    pkt.trans_id = xactid;
    iov[0].iov_base = &pkt;
    iov[0].iov_len = PEER_DESC;
    iov[1].iov_base = (void *)(uintptr_t)data;
    iov[1].iov_len = dlen;
    iov[2].iov_base = &pad;
    iov[2].iov_len = pad_pktlen - pktlen;
    return dpdk_txbr_write(tx, iov, 3, need_sig);
}

/* vmbus_rxbr_peek: dlen bytes at the shared read index, if dlen and a trailer are there. */
static inline int dpdk_rxbr_peek(const struct peer_ring *rbr, void *data, uint32_t dlen)
{
    if (dpdk_availread(rbr) < dlen + PEER_TRAILER)
        return -EAGAIN;
    (void)dpdk_copyfrom(rbr, rbr->ctl->rindex, data, dlen);
    return 0;
}

/* vmbus_rxbr_read: skip, copy dlen bytes, skip the trailer, publish the read index. */
static inline int dpdk_rxbr_read(struct peer_ring *rbr, void *data, uint32_t dlen,
                                 uint32_t skip)
{
    uint32_t rindex;

    if (dpdk_availread(rbr) < dlen + skip + PEER_TRAILER)
        return -EAGAIN;
    rbr->windex = rbr->ctl->windex; /* where the host was (for debugging) */
    rindex = dpdk_idxinc(rbr->ctl->rindex, skip, rbr->dsize);
    rindex = dpdk_copyfrom(rbr, rindex, data, dlen);
    rindex = dpdk_idxinc(rindex, PEER_TRAILER, rbr->dsize);
    peer_compiler_barrier();
    rbr->ctl->rindex = rindex;
    return 0;
}

/* rte_vmbus_chan_signal_read: feature bit, full barrier, pending size, threshold crossing. */
bool dpdk_chan_signal_read(struct peer_ring *rx, uint32_t bytes_read)
{
    uint32_t write_sz, pending_sz;

    if (!(rx->ctl->feature_bits & 1u))
        return false;
    peer_mb();
    pending_sz = rx->ctl->pending_send;
    if (!pending_sz)
        return false;
    peer_rmb();
    write_sz = dpdk_availwrite(rx, rx->ctl->windex);
    /*
     * "There was space before": DPDK subtracts unsigned, which wraps when bytes_read exceeds
     * the space free now (a drain of many packets while the writer kept writing), and then
     * never signals a writer that waits: the model takes that case as "no space before", or
     * a two-thread pipeline draining in bursts stops.
     */
    if (write_sz > bytes_read && write_sz - bytes_read > pending_sz)
        return false;
    if (write_sz <= pending_sz)
        return false;
    return true;
}

/* rte_vmbus_chan_recv: the data after the descriptor, then the flow-control signal. */
int dpdk_chan_recv(struct peer_ring *rx, void *data, uint32_t *len, uint64_t *request_id,
                   bool *need_sig)
{
    struct peer_desc pkt;
    uint32_t dlen, hlen, bufferlen = *len;
    int error;

    *len = 0;
    error = dpdk_rxbr_peek(rx, &pkt, sizeof(pkt));
    if (error)
        return error;
    if (pkt.offset8 < 2 || pkt.offset8 > pkt.len8)
        return -EIO;
    hlen = (uint32_t)pkt.offset8 << 3;
    dlen = ((uint32_t)pkt.len8 << 3) - hlen;
    *len = dlen;
    if (dlen > bufferlen)
        return -ENOBUFS;
    if (request_id)
        *request_id = pkt.trans_id;
    error = dpdk_rxbr_read(rx, data, dlen, hlen);
    if (error)
        return error;
    *need_sig |= dpdk_chan_signal_read(rx, dlen + hlen + PEER_TRAILER);
    return 0;
}

/* rte_vmbus_chan_recv_raw: the whole packet, no signal (the caller signals once per burst). */
int dpdk_chan_recv_raw(struct peer_ring *rx, void *data, uint32_t *len)
{
    struct peer_desc pkt;
    uint32_t dlen, bufferlen = *len;
    int error;

    error = dpdk_rxbr_peek(rx, &pkt, sizeof(pkt));
    if (error)
        return error;
    if (pkt.offset8 < 2 || pkt.offset8 > pkt.len8)
        return -EIO;
    dlen = (uint32_t)pkt.len8 << 3;
    *len = dlen;
    if (dlen > bufferlen)
        return -ENOBUFS;
    error = dpdk_rxbr_read(rx, data, dlen, 0);
    if (error)
        return error;
    return (int)(dlen + PEER_TRAILER);
}

/* FreeBSD vmbus_rxbr_intr_mask, with DPDK's barrier. */
void dpdk_intr_mask(struct peer_ring *rx)
{
    rx->ctl->imask = 1;
    peer_mb();
}

/* FreeBSD vmbus_rxbr_intr_unmask: clear the mask, full barrier, bytes now available. */
uint32_t dpdk_intr_unmask(struct peer_ring *rx)
{
    rx->ctl->imask = 0;
    peer_mb();
    return dpdk_availread(rx);
}

/*
 * Wait for `bytes` free (0: stop waiting): store pending_send, full barrier, look again
 * (FreeBSD vmbus_txbr_set_pending_snd_sz, with the re-check QEMU and mu_msvm make). True
 * when the space is already there.
 */
bool dpdk_set_pending(struct peer_ring *tx, uint32_t bytes)
{
    tx->ctl->pending_send = bytes;
    if (!bytes)
        return true;
    peer_mb();
    return dpdk_availwrite(tx, tx->windex) > bytes;
}

/* ==== Linux-style =========================================================================== */

/* hv_get_bytes_to_write. */
static inline uint32_t linux_bytes_to_write(const struct peer_ring *rbi)
{
    uint32_t read_loc = rbi->ctl->rindex, write_loc = rbi->ctl->windex;

    return write_loc >= read_loc ? rbi->dsize - (write_loc - read_loc) : read_loc - write_loc;
}

/* hv_copyto_ringbuffer (the ring is mapped twice there: one memcpy; here split at the wrap). */
static inline uint32_t linux_copyto(const struct peer_ring *rbi, uint32_t start,
                                    const void *src, uint32_t srclen)
{
    uint32_t size = rbi->dsize;

    if (srclen > size - start) {
        uint32_t frag = size - start;

        memcpy(rbi->data + start, src, frag);
        memcpy(rbi->data, (const uint8_t *)src + frag, srclen - frag);
    } else {
        memcpy(rbi->data + start, src, srclen);
    }
    start += srclen;
    if (start >= size)
        start -= size;
    return start;
}

/* A copy out of the ring at off (the double mapping's single memcpy, split here). */
static inline void linux_copyfrom(const struct peer_ring *rbi, uint32_t off, void *dst,
                                  uint32_t len)
{
    uint32_t first = rbi->dsize - off;

    if (len > first) {
        memcpy(dst, rbi->data + off, first);
        memcpy((uint8_t *)dst + first, rbi->data, len - first);
    } else {
        memcpy(dst, rbi->data + off, len);
    }
}

/* hv_signal_on_write: full barrier, interrupt mask, read barrier, read index. */
static inline bool linux_signal_on_write(const struct peer_ring *rbi, uint32_t old_write)
{
    peer_mb();
    if (rbi->ctl->imask)
        return false;
    peer_rmb();
    return old_write == rbi->ctl->rindex;
}

/* hv_ringbuffer_write, single producer (no ring spinlock, no request-ID allocation). */
static int linux_ringbuffer_write(struct peer_ring *out, const struct iovec *kv, int kv_count,
                                  uint64_t requestid, bool *signal)
{
    uint32_t total = PEER_TRAILER, next, old_write, tid_at;
    uint64_t prev_indices;
    int i;

    for (i = 0; i < kv_count; i++)
        total += (uint32_t)kv[i].iov_len;
    if (linux_bytes_to_write(out) <= total)
        return -EAGAIN;
    next = out->ctl->windex;
    old_write = next;
    for (i = 0; i < kv_count; i++)
        next = linux_copyto(out, next, kv[i].iov_base, (uint32_t)kv[i].iov_len);
    /* WRITE_ONCE(desc->trans_id, ...) in the ring */
    tid_at = old_write + 8u;
    if (tid_at >= out->dsize)
        tid_at -= out->dsize;
    __atomic_store_n((uint64_t *)(void *)(out->data + tid_at), requestid, __ATOMIC_RELAXED);
    prev_indices = (uint64_t)out->ctl->windex << 32;
    next = linux_copyto(out, next, &prev_indices, sizeof(prev_indices));
    peer_mb(); /* before updating the write index */
    out->ctl->windex = next;
    *signal = linux_signal_on_write(out, old_write);
    return 0;
}

/* vmbus_sendpacket: descriptor, data, padding (one piece when there is no data). */
int linux_sendpacket(struct peer_ring *out, const void *data, uint32_t len, uint64_t requestid,
                     uint16_t type, uint16_t flags, bool *signal)
{
    struct peer_desc desc;
    uint32_t packetlen = PEER_DESC + len, packetlen_aligned = (packetlen + 7u) & ~7u;
    uint64_t aligned_data = 0;
    struct iovec kv[3];

    desc.type = type;
    desc.flags = flags;
    desc.offset8 = PEER_DESC >> 3;
    desc.len8 = (uint16_t)(packetlen_aligned >> 3);
    desc.trans_id = UINT64_MAX - 1; /* VMBUS_RQST_ERROR: set in the ring by the write */
    kv[0].iov_base = &desc;
    kv[0].iov_len = PEER_DESC;
    kv[1].iov_base = (void *)(uintptr_t)data;
    kv[1].iov_len = len;
    kv[2].iov_base = &aligned_data;
    kv[2].iov_len = packetlen_aligned - packetlen;
    return linux_ringbuffer_write(out, kv, len ? 3 : 1, requestid, signal);
}

/* hv_pkt_iter_avail: the write index loaded with acquire, against the private read index. */
static inline uint32_t linux_iter_avail(const struct peer_ring *rbi)
{
    uint32_t priv_read_loc = rbi->priv_read_index;
    uint32_t write_loc = __atomic_load_n(&rbi->ctl->windex, __ATOMIC_ACQUIRE);

    if (write_loc >= priv_read_loc)
        return write_loc - priv_read_loc;
    return (rbi->dsize - priv_read_loc) + write_loc;
}

/* hv_pkt_iter_first: copy the next packet into the private buffer, lengths clamped. */
const uint8_t *linux_pkt_iter_first(struct peer_ring *in)
{
    uint32_t bytes_avail, pkt_len, pkt_offset;
    const volatile uint16_t *desc;
    struct peer_desc *copy;

    bytes_avail = linux_iter_avail(in);
    if (bytes_avail < PEER_DESC)
        return NULL;
    if (bytes_avail > in->pkt_buffer_size)
        bytes_avail = in->pkt_buffer_size;
    desc = (const volatile uint16_t *)(const void *)(in->data + in->priv_read_index);
    pkt_len = (uint32_t)desc[2] << 3;    /* READ_ONCE(desc->len8) */
    pkt_offset = (uint32_t)desc[1] << 3; /* READ_ONCE(desc->offset8) */
    if (pkt_len < PEER_DESC || pkt_len > bytes_avail)
        pkt_len = bytes_avail;
    if (pkt_offset < PEER_DESC || pkt_offset > pkt_len)
        pkt_offset = PEER_DESC;
    linux_copyfrom(in, in->priv_read_index, in->pkt_buffer, pkt_len);
    copy = (struct peer_desc *)(void *)in->pkt_buffer;
    copy->len8 = (uint16_t)(pkt_len >> 3);
    copy->offset8 = (uint16_t)(pkt_offset >> 3);
    return in->pkt_buffer;
}

/* __hv_pkt_iter_next: step past the packet and its trailer, then look for the next one. */
const uint8_t *linux_pkt_iter_next(struct peer_ring *in, const uint8_t *desc)
{
    const struct peer_desc *d = (const struct peer_desc *)(const void *)desc;

    in->priv_read_index += ((uint32_t)d->len8 << 3) + PEER_TRAILER;
    if (in->priv_read_index >= in->dsize)
        in->priv_read_index -= in->dsize;
    return linux_pkt_iter_first(in);
}

/* hv_pkt_iter_close: publish the read index; full barrier; pending size; threshold. */
bool linux_pkt_iter_close(struct peer_ring *in)
{
    uint32_t curr_write_sz, pending_sz, bytes_read, start_read_index;

    peer_rmb();
    start_read_index = in->ctl->rindex;
    in->ctl->rindex = in->priv_read_index;
    if (!(in->ctl->feature_bits & 1u))
        return false;
    peer_mb();
    pending_sz = in->ctl->pending_send;
    if (!pending_sz)
        return false;
    peer_rmb();
    curr_write_sz = linux_bytes_to_write(in);
    bytes_read = in->priv_read_index >= start_read_index
                     ? in->priv_read_index - start_read_index
                     : in->dsize - start_read_index + in->priv_read_index;
    if (curr_write_sz - bytes_read > pending_sz)
        return false;
    if (curr_write_sz <= pending_sz)
        return false;
    return true;
}

/* hv_ringbuffer_read (vmbus_recvpacket): the packet's data copied from the private copy into
 * the caller's buffer. */
int linux_recvpacket(struct peer_ring *in, void *buf, uint32_t buflen, uint32_t *actual_len,
                     uint64_t *requestid, bool *signal)
{
    const uint8_t *desc;
    const struct peer_desc *d;
    uint32_t packetlen, offset;

    *signal = false;
    if (buflen == 0)
        return -EINVAL;
    *actual_len = 0;
    *requestid = 0;
    desc = linux_pkt_iter_first(in);
    if (desc == NULL)
        return 0;
    d = (const struct peer_desc *)(const void *)desc;
    offset = (uint32_t)d->offset8 << 3;
    packetlen = ((uint32_t)d->len8 << 3) - offset;
    *actual_len = packetlen;
    *requestid = d->trans_id;
    if (packetlen > buflen)
        return -ENOBUFS;
    memcpy(buf, desc + offset, packetlen);
    (void)linux_pkt_iter_next(in, desc);
    *signal = linux_pkt_iter_close(in);
    return 0;
}

/* hv_begin_read. */
void linux_begin_read(struct peer_ring *in)
{
    in->ctl->imask = 1;
    peer_mb();
}

/* hv_end_read: clear the mask, full barrier, bytes to read (hv_get_bytes_to_read). */
uint32_t linux_end_read(struct peer_ring *in)
{
    in->ctl->imask = 0;
    peer_mb();
    return in->dsize - linux_bytes_to_write(in);
}

/* Wait for `bytes` free (0: stop waiting): pending_send_sz, full barrier, look again. */
bool linux_set_pending(struct peer_ring *out, uint32_t bytes)
{
    out->ctl->pending_send = bytes;
    if (!bytes)
        return true;
    peer_mb();
    return linux_bytes_to_write(out) > bytes;
}
