/* SPDX-License-Identifier: MIT */
/*
 * Two threads on one ring: a producer writes packets (vmbp_ring_write, one publish each), a
 * consumer reads them (vmbp_ring_read, one release each), on rings of 256 KiB and 1 MiB.
 *
 * Signalling follows the protocol the library implements, with the interrupt replaced by a
 * counter the other thread polls (no sleeping in the kernel, so the figure is the ring's, not
 * the scheduler's):
 *  - consumer: mask interrupts, drain, end the batch (vmbp_ring_commit: unmask and re-check);
 *    only when nothing more is there does it wait for the producer's signal;
 *  - producer: when vmbp_ring_write reports `signal`, it bumps the consumer's counter; on
 *    VMBP_E_RING_FULL it sets pending_send_sz (vmbp_ring_pending_send_set) and, unless the
 *    space is already there, waits for the consumer's signal (vmbp_ring_read's `signal`).
 * A lost wakeup would hang the run. Waiting spins with a pause instruction, and yields the
 * CPU only after 65536 spins. The threads are pinned to CPUs 0 and 1 (--no-pin: not).
 * "signals per 1000 packets" counts the signals both ends were told to send.
 *
 * Baseline, alternating with the ring in the same run: a plain single-producer
 * single-consumer byte pipe of the same size (8-byte length header, payload padded to 8,
 * positions published with release stores and read with acquire loads, memcpy in and out,
 * split at the wrap), polled by both threads, its two positions on separate cache lines.
 * The ratio ring / pipe throughput is the ring's own cost: descriptors, validation of every
 * peer value, signalling and its barriers, and the protocol's control page, which puts the
 * write index, read index and interrupt mask in one cache line that both ends write.
 */
#define _GNU_SOURCE
#include "bench.h"

#include <vmbus_proto/vmbp_ring.h>

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

struct pipe {
    /* ring mode */
    uint8_t *mem;
    struct vmbp_ring w, r;
    struct counter ev_reader, ev_writer; /* the two "interrupts" */
    unsigned long reader_signals, writer_signals, pending_sets;
    /* baseline mode */
    uint8_t *data;
    uint32_t size;
    struct counter head, tail;
    /* both */
    int baseline;
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
        bool more = false;
        enum vmbp_status st;

        if (vmbp_ring_mask_begin(&p->r) != VMBP_OK)
            die("vmbp_ring_mask_begin", 0);
        for (;;) {
            struct vmbp_pkt_in in;
            bool sig = false;

            st = vmbp_ring_read(&p->r, buf, sizeof(buf), &in, &sig);
            if (st == VMBP_E_RING_EMPTY)
                break;
            if (st != VMBP_OK || in.trans_id != got || in.len != want_len)
                die("vmbp_ring_read", (int)st);
            got++;
            if (sig) {
                p->writer_signals++;
                bump(&p->ev_writer);
            }
        }
        st = vmbp_ring_commit(&p->r, NULL, &more);
        if (st != VMBP_OK)
            die("vmbp_ring_commit", (int)st);
        if (more || got == p->count)
            continue;
        wait_change(&p->ev_reader, seen);
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

    for (i = 0; i < p->count; i++) {
        unsigned spins = 0;
        uint32_t pos = (uint32_t)(head % p->size);

        while (p->size - (head - tail) < need + 8u) { /* keep 8 bytes free, as the ring */
            tail = __atomic_load_n(&p->tail.v, __ATOMIC_ACQUIRE);
            if (p->size - (head - tail) >= need + 8u)
                break;
            cpu_relax(&spins);
        }
        memcpy(p->data + pos, &hdr, 8); /* 8-aligned: never wraps */
        copy_in(p, (pos + 8u) % p->size, src, p->n);
        head += need;
        __atomic_store_n(&p->head.v, head, __ATOMIC_RELEASE);
    }
}

static void pipe_consumer(struct pipe *p)
{
    static uint8_t buf[OUT_CAP];
    uint64_t head = 0, tail = 0, len;
    unsigned long got;

    for (got = 0; got < p->count; got++) {
        unsigned spins = 0;
        uint32_t pos = (uint32_t)(tail % p->size);

        while (head == tail) {
            head = __atomic_load_n(&p->head.v, __ATOMIC_ACQUIRE);
            if (head != tail)
                break;
            cpu_relax(&spins);
        }
        memcpy(&len, p->data + pos, 8);
        if (len != p->n)
            die("baseline pipe", 0);
        copy_out(p, (pos + 8u) % p->size, buf, (uint32_t)len);
        tail += 8u + ((len + 7u) & ~7ull);
        __atomic_store_n(&p->tail.v, tail, __ATOMIC_RELEASE);
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
    if (p->baseline)
        pipe_producer(p);
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
    if (p->baseline)
        pipe_consumer(p);
    else
        ring_consumer(p);
    p->t1 = bench_now_ns();
    return NULL;
}

/* One run; returns ns per packet. */
static double run(struct pipe *p, int baseline, uint32_t kib, uint32_t n, unsigned long count)
{
    size_t bytes = 4096u + (size_t)kib * 1024u;
    pthread_t a, b;
    enum vmbp_status st;

    memset(p, 0, sizeof(*p));
    p->baseline = baseline;
    p->n = n;
    p->count = count;
    p->size = kib * 1024u;
    p->mem = (uint8_t *)aligned_alloc(4096, bytes);
    if (!p->mem)
        die("allocation", 0);
    memset(p->mem, 0, bytes);
    p->data = p->mem + 4096;
    st = vmbp_ring_init(&p->r, p->mem, bytes, VMBP_RING_GUEST_RECV,
                        VMBP_RING_F_RESET | VMBP_RING_F_START_UNMASKED);
    if (st == VMBP_OK)
        st = vmbp_ring_init(&p->w, p->mem, bytes, VMBP_RING_HOST_SEND, 0);
    if (st != VMBP_OK)
        die("vmbp_ring_init", (int)st);
    if (pthread_create(&a, NULL, producer_main, p) || pthread_create(&b, NULL, consumer_main, p))
        die("pthread_create", 0);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    if (!baseline && (vmbp_ring_state(&p->w) != VMBP_OK || vmbp_ring_state(&p->r) != VMBP_OK))
        die("ring state", 0);
    free(p->mem);
    return (p->t1 - p->t0) / (double)count;
}

void bench_pipe(void)
{
    static struct pipe p;
    size_t i, j;

    src = (uint8_t *)malloc(MAX_PAYLOAD);
    if (!src)
        die("allocation", 0);
    memset(src, 0x5A, MAX_PAYLOAD);
    for (j = 0; j < NRINGS; j++) {
        for (i = 0; i < NSIZES; i++) {
            uint32_t n = sizes[i], kib = ring_kibs[j];
            double mib = bench_opt.pipe_mib * 1048576.0 / (double)n;
            unsigned long count =
                mib < (double)bench_opt.pipe_min ? bench_opt.pipe_min : (unsigned long)mib;
            double t_ring[64], t_base[64], ratio[64], sig[64];
            struct bench_row *row;
            int rep;

            (void)run(&p, 0, kib, n, count / 4); /* warm-up */
            (void)run(&p, 1, kib, n, count / 4);
            for (rep = 0; rep < bench_opt.reps; rep++) {
                t_ring[rep] = run(&p, 0, kib, n, count);
                sig[rep] = 1000.0 * (double)(p.reader_signals + p.writer_signals) /
                           (double)count;
                t_base[rep] = run(&p, 1, kib, n, count);
                ratio[rep] = t_base[rep] / t_ring[rep];
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
            row->target = n == 4096 ? 0.7 : 0;
        }
    }
    free(src);
}
