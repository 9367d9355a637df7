/* SPDX-License-Identifier: MIT */
/*
 * vmbp-bench: shared definitions of the benchmark program (not a test, not part of the
 * product). Every figure is measured beside a baseline in the same run, alternating the
 * two, and reported as a ratio; times are medians over several repetitions after a warm-up.
 */
#ifndef VMBP_BENCH_H
#define VMBP_BENCH_H

#include <stddef.h>
#include <stdint.h>

#define BENCH_MAX_ROWS 512
#define BENCH_MAX_PEERS 3

/* Another baseline measured in the same run, alternating with ours (a peer's algorithm). */
struct bench_peer {
    const char *name; /* short name, a column of the table: "dpdk", "linux" */
    double ns;        /* median ns of the peer for the same work */
    double ratio;     /* median over the repetitions of peer ns / our ns: >= 1 is as fast */
    double target;    /* the target ratio against this peer, or 0 */
};

/* One line of the table and one object of the JSON "rows" array. */
struct bench_row {
    const char *group; /* "ring", "batch", "zerocopy", "pipe", "decode" */
    char name[48];     /* what was measured (a message name for "decode") */
    uint32_t bytes;    /* payload or message bytes */
    uint32_t ring_kib; /* ring data area (two-thread rows), else 0 */
    double ns;         /* median ns per packet or message */
    double base_ns;    /* median ns of the baseline for the same bytes */
    double ratio;      /* median over the repetitions of base_ns / ns: >= 1 is as fast */
    double gbps;       /* payload GB/s (1e9 bytes/s) of ours, from ns */
    double base_gbps;  /* the same for the baseline */
    double mpps;       /* million packets/s (two-thread rows) */
    double signals;    /* signals per 1000 packets (two-thread rows), else -1 */
    double target;     /* the target ratio for this row, or 0 */
    int npeers;        /* peer baselines of this row */
    struct bench_peer peer[BENCH_MAX_PEERS];
};

/* Run settings from the command line. */
struct bench_opts {
    int reps;               /* repetitions per figure (median), odd */
    double block_ms;        /* length of one timed block, single-thread figures */
    double pipe_mib;        /* bytes moved per two-thread repetition, MiB */
    int pin;                /* pin the two threads to CPUs 0 and 1 */
    int quick;              /* fewer repetitions and shorter blocks */
    unsigned long pipe_min; /* fewest packets per two-thread repetition */
    int check;              /* --check: every path once, no meaningful figure */
};

extern struct bench_opts bench_opt;

/* Monotonic time in ns. */
double bench_now_ns(void);
/* CPU time of the calling thread in ns: single-thread figures, not inflated by the time
 * other processes of a shared machine take the CPU. */
double bench_thread_ns(void);
/* Median of n values (sorts the array). */
double bench_median(double *v, int n);
/* Append a row; returns it for the caller to finish, NULL when the table is full. */
struct bench_row *bench_add_row(const char *group);

/* Keeps a value alive so the compiler cannot drop the work that computed it. */
extern volatile uint64_t bench_sink;

/* Measurements (bench_ring.c, bench_pipe.c, bench_msg.c). */
void bench_ring_single(void);
void bench_ring_batch(void);
void bench_ring_zerocopy(void);
void bench_pipe(void);
void bench_pipe_gap(void);
void bench_compilers(void);
void bench_msg_decode(void);

/* Fixed work for callgrind, no timing (bench/callgrind.sh); 0 on success. */
int bench_icount_ring(uint32_t bytes, unsigned long n);
int bench_icount_poll(unsigned long n);
int bench_icount_msg(long index, unsigned long n);
/* Two memcpy calls of n bytes, out of line: the baseline of the instruction counts. */
void bench_copy2(void *d1, const void *s1, void *d2, const void *s2, size_t n);

#endif /* VMBP_BENCH_H */
