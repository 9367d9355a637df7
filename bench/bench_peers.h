/* SPDX-License-Identifier: MIT */
/*
 * Models of the peers' ring algorithms, the baselines of vmbp-bench (bench_peers.c). Written
 * here from the published algorithms, not copied:
 *  - DPDK-style: DPDK drivers/bus/vmbus/vmbus_bufring.c (vmbus_txbr_write,
 *    vmbus_txbr_need_signal, vmbus_rxbr_peek, vmbus_rxbr_read) and vmbus_channel.c
 *    (rte_vmbus_chan_send, rte_vmbus_chan_recv, rte_vmbus_chan_recv_raw,
 *    rte_vmbus_chan_signal_read); the reader reads the descriptor and the data in place,
 *    using the indices in the shared page; FreeBSD vmbus_br.c is the same algorithm (its
 *    interrupt mask and pending-size setters are used for the two-thread pipeline, which
 *    DPDK lacks).
 *  - Linux-style: Linux drivers/hv/ring_buffer.c (hv_ringbuffer_write, hv_signal_on_write,
 *    hv_ringbuffer_read, hv_pkt_iter_first, __hv_pkt_iter_next, hv_pkt_iter_close); the
 *    reader copies the packet into a private buffer and clamps its lengths.
 * Each keeps its peer's full barriers where the peer issues them, and wraps indices by one
 * conditional subtraction. What the models leave out makes them faster than their peer, never
 * slower: the producer is single (no DPDK reservation CAS, no Linux ring spinlock; the
 * environment variable VMBP_BENCH_DPDK_MP=1 adds DPDK's two CAS, for comparison), no
 * statistics, no request-ID allocation, and copies split at the wrap where Linux maps the
 * ring twice.
 */
#ifndef VMBP_BENCH_PEERS_H
#define VMBP_BENCH_PEERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The control page as the peers declare it (struct vmbus_bufring, struct hv_ring_buffer). */
struct peer_ctl {
    uint32_t windex;
    uint32_t rindex;
    uint32_t imask;
    uint32_t pending_send;
    uint32_t reserved1[12];
    uint32_t feature_bits;
};

/* One end of a ring as a peer model keeps it. */
struct peer_ring {
    volatile struct peer_ctl *ctl;
    uint8_t *data;            /* the data area, 4096 bytes after the control page */
    uint32_t dsize;           /* its size */
    uint32_t windex;          /* DPDK writer: the private write index (tbr->windex) */
    uint32_t priv_read_index; /* Linux reader: the private read index */
    uint8_t *pkt_buffer;      /* Linux reader: the private packet copy */
    uint32_t pkt_buffer_size;
};

/* The peers' full barrier (Linux virt_mb / DPDK rte_smp_mb). */
void peer_mb(void);

/* Open an end on ring memory (4096-byte control page, then the data area). reset: zero the
 * control page and set the pending-size feature bit, as hv_ringbuffer_init does. */
void peer_ring_open(struct peer_ring *r, void *mem, size_t bytes, bool reset,
                    uint8_t *pkt_buffer, uint32_t pkt_buffer_size);

/* DPDK-style. Return 0 or a negative errno. */
int dpdk_chan_send(struct peer_ring *tx, uint16_t type, const void *data, uint32_t dlen,
                   uint64_t xactid, uint16_t flags, bool *need_sig);
int dpdk_chan_recv(struct peer_ring *rx, void *data, uint32_t *len, uint64_t *request_id,
                   bool *need_sig);
int dpdk_chan_recv_raw(struct peer_ring *rx, void *data, uint32_t *len);
bool dpdk_chan_signal_read(struct peer_ring *rx, uint32_t bytes_read);
void dpdk_intr_mask(struct peer_ring *rx);
uint32_t dpdk_intr_unmask(struct peer_ring *rx);
bool dpdk_set_pending(struct peer_ring *tx, uint32_t bytes);

/* Linux-style. Return 0 or a negative errno. */
int linux_sendpacket(struct peer_ring *out, const void *data, uint32_t len, uint64_t requestid,
                     uint16_t type, uint16_t flags, bool *signal);
int linux_recvpacket(struct peer_ring *in, void *buf, uint32_t buflen, uint32_t *actual_len,
                     uint64_t *requestid, bool *signal);
const uint8_t *linux_pkt_iter_first(struct peer_ring *in);
const uint8_t *linux_pkt_iter_next(struct peer_ring *in, const uint8_t *desc);
bool linux_pkt_iter_close(struct peer_ring *in);
void linux_begin_read(struct peer_ring *in);
uint32_t linux_end_read(struct peer_ring *in);
bool linux_set_pending(struct peer_ring *out, uint32_t bytes);

#endif /* VMBP_BENCH_PEERS_H */
