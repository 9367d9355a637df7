/* SPDX-License-Identifier: MIT */
/*
 * Two threads on one ring: a producer writes packets (vmbp_ring_write, one publish each), a
 * consumer reads them, on rings of 256 KiB and 1 MiB.
 *
 * Signalling follows the protocol the library implements, with the interrupt replaced by a
 * counter the other thread polls (no sleeping in the kernel, so the figure is the ring's, not
 * the scheduler's):
 *  - consumer: mask interrupts, drain, end the batch (vmbp_ring_commit: unmask and re-check);
 *    only when nothing more is there does it wait for the producer's signal. It drains as
 *    DPDK's netvsc does (drivers/net/netvsc/hn_rxtx.c, hn_process_events): each packet
 *    copied out and its space given back with a store of the read index alone
 *    (rte_vmbus_chan_recv_raw, whose vmbus_rxbr_read has a compiler barrier only; here
 *    vmbp_ring_peek + vmbp_ring_release), and one full barrier and writer decision per
 *    drain (rte_vmbus_chan_signal_read after the loop; here vmbp_ring_commit). The
 *    DPDK-style model's consumer does the same with its own calls;
 *  - producer: when vmbp_ring_write reports `signal`, it bumps the consumer's counter; on
 *    VMBP_E_RING_FULL it sets pending_send_sz (vmbp_ring_pending_send_set) and, unless the
 *    space is already there, waits for the consumer's signal (vmbp_ring_commit's `signal`).
 * A lost wakeup would hang the run. Waiting spins with a pause instruction, and yields the
 * CPU only after 65536 spins. The threads are pinned to CPUs 0 and 1 (--no-pin: not).
 * "signals per 1000 packets" counts the signals both ends were told to send.
 *
 * Baselines, alternating with the ring in the same run: a plain single-producer
 * single-consumer byte pipe of the same size (8-byte length header, payload padded to 8,
 * positions published with release stores and read with acquire loads, memcpy in and out,
 * split at the wrap), polled by both threads, its two positions on separate cache lines.
 * The ratio ring / pipe throughput is the ring's own cost: descriptors, validation of every
 * peer value, signalling and its barriers, and the protocol's control page, which puts the
 * write index, read index and interrupt mask in one cache line that both ends write.
 * And the peer models (bench_peers.h) run as the same pipeline: DPDK-style
 * (rte_vmbus_chan_send / rte_vmbus_chan_recv, with FreeBSD's interrupt mask and unmask and a
 * pending-size setter, DPDK's barriers) and Linux-style (vmbus_sendpacket / vmbus_recvpacket,
 * hv_begin_read / hv_end_read); ratio = peer time / our time.
 *
 * "gap" rows take the plain pipe a step at a time towards the ring's protocol, each step
 * alternating with the plain pipe, to show what the distance between the two is made of:
 * reloading the other end's position at every packet, the two positions in one cache line
 * (the control page), a full barrier after every publish (the signalling pairs), and the
 * signals themselves (the DPDK-style model, which has all of it, is the last step). The
 * library and the DPDK-style model also run "polled": the consumer masks interrupts once and
 * spins on an empty ring, so no signal is sent either way unless the ring fills; that pair
 * compares the two data paths with the same (absent) wake-up traffic. Both write the
 * protocol's packets on the same control page, so each end of one can run against the other's
 * (GAP_SWAP: the library's writer and the model's reader, and the reverse), which tells which
 * end a difference comes from. Last, the plain pipe and both polled pipelines with a reader
 * kept 100 ns longer on each packet (GAP_LAG): whether a slower reader, which runs further
 * behind its writer, makes the pipeline faster.
 *
 * VMBP_BENCH_PIPE_TRACE=1 prints, for every run, the signals per 1000 packets in each
 * direction, the pending_send_sz settings, and how often and how long the consumer waited.
 */
#define _GNU_SOURCE
#include "bench.h"
#include "bench_peers.h"

#include <vmbus_proto/vmbp_ring.h>

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const uint32_t sizes[] = {64, 1500, 4096, 16384};
static const uint32_t ring_kibs[] = {256, 1024};
#define NSIZES (sizeof(sizes) / sizeof(sizes[0]))
#define NRINGS (sizeof(ring_kibs) / sizeof(ring_kibs[0]))
#define MAX_PAYLOAD 16384u
#define OUT_CAP (VMBP_PKT_DESC_SIZE + MAX_PAYLOAD + 8u)

struct counter {
    unsigned long v;
    char pad[64 - sizeof(unsigned long)];
} __attribute__((aligned(64)));

/* What runs: the library, the plain pipe (with the gap steps' changes), a peer model. */
enum mode { M_RING, M_PIPE, M_DPDK, M_LINUX };

/* Steps from the plain pipe towards the ring's protocol (gap rows). */
#define GAP_RELOAD 0x1u  /* reload the other end's position at every packet */
#define GAP_ONELINE 0x2u /* both positions in one cache line */
#define GAP_MB 0x4u      /* a full barrier after every publish */
#define GAP_POLL 0x8u    /* ring, DPDK model: the consumer masks once and polls */
#define GAP_SWAP 0x10u   /* ring, DPDK model: with the other one's producer */
#define GAP_LAG 0x20u    /* the consumer spends LAG_NS more on each packet */
#define LAG_NS 100.0

struct pipe {
    /* ring mode; each end's private state on cache lines of its own (the two threads) */
    uint8_t *mem;
    struct vmbp_ring w __attribute__((aligned(64)));
    struct vmbp_ring r __attribute__((aligned(64)));
    /* peer modes */
    struct peer_ring ptx __attribute__((aligned(64)));
    struct peer_ring prx __attribute__((aligned(64)));
    uint8_t *pkt_buffer;
    struct counter ev_reader, ev_writer; /* the two "interrupts" */
    unsigned long reader_signals, writer_signals, pending_sets;
    unsigned long waits; /* times the consumer waited for a signal */
    double wait_ns;      /* and how long, in all */
    /* baseline mode */
    uint8_t *data;
    uint32_t size;
    struct counter head, tail;
    unsigned gap;                   /* GAP_* steps */
    unsigned long *head_p, *tail_p; /* the positions (in one line with GAP_ONELINE) */
    /* all */
    enum mode mode;
    uint32_t n;
    unsigned long count;
    struct counter start;
    double t0, t1;
};

static uint8_t *src;

__attribute__((noreturn)) static void die(const char *what, int st)
{
    fprintf(stderr, "vmbp-bench: two-thread %s failed (status %d)\n", what, st);
    exit(1);
}

static void cpu_relax(unsigned *spins)
{
    if (++*spins > 65536u) {
        sched_yield();
        return;
    }
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

static unsigned long ld(const struct counter *c)
{
    return __atomic_load_n(&c->v, __ATOMIC_ACQUIRE);
}

static void bump(struct counter *c)
{
    __atomic_fetch_add(&c->v, 1, __ATOMIC_RELEASE);
}

static void wait_change(const struct counter *c, unsigned long seen)
{
    unsigned spins = 0;

    while (ld(c) == seen)
        cpu_relax(&spins);
}

/* The consumer waits for the producer's signal: counted and timed (VMBP_BENCH_PIPE_TRACE). */
static void consumer_wait(struct pipe *p, unsigned long seen)
{
    double t = bench_now_ns();

    wait_change(&p->ev_reader, seen);
    p->wait_ns += bench_now_ns() - t;
    p->waits++;
}

/* GAP_LAG: keep the consumer LAG_NS longer on each packet (a slower reader). */
static void lag(const struct pipe *p)
{
    double t;

    if (!(p->gap & GAP_LAG))
        return;
    t = bench_now_ns();
    while (bench_now_ns() - t < LAG_NS)
        ;
}

static void pin(size_t cpu)
{
    cpu_set_t set;

    if (!bench_opt.pin || sysconf(_SC_NPROCESSORS_ONLN) < 2)
        return;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    (void)pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

/* ---- the ring ------------------------------------------------------------------------ */

static void ring_producer(struct pipe *p)
{
    unsigned long i = 0;
    struct vmbp_pkt_out o;
    struct vmbp_seg sg;

    o.type = VMBP_PKT_DATA_INBAND;
    o.flags = 0;
    o.ext_len = 0;
    sg.ptr = src;
    sg.len = p->n;
    while (i < p->count) {
        bool sig = false, ready = false;
        unsigned long seen;
        enum vmbp_status st;

        o.trans_id = i;
        st = vmbp_ring_write(&p->w, &o, &sg, 1, &sig);
        if (st == VMBP_OK) {
            i++;
            if (sig) {
                p->reader_signals++;
                bump(&p->ev_reader);
            }
            continue;
        }
        if (st != VMBP_E_RING_FULL)
            die("vmbp_ring_write", (int)st);
        seen = ld(&p->ev_writer);
        st = vmbp_ring_pending_send_set(&p->w, vmbp_ring_write_needed(&p->w), &ready);
        if (st != VMBP_OK)
            die("vmbp_ring_pending_send_set", (int)st);
        p->pending_sets++;
        if (!ready)
            wait_change(&p->ev_writer, seen);
    }
}

static void ring_consumer(struct pipe *p)
{
    static uint8_t buf[OUT_CAP];
    unsigned long got = 0;
    uint32_t want_len = VMBP_PKT_DESC_SIZE + ((p->n + 7u) & ~7u);

    while (got < p->count) {
        unsigned long seen = ld(&p->ev_reader);
        bool more = false, sig = false;
        enum vmbp_status st;

        if (vmbp_ring_mask_begin(&p->r) != VMBP_OK)
            die("vmbp_ring_mask_begin", 0);
        for (;;) {
            struct vmbp_pkt_in in;

            st = vmbp_ring_peek(&p->r, buf, sizeof(buf), &in);
            if (st == VMBP_E_RING_EMPTY)
                break;
            if (st != VMBP_OK || in.trans_id != got || in.len != want_len)
                die("vmbp_ring_peek", (int)st);
            got++;
            /* the space goes back at once, with a release store alone */
            if (vmbp_ring_release(&p->r) != VMBP_OK)
                die("vmbp_ring_release", 0);
        }
        /* one barrier and one writer decision per drain */
        st = vmbp_ring_commit(&p->r, &sig, &more);
        if (st != VMBP_OK)
            die("vmbp_ring_commit", (int)st);
        if (sig) {
            p->writer_signals++;
            bump(&p->ev_writer);
        }
        if (more || got == p->count)
            continue;
        consumer_wait(p, seen);
    }
}

/* Polling (GAP_POLL): masked from the start, so the producer never signals; the consumer
 * spins on an empty ring and only signals the producer when it waits for space. */
static void ring_consumer_poll(struct pipe *p)
{
    static uint8_t buf[OUT_CAP];
    unsigned long got = 0;
    uint32_t want_len = VMBP_PKT_DESC_SIZE + ((p->n + 7u) & ~7u);
    unsigned spins = 0;

    if (vmbp_ring_mask_begin(&p->r) != VMBP_OK)
        die("vmbp_ring_mask_begin", 0);
    while (got < p->count) {
        struct vmbp_pkt_in in;
        bool sig = false;
        enum vmbp_status st = vmbp_ring_read(&p->r, buf, sizeof(buf), &in, &sig);

        if (st == VMBP_E_RING_EMPTY) {
            cpu_relax(&spins);
            continue;
        }
        if (st != VMBP_OK || in.trans_id != got || in.len != want_len)
            die("vmbp_ring_read", (int)st);
        got++;
        spins = 0;
        lag(p);
        if (sig) {
            p->writer_signals++;
            bump(&p->ev_writer);
        }
    }
}

/* ---- the baseline pipe --------------------------------------------------------------- */

static void copy_in(struct pipe *p, uint32_t pos, const void *s, uint32_t n)
{
    uint32_t first = p->size - pos;

    if (n <= first) {
        memcpy(p->data + pos, s, n);
    } else {
        memcpy(p->data + pos, s, first);
        memcpy(p->data, (const uint8_t *)s + first, n - first);
    }
}

static void copy_out(const struct pipe *p, uint32_t pos, void *d, uint32_t n)
{
    uint32_t first = p->size - pos;

    if (n <= first) {
        memcpy(d, p->data + pos, n);
    } else {
        memcpy(d, p->data + pos, first);
        memcpy((uint8_t *)d + first, p->data, n - first);
    }
}

static void pipe_producer(struct pipe *p)
{
    uint64_t head = 0, tail = 0, hdr = p->n;
    uint32_t need = 8u + ((p->n + 7u) & ~7u);
    unsigned long i;
    int reload = (p->gap & GAP_RELOAD) != 0, mb = (p->gap & GAP_MB) != 0;

    for (i = 0; i < p->count; i++) {
        unsigned spins = 0;
        uint32_t pos = (uint32_t)(head % p->size);

        if (reload)
            tail = __atomic_load_n(p->tail_p, __ATOMIC_ACQUIRE);
        while (p->size - (head - tail) < need + 8u) { /* keep 8 bytes free, as the ring */
            tail = __atomic_load_n(p->tail_p, __ATOMIC_ACQUIRE);
            if (p->size - (head - tail) >= need + 8u)
                break;
            cpu_relax(&spins);
        }
        memcpy(p->data + pos, &hdr, 8); /* 8-aligned: never wraps */
        copy_in(p, (pos + 8u) % p->size, src, p->n);
        head += need;
        __atomic_store_n(p->head_p, head, __ATOMIC_RELEASE);
        if (mb)
            peer_mb();
    }
}

static void pipe_consumer(struct pipe *p)
{
    static uint8_t buf[OUT_CAP];
    uint64_t head = 0, tail = 0, len;
    unsigned long got;
    int reload = (p->gap & GAP_RELOAD) != 0, mb = (p->gap & GAP_MB) != 0;

    for (got = 0; got < p->count; got++) {
        unsigned spins = 0;
        uint32_t pos = (uint32_t)(tail % p->size);

        if (reload)
            head = __atomic_load_n(p->head_p, __ATOMIC_ACQUIRE);
        while (head == tail) {
            head = __atomic_load_n(p->head_p, __ATOMIC_ACQUIRE);
            if (head != tail)
                break;
            cpu_relax(&spins);
        }
        memcpy(&len, p->data + pos, 8);
        if (len != p->n)
            die("baseline pipe", 0);
        copy_out(p, (pos + 8u) % p->size, buf, (uint32_t)len);
        /* the bytes are the consumer's: without this, a compiler that sees buf never read
         * (clang 14 does) drops the copy out, and the baseline does half the work */
        __asm__ __volatile__("" : : "r"(buf) : "memory");
        tail += 8u + ((len + 7u) & ~7ull);
        __atomic_store_n(p->tail_p, tail, __ATOMIC_RELEASE);
        if (mb)
            peer_mb();
        lag(p);
    }
}

/* ---- the peer models ------------------------------------------------------------------ */

/* Ring bytes of one packet (descriptor, padded data, trailer): what a full writer waits for. */
static uint32_t pkt_need(uint32_t n)
{
    return VMBP_PKT_DESC_SIZE + ((n + 7u) & ~7u) + VMBP_PKT_TRAILER_SIZE;
}

static void dpdk_producer(struct pipe *p)
{
    unsigned long i = 0;
    int pending = 0;

    while (i < p->count) {
        bool sig = false;
        unsigned long seen;
        int err = dpdk_chan_send(&p->ptx, VMBP_PKT_DATA_INBAND, src, p->n, i, 0, &sig);

        if (err == 0) {
            i++;
            if (pending) {
                (void)dpdk_set_pending(&p->ptx, 0);
                pending = 0;
            }
            if (sig) {
                p->reader_signals++;
                bump(&p->ev_reader);
            }
            continue;
        }
        if (err != -EAGAIN)
            die("dpdk_chan_send", err);
        seen = ld(&p->ev_writer);
        pending = 1;
        p->pending_sets++;
        if (!dpdk_set_pending(&p->ptx, pkt_need(p->n)))
            wait_change(&p->ev_writer, seen);
    }
}

/* The transaction id of the packet read whole into buf (descriptor offset 8, x86: LE). */
static uint64_t desc_trans_id(const uint8_t *buf)
{
    uint64_t id;

    memcpy(&id, buf + 8, 8);
    return id;
}

static void dpdk_consumer(struct pipe *p)
{
    static uint8_t buf[OUT_CAP];
    unsigned long got = 0;
    uint32_t want_len = VMBP_PKT_DESC_SIZE + ((p->n + 7u) & ~7u);

    while (got < p->count) {
        unsigned long seen = ld(&p->ev_reader);
        uint32_t bytes_read = 0;

        dpdk_intr_mask(&p->prx);
        for (;;) {
            uint32_t len = sizeof(buf);
            int ret = dpdk_chan_recv_raw(&p->prx, buf, &len);

            if (ret == -EAGAIN)
                break;
            if (ret <= 0 || len != want_len || desc_trans_id(buf) != got)
                die("dpdk_chan_recv_raw", ret);
            bytes_read += (uint32_t)ret;
            got++;
        }
        /* hn_process_events: rte_vmbus_chan_signal_read once after the loop */
        if (bytes_read && dpdk_chan_signal_read(&p->prx, bytes_read)) {
            p->writer_signals++;
            bump(&p->ev_writer);
        }
        if (dpdk_intr_unmask(&p->prx) != 0 || got == p->count)
            continue;
        consumer_wait(p, seen);
    }
}

/* Polling (GAP_POLL), as ring_consumer_poll(). */
static void dpdk_consumer_poll(struct pipe *p)
{
    static uint8_t buf[OUT_CAP];
    unsigned long got = 0;
    uint32_t want_len = (p->n + 7u) & ~7u;
    unsigned spins = 0;

    dpdk_intr_mask(&p->prx);
    while (got < p->count) {
        uint32_t len = sizeof(buf);
        uint64_t id = ~0ull;
        bool sig = false;
        int err = dpdk_chan_recv(&p->prx, buf, &len, &id, &sig);

        if (err == -EAGAIN) {
            cpu_relax(&spins);
            continue;
        }
        if (err != 0 || id != got || len != want_len)
            die("dpdk_chan_recv", err);
        got++;
        spins = 0;
        lag(p);
        if (sig) {
            p->writer_signals++;
            bump(&p->ev_writer);
        }
    }
}

static void linux_producer(struct pipe *p)
{
    unsigned long i = 0;
    int pending = 0;

    while (i < p->count) {
        bool sig = false;
        unsigned long seen;
        int err = linux_sendpacket(&p->ptx, src, p->n, i, VMBP_PKT_DATA_INBAND, 0, &sig);

        if (err == 0) {
            i++;
            if (pending) {
                (void)linux_set_pending(&p->ptx, 0);
                pending = 0;
            }
            if (sig) {
                p->reader_signals++;
                bump(&p->ev_reader);
            }
            continue;
        }
        if (err != -EAGAIN)
            die("vmbus_sendpacket model", err);
        seen = ld(&p->ev_writer);
        pending = 1;
        p->pending_sets++;
        if (!linux_set_pending(&p->ptx, pkt_need(p->n)))
            wait_change(&p->ev_writer, seen);
    }
}

static void linux_consumer(struct pipe *p)
{
    static uint8_t buf[OUT_CAP];
    unsigned long got = 0;
    uint32_t want_len = (p->n + 7u) & ~7u;

    while (got < p->count) {
        unsigned long seen = ld(&p->ev_reader);

        linux_begin_read(&p->prx);
        for (;;) {
            uint32_t len = 0;
            uint64_t id = ~0ull;
            bool sig = false;
            int err = linux_recvpacket(&p->prx, buf, sizeof(buf), &len, &id, &sig);

            if (err == 0 && len == 0)
                break;
            if (err != 0 || id != got || len != want_len)
                die("vmbus_recvpacket model", err);
            got++;
            if (sig) {
                p->writer_signals++;
                bump(&p->ev_writer);
            }
        }
        if (linux_end_read(&p->prx) != 0 || got == p->count)
            continue;
        consumer_wait(p, seen);
    }
}

/* ---- runs ----------------------------------------------------------------------------- */

static void start_line(struct pipe *p)
{
    unsigned spins = 0;

    bump(&p->start);
    while (ld(&p->start) < 2)
        cpu_relax(&spins);
}

static void *producer_main(void *arg)
{
    struct pipe *p = (struct pipe *)arg;

    pin(0);
    start_line(p);
    if (p->mode == M_PIPE)
        pipe_producer(p);
    else if ((p->mode == M_DPDK) != ((p->gap & GAP_SWAP) != 0))
        dpdk_producer(p);
    else if (p->mode == M_LINUX)
        linux_producer(p);
    else
        ring_producer(p);
    return NULL;
}

static void *consumer_main(void *arg)
{
    struct pipe *p = (struct pipe *)arg;

    pin(1);
    start_line(p);
    p->t0 = bench_now_ns();
    if (p->mode == M_PIPE)
        pipe_consumer(p);
    else if (p->mode == M_DPDK)
        (p->gap & GAP_POLL ? dpdk_consumer_poll : dpdk_consumer)(p);
    else if (p->mode == M_LINUX)
        linux_consumer(p);
    else
        (p->gap & GAP_POLL ? ring_consumer_poll : ring_consumer)(p);
    p->t1 = bench_now_ns();
    return NULL;
}

/* One run; returns ns per packet. */
static double run(struct pipe *p, enum mode mode, unsigned gap, uint32_t kib, uint32_t n,
                  unsigned long count)
{
    size_t bytes = 4096u + (size_t)kib * 1024u;
    pthread_t a, b;
    enum vmbp_status st;

    memset(p, 0, sizeof(*p));
    p->mode = mode;
    p->gap = gap;
    p->n = n;
    p->count = count;
    p->size = kib * 1024u;
    p->mem = (uint8_t *)aligned_alloc(4096, bytes);
    p->pkt_buffer = (uint8_t *)malloc(OUT_CAP);
    if (!p->mem || !p->pkt_buffer)
        die("allocation", 0);
    memset(p->mem, 0, bytes);
    p->data = p->mem + 4096;
    /* the plain pipe's positions: own lines, or one line (GAP_ONELINE: the control page) */
    p->head_p = &p->head.v;
    p->tail_p = gap & GAP_ONELINE ? (unsigned long *)(void *)(p->mem + 8) : &p->tail.v;
    if (gap & GAP_ONELINE)
        p->head_p = (unsigned long *)(void *)p->mem;
    if (mode == M_RING && (gap & GAP_SWAP)) {
        st = vmbp_ring_init(&p->r, p->mem, bytes, VMBP_RING_GUEST_RECV,
                            VMBP_RING_F_RESET | VMBP_RING_F_START_UNMASKED);
        if (st != VMBP_OK)
            die("vmbp_ring_init", (int)st);
        peer_ring_open(&p->ptx, p->mem, bytes, false, NULL, 0);
    } else if (mode == M_DPDK && (gap & GAP_SWAP)) {
        peer_ring_open(&p->prx, p->mem, bytes, true, p->pkt_buffer, OUT_CAP);
        st = vmbp_ring_init(&p->w, p->mem, bytes, VMBP_RING_HOST_SEND, 0);
        if (st != VMBP_OK)
            die("vmbp_ring_init", (int)st);
    } else if (mode == M_RING) {
        st = vmbp_ring_init(&p->r, p->mem, bytes, VMBP_RING_GUEST_RECV,
                            VMBP_RING_F_RESET | VMBP_RING_F_START_UNMASKED);
        if (st == VMBP_OK)
            st = vmbp_ring_init(&p->w, p->mem, bytes, VMBP_RING_HOST_SEND, 0);
        if (st != VMBP_OK)
            die("vmbp_ring_init", (int)st);
    } else if (mode == M_DPDK || mode == M_LINUX) {
        peer_ring_open(&p->prx, p->mem, bytes, true, p->pkt_buffer, OUT_CAP);
        peer_ring_open(&p->ptx, p->mem, bytes, false, NULL, 0);
    }
    if (pthread_create(&a, NULL, producer_main, p) ||
        pthread_create(&b, NULL, consumer_main, p))
        die("pthread_create", 0);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    if ((mode == M_RING && vmbp_ring_state(&p->r) != VMBP_OK) ||
        ((mode == M_RING) != ((gap & GAP_SWAP) != 0) && vmbp_ring_state(&p->w) != VMBP_OK))
        die("ring state", 0);
    free(p->mem);
    free(p->pkt_buffer);
    if (getenv("VMBP_BENCH_PIPE_TRACE"))
        fprintf(stderr,
                "pipe-trace mode %d gap %u ring %u KiB bytes %u: %.1f ns/packet; per 1000: "
                "%.2f signals to the reader, %.2f to the writer, %.2f pending sets, %.2f "
                "waits of %.0f ns on average\n",
                (int)mode, gap, kib, n, (p->t1 - p->t0) / (double)count,
                1000.0 * (double)p->reader_signals / (double)count,
                1000.0 * (double)p->writer_signals / (double)count,
                1000.0 * (double)p->pending_sets / (double)count,
                1000.0 * (double)p->waits / (double)count,
                p->waits ? p->wait_ns / (double)p->waits : 0.0);
    return (p->t1 - p->t0) / (double)count;
}

static unsigned long pipe_count(uint32_t n)
{
    double pkts = bench_opt.pipe_mib * 1048576.0 / (double)n;

    return pkts < (double)bench_opt.pipe_min ? bench_opt.pipe_min : (unsigned long)pkts;
}

void bench_pipe(void)
{
    static const char *const peer_name[] = {"dpdk", "linux"};
    static struct pipe p;
    size_t i, j;

    src = (uint8_t *)malloc(MAX_PAYLOAD);
    if (!src)
        die("allocation", 0);
    memset(src, 0x5A, MAX_PAYLOAD);
    for (j = 0; j < NRINGS; j++) {
        for (i = 0; i < NSIZES; i++) {
            uint32_t n = sizes[i], kib = ring_kibs[j];
            unsigned long count = pipe_count(n);
            double t_ring[64], t_base[64], ratio[64], sig[64], t_peer[2][64], r_peer[2][64];
            struct bench_row *row;
            int rep, k;

            (void)run(&p, M_RING, 0, kib, n, count / 4); /* warm-up */
            (void)run(&p, M_PIPE, 0, kib, n, count / 4);
            for (rep = 0; rep < bench_opt.reps; rep++) {
                t_ring[rep] = run(&p, M_RING, 0, kib, n, count);
                sig[rep] =
                    1000.0 * (double)(p.reader_signals + p.writer_signals) / (double)count;
                t_base[rep] = run(&p, M_PIPE, 0, kib, n, count);
                ratio[rep] = t_base[rep] / t_ring[rep];
                for (k = 0; k < 2; k++) {
                    t_peer[k][rep] = run(&p, k ? M_LINUX : M_DPDK, 0, kib, n, count);
                    r_peer[k][rep] = t_peer[k][rep] / t_ring[rep];
                }
            }
            row = bench_add_row("pipe");
            if (!row)
                break;
            snprintf(row->name, sizeof(row->name), "2 threads, write / read");
            row->bytes = n;
            row->ring_kib = kib;
            row->ratio = bench_median(ratio, bench_opt.reps);
            row->ns = bench_median(t_ring, bench_opt.reps);
            row->base_ns = bench_median(t_base, bench_opt.reps);
            row->gbps = (double)n / row->ns;
            row->base_gbps = (double)n / row->base_ns;
            row->mpps = 1e3 / row->ns;
            row->signals = bench_median(sig, bench_opt.reps);
            row->target = 0.7;
            for (k = 0; k < 2; k++) {
                struct bench_peer *pe = &row->peer[row->npeers++];

                pe->name = peer_name[k];
                pe->ns = bench_median(t_peer[k], bench_opt.reps);
                pe->ratio = bench_median(r_peer[k], bench_opt.reps);
                pe->target = k == 0 ? 1.0 : 0;
            }
        }
    }
    free(src);
    src = NULL;
}

/*
 * The gap rows: each step of the plain pipe towards the protocol, alternating with the plain
 * pipe; ratio = plain pipe time / step time (how much of the plain pipe's speed is left).
 */
void bench_pipe_gap(void)
{
    static const struct {
        const char *what;
        enum mode mode;
        unsigned gap;
    } steps[] = {
        {"pipe + reload each packet", M_PIPE, GAP_RELOAD},
        {"pipe + one line", M_PIPE, GAP_ONELINE},
        {"pipe + reload + one line", M_PIPE, GAP_RELOAD | GAP_ONELINE},
        {"pipe + reload + one line + mb", M_PIPE, GAP_RELOAD | GAP_ONELINE | GAP_MB},
        {"dpdk model, polled", M_DPDK, GAP_POLL},
        {"vmbp_ring, polled", M_RING, GAP_POLL},
        {"dpdk writer, vmbp_ring reader, polled", M_RING, GAP_POLL | GAP_SWAP},
        {"vmbp_ring writer, dpdk reader, polled", M_DPDK, GAP_POLL | GAP_SWAP},
        {"pipe, reader +100 ns per packet", M_PIPE, GAP_LAG},
        {"dpdk model, polled, reader +100 ns", M_DPDK, GAP_POLL | GAP_LAG},
        {"vmbp_ring, polled, reader +100 ns", M_RING, GAP_POLL | GAP_LAG},
        {"dpdk model (+ signals)", M_DPDK, 0},
        {"vmbp_ring", M_RING, 0},
    };
    static struct pipe p;
    size_t i, j, k;

    src = (uint8_t *)malloc(MAX_PAYLOAD);
    if (!src)
        die("allocation", 0);
    memset(src, 0x5A, MAX_PAYLOAD);
    for (j = 0; j < NRINGS; j++) {
        for (i = 0; i < NSIZES; i++) {
            uint32_t n = sizes[i], kib = ring_kibs[j];
            unsigned long count = pipe_count(n);

            if (n != 64 && n != 1500)
                continue;
            for (k = 0; k < sizeof(steps) / sizeof(steps[0]); k++) {
                double t_step[64], t_base[64], ratio[64], sig[64];
                struct bench_row *row;
                int rep;

                (void)run(&p, steps[k].mode, steps[k].gap, kib, n, count / 4);
                for (rep = 0; rep < bench_opt.reps; rep++) {
                    t_step[rep] = run(&p, steps[k].mode, steps[k].gap, kib, n, count);
                    sig[rep] =
                        1000.0 * (double)(p.reader_signals + p.writer_signals) / (double)count;
                    t_base[rep] = run(&p, M_PIPE, 0, kib, n, count);
                    ratio[rep] = t_base[rep] / t_step[rep];
                }
                row = bench_add_row("gap");
                if (!row)
                    break;
                snprintf(row->name, sizeof(row->name), "%s", steps[k].what);
                row->bytes = n;
                row->ring_kib = kib;
                row->ratio = bench_median(ratio, bench_opt.reps);
                row->ns = bench_median(t_step, bench_opt.reps);
                row->base_ns = bench_median(t_base, bench_opt.reps);
                row->gbps = (double)n / row->ns;
                row->base_gbps = (double)n / row->base_ns;
                row->mpps = 1e3 / row->ns;
                row->signals = bench_median(sig, bench_opt.reps);
            }
        }
    }
    free(src);
    src = NULL;
}
