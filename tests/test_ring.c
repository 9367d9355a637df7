/* SPDX-License-Identifier: MIT */
/*
 * ring.h (layout and index arithmetic) and the reference ring (reference/vmbp_ring.h):
 * both roles, every reject rule with its exact status, signalling, batching, wrap-around at
 * every 8-byte position, ring-image vectors, and a host that changes the ring between reads.
 *
 * The same file is built twice: test_ring links the library with the default accessors,
 * test_ring_instrumented (RT_INSTRUMENTED) links it against tests/support/tshm.h and checks,
 * for every library call of every test, that no shared byte is read twice within one step
 * (a step ends when the library publishes one of its indices), that nothing outside the ring
 * is accessed (strict mode), and lets a simulated host rewrite memory before each read.
 */
#include <vmbus_proto/vmbp_ring.h>

#include <vmbus_proto/endian.h>
#include <vmbus_proto/ring.h>

#include "support/tshm.h"
#include "support/vectors.h"
#include "unit.h"

#ifndef RT_INSTRUMENTED
#define RT_INSTRUMENTED 0
#endif

/* Assertion for hot loops: Check's ck_assert records every passing call (a system call). */
#define REQUIRE(cond, ...)                                                                     \
    do {                                                                                       \
        if (!(cond))                                                                           \
            ck_abort_msg(__VA_ARGS__);                                                         \
    } while (0)

#define CTL 4096u
#define MAXDATA 20480u /* 5 pages: the largest data area of the size tests */
#define BUFCAP 9000u
#define GUARD 0x5A
#define FILL 0xA5

/* Ring memory with guard bytes on both sides: the ring starts at arena + 4096. */
static uint8_t arena[4096 + CTL + MAXDATA + 4096] __attribute__((aligned(4096)));
static uint8_t *const M = arena + 4096;
static uint32_t S;          /* data size of the current ring */
static uint8_t buf[BUFCAP]; /* the caller's private buffer */

/* ---- the read-once checker (instrumented build) ------------------------------------------ */
static uint16_t rt_cnt[CTL + MAXDATA];
static uint32_t rt_w, rt_r;
static unsigned long rt_reads, rt_bytes, rt_steps;
static bool rt_check = true;
static vmbp_tshm_mutator_fn rt_race;
static void *rt_race_ctx;

static uint32_t hw_get(uint32_t off)
{
    return vmbp_load_le32(M + off);
}

static void hw_set(uint32_t off, uint32_t v)
{
    vmbp_store_le32(M + off, v);
}

/* A library call starts: a new step. */
static void rt_op(void)
{
    memset(rt_cnt, 0, sizeof(rt_cnt));
    rt_w = hw_get(0);
    rt_r = hw_get(4);
    rt_steps++;
}

static void rt_mutator(void *ctx, uint8_t *addr, size_t len)
{
    size_t off = (size_t)(addr - M), i;

    (void)ctx;
    if (hw_get(0) != rt_w || hw_get(4) != rt_r) { /* the library published an index */
        memset(rt_cnt, 0, sizeof(rt_cnt));
        rt_w = hw_get(0);
        rt_r = hw_get(4);
        rt_steps++;
    }
    if (rt_race)
        rt_race(rt_race_ctx, addr, len);
    for (i = 0; i < len; i++)
        if (++rt_cnt[off + i] > 1 && rt_check)
            ck_abort_msg("shared byte %zu read twice in one step", off + i);
    rt_reads++;
    rt_bytes += len;
}

/* Every call into the library marks the start of a step. */
#define vmbp_ring_init(...) (rt_op(), vmbp_ring_init(__VA_ARGS__))
#define vmbp_ring_write(...) (rt_op(), vmbp_ring_write(__VA_ARGS__))
#define vmbp_ring_write_add(...) (rt_op(), vmbp_ring_write_add(__VA_ARGS__))
#define vmbp_ring_write_commit(...) (rt_op(), vmbp_ring_write_commit(__VA_ARGS__))
#define vmbp_ring_pending_send_set(...) (rt_op(), vmbp_ring_pending_send_set(__VA_ARGS__))
#define vmbp_ring_read(...) (rt_op(), vmbp_ring_read(__VA_ARGS__))
#define vmbp_ring_peek(...) (rt_op(), vmbp_ring_peek(__VA_ARGS__))
#define vmbp_ring_peek_inplace(...) (rt_op(), vmbp_ring_peek_inplace(__VA_ARGS__))
#define vmbp_ring_commit(...) (rt_op(), vmbp_ring_commit(__VA_ARGS__))
#define vmbp_ring_mask_begin(...) (rt_op(), vmbp_ring_mask_begin(__VA_ARGS__))

/* Fresh ring memory of @p size data bytes, registered with the instrumented layer. */
static void mem(uint32_t size)
{
    ck_assert_uint_le(size, MAXDATA);
    S = size;
    memset(arena, GUARD, sizeof(arena));
    memset(M, 0, CTL + size);
    memset(buf, FILL, sizeof(buf));
    vmbp_tshm_detach_all();
    vmbp_tshm_attach(M, CTL + size);
    vmbp_tshm_set_strict(true);
    vmbp_tshm_set_mutator(rt_mutator, NULL);
    rt_race = NULL;
    rt_check = true;
}

static void setup(void)
{
    rt_reads = rt_bytes = rt_steps = 0;
    mem(256);
}

static void teardown(void)
{
    size_t i;

    for (i = 0; i < 4096; i++)
        REQUIRE(arena[i] == GUARD, "guard byte %zu before the ring written", i);
    for (i = 4096 + CTL + S; i < sizeof(arena); i++)
        REQUIRE(arena[i] == GUARD, "guard byte %zu after the ring written", i);
    if (RT_INSTRUMENTED) {
        ck_assert_uint_eq(vmbp_tshm_stray_calls(), 0);
        printf("read-once: %lu shared reads of %lu bytes in %lu steps, none read twice\n",
               rt_reads, rt_bytes, rt_steps);
    }
    vmbp_tshm_detach_all();
}

/* ---- host-side helpers: the test plays the peer by writing memory directly --------------- */
static void host_bytes(uint32_t off, const void *src, uint32_t n)
{
    uint32_t i;

    for (i = 0; i < n; i++)
        M[CTL + (off + i) % S] = ((const uint8_t *)src)[i];
}

static void host_desc(uint32_t off, uint16_t type, uint16_t off8, uint16_t len8, uint16_t flags,
                      uint64_t tid)
{
    struct vmbp_pkt_desc d;
    uint8_t b[16];

    d.type = type;
    d.offset8 = off8;
    d.len8 = len8;
    d.flags = flags;
    d.trans_id = tid;
    vmbp_pkt_desc_encode(&d, b);
    host_bytes(off, b, 16);
}

static void open_end(struct vmbp_ring *r, enum vmbp_ring_role role, uint32_t flags)
{
    ck_assert_uint_eq(vmbp_ring_init(r, M, CTL + S, role, flags), VMBP_OK);
}

static void fill_pattern(uint8_t *p, size_t n, unsigned seed)
{
    size_t i;

    for (i = 0; i < n; i++)
        p[i] = (uint8_t)(seed * 131u + i * 7u + (i >> 8));
}

static void assert_buf_untouched_from(size_t from)
{
    size_t i;

    for (i = from; i < BUFCAP; i++)
        REQUIRE(buf[i] == FILL, "caller buffer written at %zu", i);
}

/* Write one in-band packet of n pattern bytes; returns the write status. */
static enum vmbp_status put(struct vmbp_ring *w, size_t n, unsigned seed, bool *sig)
{
    static uint8_t src[BUFCAP];
    struct vmbp_pkt_out o;
    struct vmbp_seg sg;

    fill_pattern(src, n, seed);
    o.type = VMBP_PKT_DATA_INBAND;
    o.flags = 0;
    o.ext_len = 0;
    o.trans_id = seed;
    sg.ptr = src;
    sg.len = n;
    return vmbp_ring_write(w, &o, &sg, 1, sig);
}

/* The tests' 256-byte ring filled by its writer: 7 packets of 32 bytes, seeds first to
 * first + 6 (224 bytes used, 24 free). */
static void fill_224(struct vmbp_ring *w, unsigned first)
{
    unsigned i;

    for (i = first; i < first + 7; i++)
        ck_assert_uint_eq(put(w, 8, i, NULL), VMBP_OK);
}

/* The writer of a filled ring finds no room for a packet of 64 ring bytes and waits for
 * them: pending_send_sz 64, not ready. */
static void wait_for_64(struct vmbp_ring *w)
{
    bool ready = true;

    ck_assert_uint_eq(put(w, 40, 99, NULL), VMBP_E_RING_FULL);
    ck_assert_uint_eq(vmbp_ring_write_needed(w), 64);
    ck_assert_uint_eq(vmbp_ring_pending_send_set(w, vmbp_ring_write_needed(w), &ready),
                      VMBP_OK);
    ck_assert(!ready);
}

/* Read one packet and check it is the in-band packet put() wrote with n bytes and seed. */
static void get_check(struct vmbp_ring *rd, size_t n, unsigned seed, bool *sig)
{
    static uint8_t want[BUFCAP];
    struct vmbp_pkt_in in;

    memset(buf, FILL, sizeof(buf));
    ck_assert_uint_eq(vmbp_ring_read(rd, buf, BUFCAP, &in, sig), VMBP_OK);
    ck_assert_uint_eq(in.type, VMBP_PKT_DATA_INBAND);
    ck_assert_uint_eq(in.data_offset, 16);
    ck_assert_uint_eq(in.len, (16 + n + 7) / 8 * 8);
    ck_assert(in.trans_id == seed);
    fill_pattern(want, n, seed);
    ck_assert_mem_eq(buf + 16, want, n);
    assert_buf_untouched_from(in.len);
}

/* ======================== ring.h: pure arithmetic ======================================= */

/* covers: VMBP-RING-001 */
START_TEST(control_page_layout)
{
    ck_assert_uint_eq(sizeof(struct vmbp_ring_control_wire), 4096);
    ck_assert_uint_eq(offsetof(struct vmbp_ring_control_wire, write_index), 0);
    ck_assert_uint_eq(offsetof(struct vmbp_ring_control_wire, read_index), 4);
    ck_assert_uint_eq(offsetof(struct vmbp_ring_control_wire, interrupt_mask), 8);
    ck_assert_uint_eq(offsetof(struct vmbp_ring_control_wire, pending_send_sz), 12);
    ck_assert_uint_eq(offsetof(struct vmbp_ring_control_wire, feature_bits), 64);
    ck_assert_uint_eq(VMBP_RING_CONTROL_SIZE, 4096);
}
END_TEST

/* covers: VMBP-RING-003 VMBP-RING-010 */
START_TEST(index_arithmetic_validates_its_inputs)
{
    uint32_t v = 7;

    ck_assert(vmbp_ring_size_valid(32) && vmbp_ring_size_valid(4096) &&
              vmbp_ring_size_valid(0x80000000u));
    ck_assert(!vmbp_ring_size_valid(24) && !vmbp_ring_size_valid(36) &&
              !vmbp_ring_size_valid(0x80000008u) && !vmbp_ring_size_valid(0));
    ck_assert_uint_eq(vmbp_ring_avail(256, 16, 8, &v), VMBP_OK);
    ck_assert_uint_eq(v, 8);
    ck_assert_uint_eq(vmbp_ring_avail(256, 8, 16, &v), VMBP_OK);
    ck_assert_uint_eq(v, 248);
    ck_assert_uint_eq(vmbp_ring_avail(256, 40, 40, &v), VMBP_OK);
    ck_assert_uint_eq(v, 0);
    v = 7;
    ck_assert_uint_eq(vmbp_ring_avail(256, 256, 0, &v), VMBP_E_RING_WRITE_INDEX);
    ck_assert_uint_eq(vmbp_ring_avail(256, 4, 0, &v), VMBP_E_RING_WRITE_INDEX);
    ck_assert_uint_eq(vmbp_ring_avail(256, 0, 256, &v), VMBP_E_RING_READ_INDEX);
    ck_assert_uint_eq(vmbp_ring_avail(256, 0, 0xFFFFFFF8u, &v), VMBP_E_RING_READ_INDEX);
    ck_assert_uint_eq(vmbp_ring_avail(36, 0, 0, &v), VMBP_E_INVAL);
    /* the index checks refuse a state that is not valid */
    ck_assert_uint_eq(vmbp_ring_read_index_check(256, 8, 12, 8), VMBP_E_INVAL);
    ck_assert_uint_eq(vmbp_ring_read_index_check(256, 12, 8, 8), VMBP_E_INVAL);
    ck_assert_uint_eq(vmbp_ring_write_index_check(256, 8, 256, 8), VMBP_E_INVAL);
    ck_assert_uint_eq(vmbp_ring_write_index_check(36, 8, 8, 8), VMBP_E_INVAL);
    ck_assert_uint_eq(v, 7);
    /* free keeps the 8-byte gap: an empty ring of 256 takes 248 */
    ck_assert_uint_eq(vmbp_ring_free(256, 40, 40, &v), VMBP_OK);
    ck_assert_uint_eq(v, 248);
    ck_assert_uint_eq(vmbp_ring_free(256, 32, 40, &v), VMBP_OK);
    ck_assert_uint_eq(v, 0);
    ck_assert_uint_eq(vmbp_ring_free(256, 8, 0, &v), VMBP_OK);
    ck_assert_uint_eq(v, 240);
    ck_assert_uint_eq(vmbp_ring_free(256, 9, 0, &v), VMBP_E_RING_WRITE_INDEX);
    ck_assert_uint_eq(vmbp_ring_advance(256, 248, 8, &v), VMBP_OK);
    ck_assert_uint_eq(v, 0);
    ck_assert_uint_eq(vmbp_ring_advance(256, 240, 24, &v), VMBP_OK);
    ck_assert_uint_eq(v, 8);
    ck_assert_uint_eq(vmbp_ring_advance(256, 0, 248, &v), VMBP_OK);
    ck_assert_uint_eq(v, 248);
    ck_assert_uint_eq(vmbp_ring_advance(256, 0, 256, &v), VMBP_E_INVAL);
    ck_assert_uint_eq(vmbp_ring_advance(256, 0, 12, &v), VMBP_E_INVAL);
    ck_assert_uint_eq(vmbp_ring_advance(256, 4, 8, &v), VMBP_E_INVAL);
    ck_assert_uint_eq(vmbp_ring_advance(0x80000000u, 0x7FFFFFF8u, 0x7FFFFFF8u, &v), VMBP_OK);
    ck_assert_uint_eq(v, 0x7FFFFFF0u);
}
END_TEST

/* The consistency checks against a model, for every index triple of a ring of @p size bytes
 * (every aligned index, and misaligned and out-of-range ones); returns the triples tried. */
static unsigned long consistency_exhaustive(uint32_t size)
{
    uint32_t a, b, c;
    unsigned long n = 0;

    for (a = 0; a < size; a += 4)
        for (b = 0; b < size; b += 8)
            for (c = 0; c < size + 4; c += 4) {
                bool cv = c < size && c % 8 == 0;
                uint32_t used_b = (a - b + size) % size, used_c = (a - c + size) % size;
                enum vmbp_status want;

                /* writer: published write index a, accepted read index b, new read index c */
                if (a % 8)
                    want = VMBP_E_INVAL;
                else if (!cv)
                    want = VMBP_E_RING_READ_INDEX;
                else
                    want = used_c > used_b ? VMBP_E_RING_READ_PAST_WRITE : VMBP_OK;
                REQUIRE(vmbp_ring_read_index_check(size, a, b, c) == want, "read %u: %u %u %u",
                        size, a, b, c);
                /* the same rule on a writer's own (valid) state */
                REQUIRE(a % 8 || vmbp_ring_read_index_accept(size, a, b, c) == want,
                        "read accept %u: %u %u %u", size, a, b, c);
                /* reader: published read index b, accepted write index a, new one c; the
                 * writer had size - 8 - (a - b) bytes of room */
                if (a % 8)
                    want = VMBP_E_INVAL;
                else if (!cv)
                    want = VMBP_E_RING_WRITE_INDEX;
                else
                    want = (c - a + size) % size > size - 8 - (a - b + size) % size
                               ? VMBP_E_RING_WRITE_INDEX
                               : VMBP_OK;
                REQUIRE(vmbp_ring_write_index_check(size, b, a, c) == want,
                        "write %u: %u %u %u", size, a, b, c);
                REQUIRE(a % 8 || vmbp_ring_write_index_accept(size, b, a, c) == want,
                        "write accept %u: %u %u %u", size, a, b, c);
                n++;
            }
    return n;
}

/* Exhaustive over rings of 64 bytes, 72 (not a power of two) and the smallest non-power of
 * two (40): the consistency checks against a model.
 * covers: VMBP-RING-010 VMBP-RING-015 */
START_TEST(index_consistency_checks_exhaustive)
{
    ck_assert_uint_eq(consistency_exhaustive(64), 16ul * 8 * 17);
    ck_assert_uint_eq(consistency_exhaustive(72), 18ul * 9 * 19);
    ck_assert_uint_eq(consistency_exhaustive(40), 10ul * 5 * 11);
}
END_TEST

/* ring.h's arithmetic at the end of data areas that are not powers of two (3 and 5 pages),
 * and the unchecked index arithmetic against a model on every index pair of small rings.
 * covers: VMBP-RING-003 VMBP-RING-004 */
START_TEST(index_arithmetic_of_sizes_not_powers_of_two)
{
    static const uint32_t sizes[] = {32, 40, 72, 128, 136};
    uint32_t v = 7, a, b;
    size_t k;

    for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
        uint32_t size = sizes[k];

        for (a = 0; a < size; a++)
            for (b = 0; b <= size; b++) {
                REQUIRE(vmbp_ring_index_add(size, a, b) == (a + b) % size, "add %u: %u %u",
                        size, a, b);
                REQUIRE(b == size || vmbp_ring_index_dist(size, a, b) == (b + size - a) % size,
                        "dist %u: %u %u", size, a, b);
            }
    }
    ck_assert_uint_eq(vmbp_ring_index_add(0x80000000u, 0x7FFFFFF8u, 0x80000000u), 0x7FFFFFF8u);
    ck_assert_uint_eq(vmbp_ring_index_dist(0x80000000u, 0x7FFFFFF8u, 0), 8);
    ck_assert_uint_eq(vmbp_ring_index_add(12288, 12280, 16), 8);
    ck_assert_uint_eq(vmbp_ring_index_dist(20480, 20472, 8), 16);

    ck_assert_uint_eq(vmbp_ring_advance(12288, 12280, 8, &v), VMBP_OK);
    ck_assert_uint_eq(v, 0);
    ck_assert_uint_eq(vmbp_ring_advance(12288, 12000, 4000, &v), VMBP_OK);
    ck_assert_uint_eq(v, 3712);
    ck_assert_uint_eq(vmbp_ring_advance(20480, 16384, 8192, &v), VMBP_OK);
    ck_assert_uint_eq(v, 4096);
    ck_assert_uint_eq(vmbp_ring_advance(40, 32, 32, &v), VMBP_OK);
    ck_assert_uint_eq(v, 24);
    ck_assert_uint_eq(vmbp_ring_avail(12288, 8, 12280, &v), VMBP_OK);
    ck_assert_uint_eq(v, 16);
    ck_assert_uint_eq(vmbp_ring_free(20480, 0, 16384, &v), VMBP_OK);
    ck_assert_uint_eq(v, 16376);
    ck_assert_uint_eq(vmbp_ring_avail(12288, 12288, 0, &v), VMBP_E_RING_WRITE_INDEX);
    ck_assert_uint_eq(vmbp_ring_read_index_check(12288, 16, 12000, 8), VMBP_OK);
    ck_assert_uint_eq(vmbp_ring_read_index_check(12288, 16, 12000, 24),
                      VMBP_E_RING_READ_PAST_WRITE);
    ck_assert_uint_eq(vmbp_ring_write_index_check(20480, 16384, 16384, 16376), VMBP_OK);
    ck_assert_uint_eq(vmbp_ring_write_index_check(20480, 16384, 16384, 16384), VMBP_OK);
    ck_assert_uint_eq(vmbp_ring_write_index_check(20480, 16384, 16384, 16380),
                      VMBP_E_RING_WRITE_INDEX);
    ck_assert_uint_eq(vmbp_ring_write_index_check(20480, 16384, 8, 16384),
                      VMBP_E_RING_WRITE_INDEX);
}
END_TEST

/* covers: VMBP-RING-020 VMBP-RING-021 VMBP-RING-022 */
START_TEST(signal_predicates)
{
    uint32_t p = 1;

    ck_assert(vmbp_ring_reader_wakeup(16, 16, 0));
    ck_assert(!vmbp_ring_reader_wakeup(16, 16, 1));
    ck_assert(!vmbp_ring_reader_wakeup(16, 8, 0));
    ck_assert(vmbp_ring_writer_wakeup(100, 200, 200));
    ck_assert(vmbp_ring_writer_wakeup(199, 200, 200));
    ck_assert(!vmbp_ring_writer_wakeup(200, 300, 200)); /* already enough before */
    ck_assert(!vmbp_ring_writer_wakeup(100, 199, 200)); /* still not enough */
    ck_assert(!vmbp_ring_writer_wakeup(0, 300, 0));     /* nobody waits */
    ck_assert_uint_eq(vmbp_ring_pending_check(256, 255, &p), VMBP_OK);
    ck_assert_uint_eq(p, 248);
    ck_assert_uint_eq(vmbp_ring_pending_check(256, 256, &p), VMBP_OK);
    ck_assert_uint_eq(p, 256);
    p = 1;
    ck_assert_uint_eq(vmbp_ring_pending_check(256, 257, &p), VMBP_E_RING_PENDING_SZ);
    ck_assert_uint_eq(vmbp_ring_pending_check(256, 0xFFFFFFFFu, &p), VMBP_E_RING_PENDING_SZ);
    ck_assert_uint_eq(p, 1);
}
END_TEST

/* ======================== init ========================================================= */

START_TEST(init_rejects_bad_arguments)
{
    struct vmbp_ring r;

    ck_assert_uint_eq(vmbp_ring_init(NULL, M, CTL + S, VMBP_RING_GUEST_SEND, 0), VMBP_E_INVAL);
    ck_assert_uint_eq(vmbp_ring_init(&r, NULL, CTL + S, VMBP_RING_GUEST_SEND, 0), VMBP_E_INVAL);
    ck_assert_uint_eq(vmbp_ring_init(&r, M + 4, CTL + S - 8, VMBP_RING_GUEST_SEND, 0),
                      VMBP_E_INVAL);
    ck_assert_uint_eq(vmbp_ring_init(&r, M, CTL + 24, VMBP_RING_GUEST_SEND, 0), VMBP_E_INVAL);
    ck_assert_uint_eq(vmbp_ring_init(&r, M, CTL + 36, VMBP_RING_GUEST_SEND, 0), VMBP_E_INVAL);
    ck_assert_uint_eq(vmbp_ring_init(&r, M, 100, VMBP_RING_GUEST_SEND, 0), VMBP_E_INVAL);
    ck_assert_uint_eq(vmbp_ring_init(&r, M, CTL + S, (enum vmbp_ring_role)0, 0), VMBP_E_INVAL);
    ck_assert_uint_eq(vmbp_ring_init(&r, M, CTL + S, (enum vmbp_ring_role)5, 0), VMBP_E_INVAL);
    ck_assert_uint_eq(vmbp_ring_init(&r, M, CTL + S, VMBP_RING_GUEST_SEND, 0x8), VMBP_E_INVAL);
    ck_assert_uint_eq(vmbp_ring_state(NULL), VMBP_E_INVAL);
}
END_TEST

/* The reserved words of a reset control page are zero.
 * covers: VMBP-RING-002 VMBP-CONV-002 */
START_TEST(init_writes_only_the_words_its_role_owns)
{
    struct vmbp_ring r;
    size_t i;

    /* guest allocating its send ring: page zeroed, feature bit set, indices 0 */
    memset(M, 0xEE, CTL);
    open_end(&r, VMBP_RING_GUEST_SEND, VMBP_RING_F_RESET);
    for (i = 0; i < CTL; i++)
        REQUIRE(M[i] == (i == 64 ? 1 : 0), "control byte %zu", i);
    /* guest receive ring: same, mask clear (Linux), feature bit set as Linux does */
    memset(M, 0xEE, CTL);
    open_end(&r, VMBP_RING_GUEST_RECV, VMBP_RING_F_RESET | VMBP_RING_F_START_UNMASKED);
    for (i = 0; i < CTL; i++)
        REQUIRE(M[i] == (i == 64 ? 1 : 0), "control byte %zu", i);
    /* host attaching as reader: masks (OpenVMM), leaves everything else alone */
    memset(M, 0, CTL);
    hw_set(0, 16);
    hw_set(4, 8);
    hw_set(12, 0x48);
    hw_set(64, 0);
    open_end(&r, VMBP_RING_HOST_RECV, VMBP_RING_F_START_MASKED);
    ck_assert_uint_eq(hw_get(0), 16);
    ck_assert_uint_eq(hw_get(4), 8);
    ck_assert_uint_eq(hw_get(8), 1);
    ck_assert_uint_eq(hw_get(12), 0x48);
    ck_assert_uint_eq(hw_get(64), 0);
    /* host attaching as writer: feature bit and pending size only */
    hw_set(8, 0);
    open_end(&r, VMBP_RING_HOST_SEND, 0);
    ck_assert_uint_eq(hw_get(0), 16);
    ck_assert_uint_eq(hw_get(4), 8);
    ck_assert_uint_eq(hw_get(8), 0);
    ck_assert_uint_eq(hw_get(12), 0);
    ck_assert_uint_eq(hw_get(64), 1);
    for (i = 68; i < CTL; i++)
        REQUIRE(M[i] == 0, "reserved control byte %zu written", i);
    ck_assert_uint_eq(vmbp_ring_state(&r), VMBP_OK);
}
END_TEST

/* covers: VMBP-RING-010 */
START_TEST(init_attach_rejects_bad_indices)
{
    static const uint32_t bad[] = {4, 255, 256, 0x80000000u, 0xFFFFFFF8u};
    struct vmbp_ring r;
    uint8_t small[16];
    size_t i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        hw_set(0, bad[i]);
        hw_set(4, 0);
        ck_assert_uint_eq(
            vmbp_ring_init(&r, M, CTL + S, VMBP_RING_HOST_RECV, VMBP_RING_F_START_MASKED),
            VMBP_E_RING_WRITE_INDEX);
        ck_assert_uint_eq(vmbp_ring_state(&r), VMBP_E_RING_WRITE_INDEX);
        ck_assert_uint_eq(vmbp_ring_read(&r, small, sizeof(small), NULL, NULL),
                          VMBP_E_RING_WRITE_INDEX);
        hw_set(0, 8);
        hw_set(4, bad[i]);
        ck_assert_uint_eq(vmbp_ring_init(&r, M, CTL + S, VMBP_RING_HOST_SEND, 0),
                          VMBP_E_RING_READ_INDEX);
        ck_assert_uint_eq(vmbp_ring_write(&r, NULL, NULL, 0, NULL), VMBP_E_RING_READ_INDEX);
    }
}
END_TEST

/* ======================== write ========================================================= */

/* The padding and the trailer's reserved half are zero.
 * covers: VMBP-PKT-002 VMBP-PKT-003 VMBP-RING-004 VMBP-CONV-002 */
START_TEST(write_lays_out_descriptor_padding_and_trailer)
{
    struct vmbp_ring w;
    struct vmbp_pkt_out o;
    struct vmbp_seg sg[3];
    static const uint8_t a[3] = {1, 2, 3}, b[2] = {4, 5}, e[8] = {9, 9, 9, 9, 9, 9, 9, 9};
    uint8_t want[48];
    bool sig = false;

    open_end(&w, VMBP_RING_GUEST_SEND, VMBP_RING_F_RESET);
    hw_set(64, 1);
    o.type = VMBP_PKT_DATA_INBAND;
    o.flags = VMBP_PKT_FLAG_COMPLETION_REQUESTED;
    o.ext_len = 8;
    o.trans_id = 0x0102030405060708ull;
    sg[0].ptr = e;
    sg[0].len = 8;
    sg[1].ptr = a;
    sg[1].len = 3;
    sg[2].ptr = b;
    sg[2].len = 2;
    memset(M + CTL, 0xCC, S);
    ck_assert_uint_eq(vmbp_ring_write(&w, &o, sg, 3, &sig), VMBP_OK);
    ck_assert(sig); /* empty ring, mask clear */
    ck_assert_int_eq(vmbp_test_unhex("06000300 04000100 08070605 04030201"
                                     "09090909 09090909 01020304 05000000"
                                     "00000000 00000000 CCCCCCCC CCCCCCCC",
                                     want, sizeof(want)),
                     48);
    ck_assert_mem_eq(M + CTL, want, 48);
    ck_assert_uint_eq(hw_get(0), 40);
    /* the next packet's trailer carries its start offset, 40 */
    ck_assert_uint_eq(put(&w, 0, 1, &sig), VMBP_OK);
    ck_assert(!sig); /* the ring was not empty */
    ck_assert_uint_eq(vmbp_load_le32(M + CTL + 56), 0);
    ck_assert_uint_eq(vmbp_load_le32(M + CTL + 60), 40);
    ck_assert_uint_eq(hw_get(0), 64);
}
END_TEST

START_TEST(write_rejects_caller_errors_and_writes_nothing)
{
    struct vmbp_ring w;
    struct vmbp_pkt_out o;
    struct vmbp_seg sg;
    static uint8_t big[BUFCAP], image[CTL + 256];
    bool sig = true;

    open_end(&w, VMBP_RING_GUEST_SEND, VMBP_RING_F_RESET);
    memcpy(image, M, CTL + S);
    o.type = VMBP_PKT_DATA_INBAND;
    o.flags = 0;
    o.ext_len = 0;
    o.trans_id = 0;
    sg.ptr = big;
    sg.len = 8;
    o.type = 0;
    ck_assert_uint_eq(vmbp_ring_write(&w, &o, &sg, 1, &sig), VMBP_E_INVAL);
    ck_assert(!sig);
    o.type = 0xE;
    ck_assert_uint_eq(vmbp_ring_write(&w, &o, &sg, 1, NULL), VMBP_E_INVAL);
    o.type = 6;
    o.flags = 2;
    ck_assert_uint_eq(vmbp_ring_write(&w, &o, &sg, 1, NULL), VMBP_E_INVAL);
    o.flags = 0;
    o.ext_len = 4;
    ck_assert_uint_eq(vmbp_ring_write(&w, &o, &sg, 1, NULL), VMBP_E_INVAL);
    o.ext_len = 16; /* more header than bytes */
    ck_assert_uint_eq(vmbp_ring_write(&w, &o, &sg, 1, NULL), VMBP_E_INVAL);
    o.ext_len = 0;
    o.type = VMBP_PKT_DATA_GPA_DIRECT; /* needs its 8-byte header */
    ck_assert_uint_eq(vmbp_ring_write(&w, &o, &sg, 1, NULL), VMBP_E_INVAL);
    o.type = 6;
    sg.len = S - 8 - 24 + 1; /* can never fit: 24 + body + 8 > S - 8 */
    ck_assert_uint_eq(vmbp_ring_write(&w, &o, &sg, 1, NULL), VMBP_E_INVAL);
    sg.len = (size_t)-1;
    ck_assert_uint_eq(vmbp_ring_write(&w, &o, &sg, 1, NULL), VMBP_E_INVAL);
    sg.ptr = NULL;
    sg.len = 1;
    ck_assert_uint_eq(vmbp_ring_write(&w, &o, &sg, 1, NULL), VMBP_E_INVAL);
    ck_assert_uint_eq(vmbp_ring_write(&w, &o, NULL, 1, NULL), VMBP_E_INVAL);
    ck_assert_uint_eq(vmbp_ring_write(&w, NULL, NULL, 0, NULL), VMBP_E_INVAL);
    ck_assert_mem_eq(M, image, CTL + S);
    /* the largest packet that fits: S - 8 ring bytes */
    sg.ptr = big;
    sg.len = S - 8 - 24;
    ck_assert_uint_eq(vmbp_ring_write(&w, &o, &sg, 1, NULL), VMBP_OK);
    ck_assert_uint_eq(hw_get(0), S - 8);
    ck_assert_uint_eq(vmbp_ring_state(&w), VMBP_OK);
    /* a writer is not a reader */
    {
        struct vmbp_pkt_in in;
        bool more = true;

        ck_assert_uint_eq(vmbp_ring_peek(&w, buf, BUFCAP, &in), VMBP_E_STATE);
        ck_assert_uint_eq(vmbp_ring_commit(&w, NULL, &more), VMBP_E_STATE);
        ck_assert(!more);
    }
    ck_assert_uint_eq(vmbp_ring_mask_begin(&w), VMBP_E_STATE);
}
END_TEST

#if !RT_INSTRUMENTED
/* A 16-bit len8 limits a packet to VMBP_PKT_MAX_LEN bytes, descriptor included: on a ring
 * large enough to hold more, the writer refuses a body beyond that and takes the largest.
 * (Not in the instrumented build: its layer counts accesses of the small test ring only.) */
START_TEST(write_refuses_a_packet_len8_cannot_describe)
{
    const uint32_t size = 1u << 20;
    const size_t most = VMBP_PKT_MAX_LEN - VMBP_PKT_DESC_SIZE;
    uint8_t *ring = aligned_alloc(4096, CTL + size), *body = calloc(1, VMBP_PKT_MAX_LEN);
    struct vmbp_ring w, rd2;
    struct vmbp_pkt_out o;
    struct vmbp_pkt_in in;
    struct vmbp_seg sg[2];
    uint8_t *back = malloc(VMBP_PKT_MAX_LEN);

    ck_assert(ring && body && back);
    memset(ring, 0, CTL + size);
    fill_pattern(body, most, 3);
    ck_assert_uint_eq(
        vmbp_ring_init(&w, ring, CTL + size, VMBP_RING_GUEST_SEND, VMBP_RING_F_RESET), VMBP_OK);
    memset(&o, 0, sizeof(o));
    o.type = VMBP_PKT_DATA_INBAND;
    sg[0].ptr = body;
    sg[1].ptr = body;
    for (sg[0].len = most + 8; sg[0].len <= VMBP_PKT_MAX_LEN; sg[0].len += 8) {
        ck_assert_uint_eq(vmbp_ring_write(&w, &o, sg, 1, NULL), VMBP_E_INVAL);
        sg[1].len = 8; /* the same through the gather loop */
        sg[0].len -= 8;
        ck_assert_uint_eq(vmbp_ring_write(&w, &o, sg, 2, NULL), VMBP_E_INVAL);
        sg[0].len += 8;
    }
    ck_assert_uint_eq(vmbp_ring_state(&w), VMBP_OK);
    ck_assert_uint_eq(vmbp_load_le32(ring), 0); /* nothing published */
    sg[0].len = most;
    ck_assert_uint_eq(vmbp_ring_write(&w, &o, sg, 1, NULL), VMBP_OK);
    ck_assert_uint_eq(vmbp_load_le32(ring), VMBP_PKT_MAX_LEN + VMBP_PKT_TRAILER_SIZE);
    ck_assert_uint_eq(
        vmbp_ring_init(&rd2, ring, CTL + size, VMBP_RING_HOST_RECV, VMBP_RING_F_START_MASKED),
        VMBP_OK);
    ck_assert_uint_eq(vmbp_ring_read(&rd2, back, VMBP_PKT_MAX_LEN, &in, NULL), VMBP_OK);
    ck_assert_uint_eq(in.len, VMBP_PKT_MAX_LEN);
    ck_assert_uint_eq(in.data_offset, VMBP_PKT_DESC_SIZE);
    ck_assert_mem_eq(back + VMBP_PKT_DESC_SIZE, body, most);
    free(back);
    free(body);
    free(ring);
}
END_TEST
#endif

/* The writer holds its own transfer-page and GPA-direct packets to the reader's range rules,
 * so a VSP or VSC cannot publish a packet its peer must reject.
 * covers: VMBP-RING-019 */
START_TEST(writer_rejects_extensions_the_reader_would_reject)
{
    struct vmbp_ring w;
    struct vmbp_pkt_out o;
    struct vmbp_seg sg[2];
    static uint8_t image[CTL + 256];
    uint8_t ext[40], dat[8];

    open_end(&w, VMBP_RING_HOST_SEND, VMBP_RING_F_RESET);
    memcpy(image, M, CTL + S);
    memset(ext, 0, sizeof(ext));
    memset(dat, 0x5A, sizeof(dat));
    o.flags = VMBP_PKT_FLAG_COMPLETION_REQUESTED;
    o.trans_id = 9;
    sg[0].ptr = ext;
    sg[1].ptr = dat;
    sg[1].len = sizeof(dat);
    /* transfer pages: zero ranges, then more ranges than the extension holds */
    o.type = VMBP_PKT_DATA_XFER_PAGES;
    o.ext_len = 16;
    sg[0].len = 16;
    ck_assert_uint_eq(vmbp_ring_write(&w, &o, sg, 2, NULL), VMBP_E_INVAL);
    vmbp_store_le32(ext + 4, 2);
    ck_assert_uint_eq(vmbp_ring_write(&w, &o, sg, 2, NULL), VMBP_E_INVAL);
    /* GPA direct: a range whose PFNs pass the extension (8192 bytes at offset 1 = 3 pages) */
    o.type = VMBP_PKT_DATA_GPA_DIRECT;
    o.ext_len = 32;
    sg[0].len = 32;
    vmbp_store_le32(ext + 4, 1);
    vmbp_store_le32(ext + 8, 8192);
    vmbp_store_le32(ext + 12, 1);
    ck_assert_uint_eq(vmbp_ring_write(&w, &o, sg, 2, NULL), VMBP_E_INVAL);
    /* three ranges announced, room for two heads (one page, then an empty range) */
    vmbp_store_le32(ext + 4, 3);
    vmbp_store_le32(ext + 8, 4096);
    vmbp_store_le32(ext + 12, 0);
    ck_assert_uint_eq(vmbp_ring_write(&w, &o, sg, 2, NULL), VMBP_E_INVAL);
    ck_assert_mem_eq(M, image, CTL + S); /* nothing written */
    ck_assert_uint_eq(vmbp_ring_state(&w), VMBP_OK);
    /* the same packets with consistent ranges go through; the extension may span entries */
    vmbp_store_le32(ext + 4, 1);
    sg[0].len = 12;
    {
        struct vmbp_seg three[3];

        three[0].ptr = ext;
        three[0].len = 12;
        three[1].ptr = ext + 12;
        three[1].len = 20;
        three[2] = sg[1];
        ck_assert_uint_eq(vmbp_ring_write(&w, &o, three, 3, NULL), VMBP_OK);
    }
    o.type = VMBP_PKT_DATA_XFER_PAGES;
    o.ext_len = 16;
    sg[0].len = 16;
    ck_assert_uint_eq(vmbp_ring_write(&w, &o, sg, 2, NULL), VMBP_OK);
}
END_TEST

/* An add that cannot fit beside the unpublished batch even in an empty ring asks for a
 * commit instead of a pending send size no reader could ever satisfy.
 * covers: VMBP-RING-023 */
START_TEST(batch_that_fills_the_ring_asks_for_a_commit)
{
    struct vmbp_ring w;
    bool sig;

    open_end(&w, VMBP_RING_GUEST_SEND, VMBP_RING_F_RESET);
    {
        static uint8_t src[BUFCAP];
        struct vmbp_pkt_out o;
        struct vmbp_seg sg;

        memset(&o, 0, sizeof(o));
        o.type = VMBP_PKT_DATA_INBAND;
        sg.ptr = src;
        sg.len = S / 2 - 24; /* S/2 ring bytes each: descriptor, data, trailer */
        ck_assert_uint_eq(vmbp_ring_write_add(&w, &o, &sg, 1), VMBP_OK);
        ck_assert_uint_eq(vmbp_ring_write_add(&w, &o, &sg, 1), VMBP_E_RING_BATCH_FULL);
        ck_assert_uint_eq(vmbp_ring_write_needed(&w), 0);
        ck_assert_uint_eq(vmbp_ring_state(&w), VMBP_OK);
        ck_assert_uint_eq(vmbp_ring_write_commit(&w, &sig), VMBP_OK);
        ck_assert(sig);
        /* now the reader can free space: a full ring reports what to wait for */
        ck_assert_uint_eq(vmbp_ring_write_add(&w, &o, &sg, 1), VMBP_E_RING_FULL);
        ck_assert_uint_eq(vmbp_ring_write_needed(&w), S / 2);
        ck_assert_uint_eq(vmbp_ring_pending_send_set(&w, vmbp_ring_write_needed(&w), NULL),
                          VMBP_OK);
    }
}
END_TEST

/* A ring whose init failed refuses every call, whatever the object held before.
 * covers: VMBP-RING-008 */
START_TEST(failed_init_leaves_an_object_that_refuses_every_call)
{
    struct vmbp_ring r;
    struct vmbp_pkt_in in;

    memset(&r, 0, sizeof(r)); /* state 0 would read as OK */
    ck_assert_uint_eq(
        vmbp_ring_init(&r, M, 100, VMBP_RING_GUEST_RECV, VMBP_RING_F_START_UNMASKED),
        VMBP_E_INVAL);
    ck_assert_uint_eq(vmbp_ring_state(&r), VMBP_E_STATE);
    ck_assert_uint_eq(vmbp_ring_read(&r, buf, BUFCAP, &in, NULL), VMBP_E_STATE);
    ck_assert_uint_eq(put(&r, 8, 1, NULL), VMBP_E_STATE);
    ck_assert_uint_eq(vmbp_ring_mask_begin(&r), VMBP_E_STATE);
}
END_TEST

/* covers: VMBP-RING-005 VMBP-RING-023 */
START_TEST(write_full_is_all_or_nothing_and_reports_bytes_needed)
{
    struct vmbp_ring w;
    static uint8_t image[CTL + 256];
    bool ready = true, sig;

    open_end(&w, VMBP_RING_GUEST_SEND, VMBP_RING_F_RESET);
    /* 3 packets of 64 ring bytes (body 40): 192 used, 56 free */
    ck_assert_uint_eq(put(&w, 40, 1, NULL), VMBP_OK);
    ck_assert_uint_eq(put(&w, 40, 2, NULL), VMBP_OK);
    ck_assert_uint_eq(put(&w, 40, 3, NULL), VMBP_OK);
    ck_assert_uint_eq(vmbp_ring_write_needed(&w), 0);
    memcpy(image, M, CTL + S);
    ck_assert_uint_eq(put(&w, 33, 4, &sig), VMBP_E_RING_FULL); /* 64 ring bytes */
    ck_assert_uint_eq(vmbp_ring_write_needed(&w), 64);
    ck_assert_mem_eq(M, image, CTL + S);
    ck_assert_uint_eq(vmbp_ring_state(&w), VMBP_OK);
    /* a batch: the unpublished bytes count too */
    {
        struct vmbp_pkt_out o;

        o.type = VMBP_PKT_COMPLETION;
        o.flags = 0;
        o.ext_len = 0;
        o.trans_id = 9;
        ck_assert_uint_eq(vmbp_ring_write_add(&w, &o, NULL, 0), VMBP_OK); /* 24 bytes */
        ck_assert_uint_eq(vmbp_ring_write_add(&w, &o, NULL, 0), VMBP_OK); /* 48 */
        ck_assert_uint_eq(vmbp_ring_write_add(&w, &o, NULL, 0), VMBP_E_RING_FULL);
        ck_assert_uint_eq(vmbp_ring_write_needed(&w), 48 + 24);
        ck_assert_uint_eq(vmbp_ring_write_commit(&w, &sig), VMBP_OK);
    }
    ck_assert_uint_eq(hw_get(0), 240);
    /* wait for 72 bytes: nothing free yet */
    ck_assert_uint_eq(vmbp_ring_pending_send_set(&w, 69, &ready), VMBP_OK);
    ck_assert(!ready);
    ck_assert_uint_eq(hw_get(12), 72);
    ck_assert_uint_eq(vmbp_ring_pending_send_set(&w, S - 7, &ready), VMBP_E_INVAL);
    ck_assert_uint_eq(hw_get(12), 72);
    /* the reader frees 128 bytes (peer moves its index): ready now */
    hw_set(4, 128);
    ck_assert_uint_eq(vmbp_ring_pending_send_set(&w, 72, &ready), VMBP_OK);
    ck_assert(ready);
    /* the next successful write clears it */
    ck_assert_uint_eq(put(&w, 33, 4, NULL), VMBP_OK);
    ck_assert_uint_eq(hw_get(12), 0);
    ck_assert_uint_eq(vmbp_ring_pending_send_set(&w, 0, &ready), VMBP_OK);
    ck_assert(ready);
}
END_TEST

/*
 * A read index that breaks VMBP-RING-015 is reported where the writer takes it: the next
 * space check or pending_send_sz. The signal decision of a commit only compares the read
 * index with the previous write index, a valid index: any other value means "no signal" and
 * is not used (spec/ring.md, "Writing").
 * covers: VMBP-RING-015 VMBP-RING-020
 */
START_TEST(writer_rejects_a_read_index_out_of_range)
{
    struct vmbp_ring w;
    bool sig = true;

    open_end(&w, VMBP_RING_GUEST_SEND, VMBP_RING_F_RESET);
    ck_assert_uint_eq(put(&w, 100, 1, NULL), VMBP_OK); /* 128 ring bytes */
    hw_set(4, 3); /* misaligned; seen by the signal decision of the next commit */
    ck_assert_uint_eq(put(&w, 8, 2, &sig), VMBP_OK);
    ck_assert(!sig);                   /* not our previous write index: no signal */
    ck_assert_uint_eq(hw_get(0), 160); /* published */
    ck_assert_uint_eq(vmbp_ring_state(&w), VMBP_OK);
    /* 88 bytes free as the writer knows them: a packet of 88 goes in without a load */
    ck_assert_uint_eq(put(&w, 64, 3, &sig), VMBP_OK);
    ck_assert_uint_eq(hw_get(0), 248);
    /* the next one needs space: the read index is loaded, checked, rejected */
    ck_assert_uint_eq(put(&w, 8, 4, &sig), VMBP_E_RING_READ_INDEX);
    ck_assert(!sig);
    ck_assert_uint_eq(hw_get(0), 248); /* nothing of it written or published */
    ck_assert_uint_eq(vmbp_ring_state(&w), VMBP_E_RING_READ_INDEX);
    hw_set(4, 0);
    ck_assert_uint_eq(put(&w, 8, 5, &sig), VMBP_E_RING_READ_INDEX);
    ck_assert_uint_eq(vmbp_ring_pending_send_set(&w, 8, NULL), VMBP_E_RING_READ_INDEX);
    ck_assert_uint_eq(hw_get(0), 248);
    /* the same value, gone before the writer took it: nothing to report */
    mem(256);
    open_end(&w, VMBP_RING_GUEST_SEND, VMBP_RING_F_RESET);
    ck_assert_uint_eq(put(&w, 100, 1, NULL), VMBP_OK);
    hw_set(4, 3);
    ck_assert_uint_eq(put(&w, 8, 2, &sig), VMBP_OK);
    hw_set(4, 128);                                   /* the reader took the first packet */
    ck_assert_uint_eq(put(&w, 72, 3, &sig), VMBP_OK); /* 96 > 88 known free: loaded, valid */
    ck_assert_uint_eq(vmbp_ring_state(&w), VMBP_OK);
    ck_assert_uint_eq(vmbp_ring_pending_send_set(&w, 8, NULL), VMBP_OK);
    /* out of range, found when the space check loads it */
    mem(256);
    open_end(&w, VMBP_RING_GUEST_SEND, VMBP_RING_F_RESET);
    hw_set(8, 1); /* masked: commits do not load the read index */
    ck_assert_uint_eq(put(&w, 100, 1, NULL), VMBP_OK);
    hw_set(4, 256);
    ck_assert_uint_eq(put(&w, 100, 2, NULL), VMBP_E_RING_READ_INDEX);
    ck_assert_uint_eq(hw_get(0), 128);
}
END_TEST

/* covers: VMBP-RING-015 */
START_TEST(writer_rejects_a_read_index_past_what_was_written)
{
    struct vmbp_ring w;
    struct vmbp_pkt_out o;
    bool ready;

    open_end(&w, VMBP_RING_GUEST_SEND, VMBP_RING_F_RESET);
    hw_set(8, 1);
    ck_assert_uint_eq(put(&w, 100, 1, NULL), VMBP_OK); /* published 0..128 */
    o.type = VMBP_PKT_COMPLETION;
    o.flags = 0;
    o.ext_len = 0;
    o.trans_id = 0;
    ck_assert_uint_eq(vmbp_ring_write_add(&w, &o, NULL, 0), VMBP_OK); /* 128..152 unpublished */
    /* the reader claims the unpublished packet */
    hw_set(4, 152);
    ck_assert_uint_eq(vmbp_ring_pending_send_set(&w, 240, &ready), VMBP_E_RING_READ_PAST_WRITE);
    ck_assert_uint_eq(vmbp_ring_state(&w), VMBP_E_RING_READ_PAST_WRITE);
    ck_assert_uint_eq(vmbp_ring_write_commit(&w, NULL), VMBP_E_RING_READ_PAST_WRITE);
    ck_assert_uint_eq(hw_get(0), 128);
    /* behind what it had already consumed is the same violation (it never moves back) */
    mem(256);
    open_end(&w, VMBP_RING_GUEST_SEND, VMBP_RING_F_RESET);
    hw_set(8, 1);
    ck_assert_uint_eq(put(&w, 100, 1, NULL), VMBP_OK);
    hw_set(4, 128);
    ck_assert_uint_eq(vmbp_ring_pending_send_set(&w, 240, &ready), VMBP_OK);
    ck_assert(ready);
    hw_set(4, 120);
    ck_assert_uint_eq(vmbp_ring_pending_send_set(&w, 240, &ready), VMBP_E_RING_READ_PAST_WRITE);
}
END_TEST

/* ======================== read: the reject rules ======================================== */

/* A guest reader on a reset ring, with the test as the host writer. */
static struct vmbp_ring rd;

static void reader(void)
{
    memset(buf, FILL, sizeof(buf));
    open_end(&rd, VMBP_RING_GUEST_RECV, VMBP_RING_F_RESET | VMBP_RING_F_START_UNMASKED);
}

/* Read must fail with @p want, leave the ring BROKEN with it, publish nothing, and (for
 * rules found before the copy) not touch the caller's buffer at all.
 * covers: VMBP-RING-008 */
static void expect_broken(enum vmbp_status want, size_t untouched_from)
{
    struct vmbp_pkt_in in;
    struct vmbp_ring_view v;
    bool sig = true, more = true;
    uint32_t r0 = hw_get(4);

    memset(&in, 0x77, sizeof(in));
    ck_assert_msg(vmbp_ring_read(&rd, buf, BUFCAP, &in, &sig) == want, "got %s, want %s",
                  vmbp_status_str(vmbp_ring_state(&rd)), vmbp_status_str(want));
    ck_assert(!sig);
    ck_assert_uint_eq(vmbp_ring_state(&rd), want);
    assert_buf_untouched_from(untouched_from);
    /* sticky: every later call fails fast with the same status */
    ck_assert_uint_eq(vmbp_ring_read(&rd, buf, BUFCAP, &in, &sig), want);
    ck_assert_uint_eq(vmbp_ring_peek(&rd, buf, BUFCAP, &in), want);
    ck_assert_uint_eq(vmbp_ring_peek_inplace(&rd, &v, &in), want);
    ck_assert_uint_eq(vmbp_ring_commit(&rd, &sig, &more), want);
    ck_assert(!sig && !more);
    ck_assert_uint_eq(vmbp_ring_mask_begin(&rd), want);
    more = true;
    ck_assert_uint_eq(vmbp_ring_commit(&rd, NULL, &more), want);
    ck_assert(!more);
    ck_assert_uint_eq(hw_get(4), r0);
    if (untouched_from == 0) {
        size_t i;
        const uint8_t *p = (const uint8_t *)&in;

        for (i = 0; i < sizeof(in); i++)
            REQUIRE(p[i] == 0x77, "packet info written on a violation");
    }
}

/* covers: VMBP-RING-010 */
START_TEST(reject_write_index_out_of_range)
{
    reader();
    hw_set(0, 256);
    expect_broken(VMBP_E_RING_WRITE_INDEX, 0);
    reader();
    hw_set(0, 0xFFFFFFF8u);
    expect_broken(VMBP_E_RING_WRITE_INDEX, 0);
}
END_TEST

/* covers: VMBP-RING-010 */
START_TEST(reject_write_index_misaligned)
{
    reader();
    hw_set(0, 28);
    expect_broken(VMBP_E_RING_WRITE_INDEX, 0);
}
END_TEST

/* covers: VMBP-RING-010 */
START_TEST(reject_write_index_moving_back)
{
    struct vmbp_pkt_in in;

    reader();
    host_desc(0, 6, 2, 2, 0, 1);
    host_desc(24, 6, 2, 2, 0, 2);
    hw_set(0, 48);
    ck_assert_uint_eq(vmbp_ring_peek(&rd, buf, BUFCAP, &in), VMBP_OK);
    ck_assert_uint_eq(vmbp_ring_peek(&rd, buf, BUFCAP, &in), VMBP_OK);
    memset(buf, FILL, sizeof(buf));
    hw_set(0, 24); /* takes back the second packet, which we consumed */
    expect_broken(VMBP_E_RING_WRITE_INDEX, 0);
}
END_TEST

/* covers: VMBP-RING-011 */
START_TEST(reject_available_bytes_below_descriptor_and_trailer)
{
    reader();
    host_desc(0, 6, 2, 2, 0, 1);
    hw_set(0, 8);
    expect_broken(VMBP_E_RING_AVAIL_SHORT, 0);
    reader();
    host_desc(0, 6, 2, 2, 0, 1);
    hw_set(0, 16);
    expect_broken(VMBP_E_RING_AVAIL_SHORT, 0);
}
END_TEST

/* covers: VMBP-RING-012 */
START_TEST(reject_length_below_data_offset)
{
    reader();
    host_desc(0, 6, 3, 2, 0, 1);
    hw_set(0, 64);
    expect_broken(VMBP_E_RING_LEN_LT_OFFSET, 0);
}
END_TEST

/* covers: VMBP-RING-013 */
START_TEST(reject_data_offset_inside_descriptor)
{
    reader();
    host_desc(0, 6, 1, 2, 0, 1);
    hw_set(0, 64);
    expect_broken(VMBP_E_RING_OFFSET_SHORT, 0);
    reader();
    host_desc(0, 6, 0, 0, 0, 1);
    hw_set(0, 64);
    expect_broken(VMBP_E_RING_OFFSET_SHORT, 0);
}
END_TEST

/* covers: VMBP-RING-014 */
START_TEST(reject_packet_and_trailer_longer_than_available)
{
    struct vmbp_pkt_in in;

    reader();
    host_desc(0, 6, 2, 8, 0, 1); /* 64 + 8 bytes */
    hw_set(0, 72);
    ck_assert_uint_eq(vmbp_ring_read(&rd, buf, BUFCAP, &in, NULL), VMBP_OK);
    ck_assert_uint_eq(in.len, 64);
    memset(buf, FILL, sizeof(buf));
    host_desc(72, 6, 2, 8, 0, 2);
    hw_set(0, 136); /* one trailer short (OpenVMM accepts this one) */
    expect_broken(VMBP_E_RING_PKT_OVERRUN, 0);
    reader();
    host_desc(0, 6, 2, 0xFFFF, 0, 1);
    hw_set(0, 248);
    expect_broken(VMBP_E_RING_PKT_OVERRUN, 0);
}
END_TEST

/* covers: VMBP-RING-016 */
START_TEST(reject_unknown_packet_type)
{
    static const uint16_t bad[] = {0, 1, 5, 8, 0xA, 0xC, 0xD, 0xE, 0x20, 0xFFFF};
    static const uint16_t good[] = {6, 7, 9, 0xB};
    size_t i;
    struct vmbp_pkt_in in;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        reader();
        host_desc(0, bad[i], 2, 2, 0, 1);
        hw_set(0, 24);
        memset(buf, FILL, sizeof(buf));
        expect_broken(VMBP_E_RING_PKT_TYPE, 0);
    }
    for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        uint8_t ext[16] = {0, 0, 0, 0, 1, 0, 0, 0};

        reader();
        host_desc(0, good[i], 4, 4, 0, 1);
        host_bytes(16, ext, 16); /* one (empty) range, for types 7 and 9 */
        hw_set(0, 40);
        ck_assert_uint_eq(vmbp_ring_read(&rd, buf, BUFCAP, &in, NULL), VMBP_OK);
        ck_assert_uint_eq(in.type, good[i]);
    }
    /* legacy types on request */
    mem(512);
    open_end(&rd, VMBP_RING_GUEST_RECV,
             VMBP_RING_F_RESET | VMBP_RING_F_LEGACY_TYPES | VMBP_RING_F_START_UNMASKED);
    {
        uint32_t pos = 0;

        for (i = 1; i <= 0xD; i++)
            if (i != 7 && i != 9) {
                host_desc(pos, (uint16_t)i, 2, 2, 0, i);
                pos += 24;
            }
        hw_set(0, pos);
    }
    for (i = 1; i <= 0xD; i++) {
        if (i == 7 || i == 9)
            continue;
        ck_assert_uint_eq(vmbp_ring_read(&rd, buf, BUFCAP, &in, NULL), VMBP_OK);
        ck_assert_uint_eq(in.type, i);
    }
    ck_assert_uint_eq(vmbp_ring_read(&rd, buf, BUFCAP, &in, NULL), VMBP_E_RING_EMPTY);
}
END_TEST

/* covers: VMBP-RING-017 */
START_TEST(reject_flags_other_than_completion_requested)
{
    struct vmbp_pkt_in in;

    reader();
    host_desc(0, 6, 2, 2, 1, 1);
    host_desc(24, 6, 2, 2, 2, 1);
    hw_set(0, 48);
    ck_assert_uint_eq(vmbp_ring_read(&rd, buf, BUFCAP, &in, NULL), VMBP_OK);
    ck_assert_uint_eq(in.flags, 1);
    memset(buf, FILL, sizeof(buf));
    expect_broken(VMBP_E_RING_PKT_FLAGS, 0);
    reader();
    host_desc(0, 6, 2, 2, 0x8001, 1);
    hw_set(0, 24);
    expect_broken(VMBP_E_RING_PKT_FLAGS, 0);
}
END_TEST

/* covers: VMBP-RING-018 */
START_TEST(reject_extended_packets_without_their_header)
{
    reader();
    host_desc(0, VMBP_PKT_DATA_XFER_PAGES, 2, 4, 0, 1);
    hw_set(0, 40);
    expect_broken(VMBP_E_RING_EXT_OFFSET, 0);
    reader();
    host_desc(0, VMBP_PKT_DATA_GPA_DIRECT, 2, 4, 0, 1);
    hw_set(0, 40);
    expect_broken(VMBP_E_RING_EXT_OFFSET, 0);
}
END_TEST

/* covers: VMBP-RING-019 */
START_TEST(reject_zero_ranges)
{
    reader();
    host_desc(0, VMBP_PKT_DATA_XFER_PAGES, 3, 4, 0, 1);
    hw_set(0, 40);
    expect_broken(VMBP_E_RING_RANGE_COUNT, 32);
    reader();
    host_desc(0, VMBP_PKT_DATA_GPA_DIRECT, 4, 4, 0, 1);
    hw_set(0, 40);
    expect_broken(VMBP_E_RING_RANGE_COUNT, 32);
}
END_TEST

/* covers: VMBP-RING-019 */
START_TEST(reject_ranges_past_the_packet)
{
    uint8_t ext[16];

    /* transfer pages: 2 ranges announced, room for 1 before the data offset */
    reader();
    host_desc(0, VMBP_PKT_DATA_XFER_PAGES, 4, 6, 0, 1);
    vmbp_store_le32(ext, 0);
    vmbp_store_le32(ext + 4, 2);
    host_bytes(16, ext, 8);
    hw_set(0, 56);
    expect_broken(VMBP_E_RING_RANGE_BOUNDS, 48);
    /* GPA direct: one range of 8192 bytes at offset 1 needs 3 PFNs, 2 are there */
    reader();
    host_desc(0, VMBP_PKT_DATA_GPA_DIRECT, 6, 6, 0, 1);
    vmbp_store_le32(ext, 0);
    vmbp_store_le32(ext + 4, 1);
    vmbp_store_le32(ext + 8, 8192);
    vmbp_store_le32(ext + 12, 1);
    host_bytes(16, ext, 16);
    hw_set(0, 56);
    expect_broken(VMBP_E_RING_RANGE_BOUNDS, 48);
    /* a count whose byte size wraps 32 bits */
    reader();
    host_desc(0, VMBP_PKT_DATA_GPA_DIRECT, 4, 4, 0, 1);
    vmbp_store_le32(ext, 0);
    vmbp_store_le32(ext + 4, 0x20000001u);
    host_bytes(16, ext, 8);
    hw_set(0, 40);
    expect_broken(VMBP_E_RING_RANGE_BOUNDS, 32);
}
END_TEST

/* covers: VMBP-RING-022 */
START_TEST(reject_pending_send_size_larger_than_the_ring)
{
    struct vmbp_pkt_in in;
    bool sig = true;

    reader();
    host_desc(0, 6, 2, 2, 0, 1);
    host_desc(24, 6, 2, 2, 0, 2);
    hw_set(0, 48);
    hw_set(12, S + 1);
    ck_assert_uint_eq(vmbp_ring_read(&rd, buf, BUFCAP, &in, &sig), VMBP_E_RING_PENDING_SZ);
    ck_assert(!sig);
    ck_assert_uint_eq(hw_get(4), 24); /* the read itself was published */
    ck_assert_uint_eq(vmbp_ring_state(&rd), VMBP_E_RING_PENDING_SZ);
    memset(buf, FILL, sizeof(buf));
    expect_broken(VMBP_E_RING_PENDING_SZ, 0);
    /* ring_size - 1, as some peers write, is accepted (masked to size - 8) */
    reader();
    host_desc(0, 6, 2, 2, 0, 1);
    hw_set(0, 24);
    hw_set(12, S - 1);
    ck_assert_uint_eq(vmbp_ring_read(&rd, buf, BUFCAP, &in, &sig), VMBP_OK);
    ck_assert(sig); /* the ring became empty: free space S - 8 reached */
}
END_TEST

/* covers: VMBP-RING-025 */
START_TEST(packet_larger_than_the_buffer_is_kept_and_not_broken)
{
    struct vmbp_pkt_in in;
    bool sig = true;

    reader();
    host_desc(0, 6, 2, 12, 1, 0x55);
    hw_set(0, 104);
    memset(&in, 0, sizeof(in));
    ck_assert_uint_eq(vmbp_ring_read(&rd, buf, 95, &in, &sig), VMBP_E_NOSPACE);
    ck_assert(!sig);
    ck_assert_uint_eq(in.len, 96);
    ck_assert_uint_eq(in.type, 6);
    ck_assert(in.trans_id == 0x55);
    assert_buf_untouched_from(0);
    ck_assert_uint_eq(vmbp_ring_state(&rd), VMBP_OK);
    ck_assert_uint_eq(hw_get(4), 0);
    ck_assert_uint_eq(vmbp_ring_read(&rd, NULL, 0, &in, &sig), VMBP_E_NOSPACE);
    if (RT_INSTRUMENTED)
        vmbp_tshm_reset_counts();
    ck_assert_uint_eq(vmbp_ring_read(&rd, buf, 96, &in, &sig), VMBP_OK);
    ck_assert_uint_eq(hw_get(4), 104);
    assert_buf_untouched_from(96);
    if (RT_INSTRUMENTED) { /* the descriptor was not fetched again for the retry */
        ck_assert_uint_eq(vmbp_tshm_reads_of(M + CTL), 0);
        ck_assert_uint_eq(vmbp_tshm_reads_of(M + CTL + 16), 1);
        ck_assert_uint_eq(vmbp_tshm_reads_of(M + CTL + 96), 0); /* the trailer is never read */
    }
}
END_TEST

START_TEST(empty_ring_returns_empty_and_publishes_nothing)
{
    struct vmbp_pkt_in in;
    bool sig = true, more = true;

    reader();
    ck_assert_uint_eq(vmbp_ring_read(&rd, buf, BUFCAP, &in, &sig), VMBP_E_RING_EMPTY);
    ck_assert(!sig);
    ck_assert_uint_eq(vmbp_ring_commit(&rd, &sig, &more), VMBP_OK);
    ck_assert(!sig && !more);
    ck_assert_uint_eq(vmbp_ring_state(&rd), VMBP_OK);
    ck_assert_uint_eq(hw_get(4), 0);
    assert_buf_untouched_from(0);
    /* a reader is not a writer */
    ck_assert_uint_eq(vmbp_ring_write(&rd, NULL, NULL, 0, &sig), VMBP_E_STATE);
    ck_assert_uint_eq(vmbp_ring_write_commit(&rd, &sig), VMBP_E_STATE);
    ck_assert_uint_eq(vmbp_ring_pending_send_set(&rd, 8, NULL), VMBP_E_STATE);
}
END_TEST

/* ======================== both ends together ============================================ */

/* covers: VMBP-RING-004 VMBP-RING-006 VMBP-RING-007 */
START_TEST(guest_and_host_rings_of_a_channel)
{
    /* guest→host in the first half of a buffer, host→guest in the second, like a GPADL */
    static uint8_t chan[2 * (CTL + 512)] __attribute__((aligned(4096)));
    struct vmbp_ring gs, gr, hs, hr;
    struct vmbp_pkt_in in;
    bool sig;
    unsigned i;

    vmbp_tshm_detach_all();
    vmbp_tshm_attach(chan, sizeof(chan));
    vmbp_tshm_set_strict(true);
    ck_assert_uint_eq(
        vmbp_ring_init(&gs, chan, CTL + 512, VMBP_RING_GUEST_SEND, VMBP_RING_F_RESET), VMBP_OK);
    ck_assert_uint_eq(vmbp_ring_init(&gr, chan + CTL + 512, CTL + 512, VMBP_RING_GUEST_RECV,
                                     VMBP_RING_F_RESET | VMBP_RING_F_START_UNMASKED),
                      VMBP_OK);
    ck_assert_uint_eq(
        vmbp_ring_init(&hr, chan, CTL + 512, VMBP_RING_HOST_RECV, VMBP_RING_F_START_MASKED),
        VMBP_OK);
    ck_assert_uint_eq(vmbp_ring_init(&hs, chan + CTL + 512, CTL + 512, VMBP_RING_HOST_SEND, 0),
                      VMBP_OK);
    for (i = 0; i < 200; i++) {
        struct vmbp_pkt_out o;
        struct vmbp_seg sg;
        uint8_t req[64], out[128];

        memset(req, (int)i, sizeof(req));
        o.type = VMBP_PKT_DATA_INBAND;
        o.flags = VMBP_PKT_FLAG_COMPLETION_REQUESTED;
        o.ext_len = 0;
        o.trans_id = i + 1;
        sg.ptr = req;
        sg.len = 1 + i % 60;
        ck_assert_uint_eq(vmbp_ring_write(&gs, &o, &sg, 1, &sig), VMBP_OK);
        ck_assert(!sig); /* the host reader starts masked */
        ck_assert_uint_eq(vmbp_ring_read(&hr, out, sizeof(out), &in, &sig), VMBP_OK);
        ck_assert(in.trans_id == i + 1);
        ck_assert_uint_eq(in.flags, 1);
        ck_assert_uint_eq(out[16], (uint8_t)i);
        o.type = VMBP_PKT_COMPLETION;
        o.flags = 0;
        sg.len = 8;
        ck_assert_uint_eq(vmbp_ring_write(&hs, &o, &sg, 1, &sig), VMBP_OK);
        ck_assert(sig); /* guest reader unmasked, ring was empty */
        ck_assert_uint_eq(vmbp_ring_read(&gr, out, sizeof(out), &in, &sig), VMBP_OK);
        ck_assert_uint_eq(in.type, VMBP_PKT_COMPLETION);
        ck_assert(in.trans_id == i + 1);
    }
    ck_assert_uint_eq(vmbp_tshm_stray_calls(), 0);
    mem(256);
}
END_TEST

/* Pointers the caller may leave NULL (signal, ready) are not written; those it may not
 * (packet info, view, a buffer with a capacity) make the call fail with VMBP_E_INVAL, the
 * ring untouched and still usable. */
START_TEST(optional_and_required_pointers)
{
    struct vmbp_ring w;
    struct vmbp_pkt_in in;
    struct vmbp_ring_view v;

    open_end(&w, VMBP_RING_GUEST_SEND, VMBP_RING_F_RESET);
    open_end(&rd, VMBP_RING_HOST_RECV, VMBP_RING_F_START_MASKED);
    ck_assert_uint_eq(vmbp_ring_pending_send_set(&w, 0, NULL), VMBP_OK);
    ck_assert_uint_eq(hw_get(12), 0);
    ck_assert_uint_eq(put(&w, 40, 1, NULL), VMBP_OK);
    ck_assert_uint_eq(vmbp_ring_peek(&rd, buf, BUFCAP, NULL), VMBP_E_INVAL);
    ck_assert_uint_eq(vmbp_ring_peek(&rd, NULL, 8, &in), VMBP_E_INVAL);
    ck_assert_uint_eq(vmbp_ring_read(&rd, buf, BUFCAP, NULL, NULL), VMBP_E_INVAL);
    ck_assert_uint_eq(vmbp_ring_read(&rd, NULL, 8, &in, NULL), VMBP_E_INVAL);
    /* no buffer and no capacity is a buffer too small for any packet */
    ck_assert_uint_eq(vmbp_ring_peek(&rd, NULL, 0, &in), VMBP_E_NOSPACE);
    ck_assert_uint_eq(in.len, 56);
    ck_assert_uint_eq(vmbp_ring_read(&rd, NULL, 0, &in, NULL), VMBP_E_NOSPACE);
    ck_assert_uint_eq(vmbp_ring_peek_inplace(&rd, NULL, &in), VMBP_E_INVAL);
    ck_assert_uint_eq(vmbp_ring_peek_inplace(&rd, &v, NULL), VMBP_E_INVAL);
    ck_assert_uint_eq(hw_get(4), 0);
    ck_assert_uint_eq(vmbp_ring_state(&rd), VMBP_OK);
    /* the writer waits for more room than is free; the reader frees it with no signal
     * pointer: the wake-up decision runs and writes nothing */
    ck_assert_uint_eq(put(&w, S - 8 - 24 - 56, 2, NULL), VMBP_E_RING_FULL);
    ck_assert_uint_eq(vmbp_ring_pending_send_set(&w, vmbp_ring_write_needed(&w), NULL),
                      VMBP_OK);
    ck_assert_uint_ne(hw_get(12), 0);
    get_check(&rd, 40, 1, NULL);
    ck_assert_uint_eq(put(&w, S - 8 - 24 - 56, 2, NULL), VMBP_OK);
    get_check(&rd, S - 8 - 24 - 56, 2, NULL);
}
END_TEST

/* The re-check after unmasking loads the write index again and holds it to the same rule.
 * covers: VMBP-RING-010 VMBP-RING-024 */
START_TEST(unmask_recheck_validates_the_write_index)
{
    bool more = true;

    open_end(&rd, VMBP_RING_HOST_RECV, VMBP_RING_F_START_MASKED);
    hw_set(0, 12); /* not 8-byte aligned, written while the reader was masked */
    ck_assert_uint_eq(vmbp_ring_commit(&rd, NULL, &more), VMBP_E_RING_WRITE_INDEX);
    ck_assert(!more);
    ck_assert_uint_eq(vmbp_ring_state(&rd), VMBP_E_RING_WRITE_INDEX);
}
END_TEST

/* covers: VMBP-RING-020 VMBP-RING-024 */
START_TEST(reader_is_signalled_only_on_empty_to_non_empty_unmasked)
{
    struct vmbp_ring w;
    bool sig = false, more = true;

    open_end(&w, VMBP_RING_GUEST_SEND, VMBP_RING_F_RESET);
    open_end(&rd, VMBP_RING_HOST_RECV, VMBP_RING_F_START_MASKED);
    ck_assert_uint_eq(hw_get(8), 1); /* host reader starts masked */
    ck_assert_uint_eq(put(&w, 10, 1, &sig), VMBP_OK);
    ck_assert(!sig);
    ck_assert_uint_eq(vmbp_ring_commit(&rd, NULL, &more), VMBP_OK);
    ck_assert(more); /* the packet written while masked is found by the re-check */
    ck_assert_uint_eq(hw_get(8), 0);
    get_check(&rd, 10, 1, &sig);
    ck_assert_uint_eq(vmbp_ring_commit(&rd, NULL, &more), VMBP_OK);
    ck_assert(!more);
    ck_assert_uint_eq(put(&w, 10, 2, &sig), VMBP_OK);
    ck_assert(sig); /* empty -> non-empty */
    ck_assert_uint_eq(put(&w, 10, 3, &sig), VMBP_OK);
    ck_assert(!sig); /* was not empty */
    get_check(&rd, 10, 2, NULL);
    ck_assert_uint_eq(put(&w, 10, 4, &sig), VMBP_OK);
    ck_assert(!sig); /* still one packet unread */
    ck_assert_uint_eq(vmbp_ring_mask_begin(&rd), VMBP_OK);
    ck_assert_uint_eq(hw_get(8), 1);
    get_check(&rd, 10, 3, NULL);
    get_check(&rd, 10, 4, NULL);
    ck_assert_uint_eq(put(&w, 10, 5, &sig), VMBP_OK);
    ck_assert(!sig); /* empty -> non-empty, but masked */
    ck_assert_uint_eq(vmbp_ring_commit(&rd, NULL, &more), VMBP_OK);
    ck_assert(more);
    get_check(&rd, 10, 5, NULL);
    /* batch: one publish and one signal for three packets */
    {
        struct vmbp_pkt_out o;
        unsigned n;

        o.type = VMBP_PKT_COMPLETION;
        o.flags = 0;
        o.ext_len = 0;
        o.trans_id = 0;
        for (n = 0; n < 3; n++)
            ck_assert_uint_eq(vmbp_ring_write_add(&w, &o, NULL, 0), VMBP_OK);
        ck_assert_uint_eq(hw_get(0), 200);
        ck_assert_uint_eq(vmbp_ring_write_commit(&w, &sig), VMBP_OK);
        ck_assert(sig);
        ck_assert_uint_eq(hw_get(0), 16);
        ck_assert_uint_eq(vmbp_ring_write_commit(&w, &sig), VMBP_OK);
        ck_assert(!sig); /* nothing new */
    }
}
END_TEST

/* covers: VMBP-RING-021 VMBP-RING-022 VMBP-RING-007 */
START_TEST(writer_is_signalled_only_when_a_read_crosses_pending_send_size)
{
    struct vmbp_ring w;
    struct vmbp_pkt_in in;
    bool sig = true, more = false;

    open_end(&w, VMBP_RING_GUEST_SEND, VMBP_RING_F_RESET);
    open_end(&rd, VMBP_RING_HOST_RECV, VMBP_RING_F_START_MASKED);
    fill_224(&w, 0);
    wait_for_64(&w);
    get_check(&rd, 8, 0, &sig); /* free 24 -> 56 */
    ck_assert(!sig);
    get_check(&rd, 8, 1, &sig); /* 56 -> 88: crosses 64 */
    ck_assert(sig);
    get_check(&rd, 8, 2, &sig); /* already above */
    ck_assert(!sig);
    /* batch read: one commit, one signal */
    hw_set(12, 200);
    ck_assert_uint_eq(vmbp_ring_peek(&rd, buf, BUFCAP, &in), VMBP_OK);
    ck_assert_uint_eq(vmbp_ring_peek(&rd, buf, BUFCAP, &in), VMBP_OK);
    ck_assert_uint_eq(vmbp_ring_peek(&rd, buf, BUFCAP, &in), VMBP_OK);
    ck_assert_uint_eq(hw_get(4), 96);
    ck_assert_uint_eq(vmbp_ring_commit(&rd, &sig, &more), VMBP_OK); /* 120 -> 216 */
    ck_assert(sig);
    ck_assert(more); /* packet 6 is still there */
    ck_assert_uint_eq(hw_get(4), 192);
    ck_assert_uint_eq(put(&w, 8, 7, NULL), VMBP_OK); /* (clears pending_send_sz) */
    /* a pending size below 8 is nothing to wait for once its low bits are dropped */
    hw_set(12, 7);
    get_check(&rd, 8, 6, &sig);
    ck_assert(!sig);
    ck_assert_uint_eq(vmbp_ring_state(&rd), VMBP_OK);
    /* without the feature bit nobody is signalled */
    hw_set(64, 0);
    hw_set(12, 248);
    get_check(&rd, 8, 7, &sig);
    ck_assert(!sig);
    /* the writer's batch adds unpublished bytes to what it waits for */
    ck_assert_uint_eq(vmbp_ring_state(&rd), VMBP_OK);
    ck_assert_uint_eq(vmbp_ring_state(&w), VMBP_OK);
}
END_TEST

/* covers: VMBP-RING-021 */
START_TEST(writer_signal_uses_the_write_index_loaded_after_publishing)
{
    struct vmbp_ring w;
    bool sig = false, ready = true;
    unsigned i;

    open_end(&w, VMBP_RING_GUEST_SEND, VMBP_RING_F_RESET);
    open_end(&rd, VMBP_RING_HOST_RECV, VMBP_RING_F_START_MASKED);
    for (i = 0; i < 4; i++) /* 4 x 32 */
        ck_assert_uint_eq(put(&w, 8, i, NULL), VMBP_OK);
    get_check(&rd, 8, 0, NULL); /* the reader has seen write index 128, released 32 */
    /* the writer fills up after the reader looked (write index 0, free 24) and waits for 56 */
    for (i = 4; i < 8; i++)
        ck_assert_uint_eq(put(&w, 8, i, NULL), VMBP_OK);
    ck_assert_uint_eq(hw_get(0), 0);
    ck_assert_uint_eq(vmbp_ring_pending_send_set(&w, 56, &ready), VMBP_OK);
    ck_assert(!ready);
    /* with the stale index 128 the free space would look like 152 already and no signal
     * would go out; the index loaded after publishing says 24 -> 56: crossing */
    get_check(&rd, 8, 1, &sig);
    ck_assert(sig);
}
END_TEST

/* covers: VMBP-RING-032 VMBP-RING-021 */
START_TEST(released_packets_are_decided_on_at_the_commit)
{
    struct vmbp_ring w;
    struct vmbp_pkt_in in;
    bool sig = true, more = false;

    open_end(&w, VMBP_RING_GUEST_SEND, VMBP_RING_F_RESET);
    open_end(&rd, VMBP_RING_HOST_RECV, VMBP_RING_F_START_MASKED);
    fill_224(&w, 0);
    /* a release publishes the index with nothing else: no load, no decision */
    ck_assert_uint_eq(vmbp_ring_peek(&rd, buf, BUFCAP, &in), VMBP_OK);
    hw_set(12, 0x10000); /* a pending size that a decision would find bad */
    ck_assert_uint_eq(vmbp_ring_release(&rd), VMBP_OK);
    ck_assert_uint_eq(hw_get(4), 32);
    ck_assert_uint_eq(vmbp_ring_state(&rd), VMBP_OK);
    hw_set(12, 0);
    /* the writer sees the released space (free 56) and waits for 64 */
    wait_for_64(&w);
    /* a second release lifts the space across 64 (56 -> 88), and signals nobody */
    ck_assert_uint_eq(vmbp_ring_peek(&rd, buf, BUFCAP, &in), VMBP_OK);
    ck_assert_uint_eq(vmbp_ring_release(&rd), VMBP_OK);
    ck_assert_uint_eq(hw_get(4), 64);
    ck_assert_uint_eq(vmbp_ring_release(&rd), VMBP_OK); /* nothing new: no store */
    /* the commit decides for both packets: the space before is that of the last decision
     * (24), not that of the last release (56), so the crossing is seen and signalled */
    ck_assert_uint_eq(vmbp_ring_commit(&rd, &sig, &more), VMBP_OK);
    ck_assert(sig);
    ck_assert(more);
    ck_assert_uint_eq(hw_get(4), 64);
    ck_assert_uint_eq(hw_get(8), 0); /* unmasked */
    /* the next commit, with nothing consumed since the decision, decides nothing */
    ck_assert_uint_eq(vmbp_ring_commit(&rd, &sig, &more), VMBP_OK);
    ck_assert(!sig);
    /* a writer end refuses it */
    ck_assert_uint_eq(vmbp_ring_release(&w), VMBP_E_STATE);
    ck_assert_uint_eq(vmbp_ring_release(NULL), VMBP_E_INVAL);
}
END_TEST

/* covers: VMBP-RING-032 VMBP-RING-021 */
START_TEST(a_drain_longer_than_the_ring_still_wakes_the_writer)
{
    struct vmbp_ring w;
    struct vmbp_pkt_in in;
    bool sig = false, more = true;
    unsigned i;

    open_end(&w, VMBP_RING_GUEST_SEND, VMBP_RING_F_RESET);
    open_end(&rd, VMBP_RING_HOST_RECV, VMBP_RING_F_START_MASKED);
    /* 16 packets of 32 bytes written, peeked and released with no decision: twice the ring */
    for (i = 0; i < 16; i++) {
        ck_assert_uint_eq(put(&w, 8, i, NULL), VMBP_OK);
        ck_assert_uint_eq(vmbp_ring_peek(&rd, buf, BUFCAP, &in), VMBP_OK);
        ck_assert_uint_eq(vmbp_ring_release(&rd), VMBP_OK);
    }
    /* the writer fills the ring and waits for 64 */
    fill_224(&w, 16);
    wait_for_64(&w);
    for (i = 16; i < 23; i++) {
        ck_assert_uint_eq(vmbp_ring_peek(&rd, buf, BUFCAP, &in), VMBP_OK);
        ck_assert_uint_eq(vmbp_ring_release(&rd), VMBP_OK);
    }
    /* the bytes consumed since the last decision count at most the ring (the space before
     * is then 0): the writer, waiting, is woken */
    ck_assert_uint_eq(vmbp_ring_commit(&rd, &sig, &more), VMBP_OK);
    ck_assert(sig);
    ck_assert(!more);
    ck_assert_uint_eq(vmbp_ring_state(&rd), VMBP_OK);
}
END_TEST

/* covers: VMBP-RING-032 VMBP-RING-021 */
START_TEST(a_read_after_a_release_decides_for_both)
{
    struct vmbp_ring w;
    struct vmbp_pkt_in in;
    bool sig = true, more = true;
    unsigned i;

    open_end(&w, VMBP_RING_GUEST_SEND, VMBP_RING_F_RESET);
    open_end(&rd, VMBP_RING_HOST_RECV, VMBP_RING_F_START_UNMASKED);
    fill_224(&w, 0);
    ck_assert_uint_eq(vmbp_ring_peek(&rd, buf, BUFCAP, &in), VMBP_OK);
    ck_assert_uint_eq(vmbp_ring_release(&rd), VMBP_OK); /* free 56, no decision */
    wait_for_64(&w);
    /* the read's decision covers the released packet too: 24 before, 88 after */
    get_check(&rd, 8, 1, &sig);
    ck_assert(sig);
    ck_assert_uint_eq(hw_get(4), 64);
    /* decided on: the next read counts from 64 (88 free before), no second signal */
    get_check(&rd, 8, 2, &sig);
    ck_assert(!sig);
    /* an empty read after a release decides nothing; the commit decides for the release */
    for (i = 3; i < 6; i++)
        get_check(&rd, 8, i, NULL);
    ck_assert_uint_eq(vmbp_ring_peek(&rd, buf, BUFCAP, &in), VMBP_OK);
    ck_assert_uint_eq(vmbp_ring_release(&rd), VMBP_OK);
    ck_assert_uint_eq(hw_get(4), 224);
    ck_assert_uint_eq(vmbp_ring_read(&rd, buf, BUFCAP, &in, &sig), VMBP_E_RING_EMPTY);
    ck_assert(!sig);
    ck_assert_uint_eq(vmbp_ring_commit(&rd, &sig, &more), VMBP_OK);
    ck_assert(!sig); /* 216 free before (the 32 released bytes counted), 248 after */
    ck_assert(!more);
    ck_assert_uint_eq(vmbp_ring_state(&rd), VMBP_OK);
}
END_TEST

/* ======================== wrap-around at every position ================================= */

/* Every packet size at every 8-byte start position of a ring of @p size data bytes: written,
 * read back, the indices and the trailer checked; returns the packets. */
static unsigned long wrap_every_position(uint32_t size)
{
    uint32_t p, n;
    unsigned long pkts = 0;

    for (p = 0; p < size; p += 8)
        for (n = 0; n <= size - 32; n++) {
            struct vmbp_ring w, r;
            bool sig = false;
            uint32_t total = (16 + n + 7) / 8 * 8 + 8, tr;

            mem(size);
            hw_set(0, p);
            hw_set(4, p);
            memset(M + CTL, 0xCC, size);
            open_end(&w, VMBP_RING_GUEST_SEND, 0);
            open_end(&r, VMBP_RING_GUEST_RECV, VMBP_RING_F_START_UNMASKED);
            REQUIRE(put(&w, n, p + n, &sig) == VMBP_OK, "write %u at %u", n, p);
            REQUIRE(sig, "no signal");
            REQUIRE(hw_get(0) == (p + total) % size, "write index after %u at %u", n, p);
            tr = (p + total - 8) % size; /* the trailer, possibly wrapped */
            {
                uint8_t t[8];
                uint32_t i;

                for (i = 0; i < 8; i++)
                    t[i] = M[CTL + (tr + i) % size];
                REQUIRE(vmbp_load_le32(t) == 0 && vmbp_load_le32(t + 4) == p,
                        "trailer of %u at %u", n, p);
            }
            get_check(&r, n, p + n, &sig);
            REQUIRE(hw_get(4) == (p + total) % size, "read index after %u at %u", n, p);
            pkts++;
        }
    return pkts;
}

/* A ring of 128 bytes and one of 120 (not a power of two).
 * covers: VMBP-RING-003 VMBP-RING-004 VMBP-RING-006 */
START_TEST(wrap_around_at_every_8_byte_position)
{
    ck_assert_uint_eq(wrap_every_position(128), 16ul * 97);
    ck_assert_uint_eq(wrap_every_position(120), 15ul * 89);
    mem(256);
}
END_TEST

/* Small deterministic generator for the size tests (both builds), and what they refused. */
static uint32_t sz_rng_state;
static unsigned long sz_full, sz_batch_full;
static uint32_t sz_rng(void)
{
    sz_rng_state = sz_rng_state * 1103515245u + 12345u;
    return sz_rng_state >> 8;
}

/*
 * Packets through a ring of @p size data bytes until its indices have wrapped @p laps times:
 * batches of 1-4 packets of pseudo-random sizes (one publish each), read back one by one or
 * peeked and committed together, some left unread until later, every byte compared; the
 * indices in the control page, the free-space decisions (VMBP_E_RING_FULL with the bytes
 * needed, VMBP_E_RING_BATCH_FULL) and the signals checked against a model that computes
 * modulo the size. Index arithmetic by mask, right only for powers of two, breaks all of these
 * on the other sizes. Returns the packets and the refusals.
 */
static unsigned long stream_through(uint32_t size, unsigned laps)
{
    enum { QMAX = 64 };
    struct vmbp_ring w;
    uint32_t widx = 0, ridx = 0, maxbody = size - 32 < 3000 ? size - 32 : 3000;
    uint32_t qlen[QMAX], unread = 0; /* published, not yet read: sizes and ring bytes */
    unsigned qhead = 0, qn = 0, seed = 1, next_read = 1;
    unsigned long pkts = 0, wrapped = 0, refused = 0;
    bool more = false;

    mem(size);
    open_end(&w, VMBP_RING_GUEST_SEND, VMBP_RING_F_RESET);
    open_end(&rd, VMBP_RING_HOST_RECV, VMBP_RING_F_START_UNMASKED);
    while (wrapped < laps) {
        unsigned k, batch = 1 + sz_rng() % 4, n_in = 0, reads;
        uint32_t used = 0, before = widx;
        bool sig = false;

        for (k = 0; k < batch && qn + n_in < QMAX; k++) {
            struct vmbp_pkt_out o;
            struct vmbp_seg sg;
            static uint8_t src[BUFCAP];
            uint32_t n = sz_rng() % (maxbody + 1), total = (16 + n + 7) / 8 * 8 + 8;
            enum vmbp_status st;

            fill_pattern(src, n, seed);
            o.type = VMBP_PKT_DATA_INBAND;
            o.flags = 0;
            o.ext_len = 0;
            o.trans_id = seed;
            sg.ptr = src;
            sg.len = n;
            st = vmbp_ring_write_add(&w, &o, &sg, 1);
            if (total > size - 8 - unread - used) { /* the model's free space */
                enum vmbp_status want =
                    total > size - 8 - used ? VMBP_E_RING_BATCH_FULL : VMBP_E_RING_FULL;

                REQUIRE(st == want, "size %u: %u bytes after %u + %u: %s", size, total, unread,
                        used, vmbp_status_str(st));
                REQUIRE(vmbp_ring_write_needed(&w) ==
                            (st == VMBP_E_RING_FULL ? used + total : 0),
                        "size %u: needed %u", size, vmbp_ring_write_needed(&w));
                if (st == VMBP_E_RING_FULL)
                    sz_full++;
                else
                    sz_batch_full++;
                refused++;
                break;
            }
            REQUIRE(st == VMBP_OK, "size %u: add %u after %u + %u: %s", size, total, unread,
                    used, vmbp_status_str(st));
            qlen[(qhead + qn + n_in) % QMAX] = n;
            n_in++;
            used += total;
            seed++;
            if (widx + total >= size)
                wrapped++;
            widx = (widx + total) % size;
        }
        ck_assert_uint_eq(vmbp_ring_write_commit(&w, &sig), VMBP_OK);
        REQUIRE(hw_get(0) == widx, "size %u: write index %u, want %u", size, hw_get(0), widx);
        REQUIRE(sig == (n_in > 0 && before == ridx), "size %u: signal", size);
        qn += n_in;
        unread += used;
        /* read some of what is there (everything, or one packet): the ring fills up */
        reads = sz_rng() % 4 == 0 ? qn : 1;
        for (k = 0; k < reads && qn > 0; k++) {
            uint32_t n = qlen[qhead], total = (16 + n + 7) / 8 * 8 + 8;

            if (sz_rng() % 2) {
                get_check(&rd, n, next_read, &sig);
                REQUIRE(!sig, "size %u: writer signalled", size);
            } else {
                struct vmbp_pkt_in in;
                static uint8_t want[BUFCAP];

                ck_assert_uint_eq(vmbp_ring_peek(&rd, buf, BUFCAP, &in), VMBP_OK);
                REQUIRE(in.trans_id == next_read && in.len == total - 8, "size %u: packet %u",
                        size, next_read);
                fill_pattern(want, n, next_read);
                REQUIRE(memcmp(buf + 16, want, n) == 0, "size %u: data", size);
            }
            ridx = (ridx + total) % size;
            unread -= total;
            qhead = (qhead + 1) % QMAX;
            qn--;
            next_read++;
            pkts++;
        }
        ck_assert_uint_eq(vmbp_ring_commit(&rd, &sig, &more), VMBP_OK);
        REQUIRE(hw_get(4) == ridx, "size %u: read index %u, want %u", size, hw_get(4), ridx);
        REQUIRE(more == (qn != 0), "size %u: more %d with %u packets left", size, more, qn);
        if (qn == 0) {
            struct vmbp_pkt_in in;

            ck_assert_uint_eq(vmbp_ring_read(&rd, buf, BUFCAP, &in, NULL), VMBP_E_RING_EMPTY);
        }
    }
    ck_assert_uint_eq(vmbp_ring_state(&w), VMBP_OK);
    ck_assert_uint_eq(vmbp_ring_state(&rd), VMBP_OK);
    return pkts + refused;
}

/*
 * Any multiple of 8 from 32 bytes is a legal data size, and hosts use multiples of the page
 * that are not powers of two: the smallest ring (32 bytes), the smallest that is not a power
 * of two (40), 3 pages (a ring of 4 pages with its control page), 5 pages, and a power of two
 * for comparison.
 * covers: VMBP-RING-003 VMBP-RING-004 VMBP-RING-005 VMBP-RING-020
 */
START_TEST(packets_wrap_data_areas_of_any_multiple_of_8)
{
    static const uint32_t sizes[] = {32, 40, 136, 4096, 12288, 20480};
    size_t i;

    sz_rng_state = 0x5EED;
    sz_full = sz_batch_full = 0;
    for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
        ck_assert_uint_gt(stream_through(sizes[i], 12), 12);
    ck_assert_uint_gt(sz_full, 10);
    ck_assert_uint_gt(sz_batch_full, 10);
    printf("sizes: %lu writes refused as full, %lu as a full batch\n", sz_full, sz_batch_full);
    mem(256);
}
END_TEST

/* covers: VMBP-RING-026 VMBP-TRUST-006 VMBP-RING-016 VMBP-RING-025 */
START_TEST(trusted_ring_zero_copy_peek_wraps_in_two_spans)
{
    struct vmbp_ring w, r;
    struct vmbp_ring_view v;
    struct vmbp_pkt_in in;
    uint8_t want[64], got[64];
    bool sig, more = true;

    mem(128);
    hw_set(0, 112);
    hw_set(4, 112);
    open_end(&w, VMBP_RING_GUEST_SEND, 0);
    open_end(&r, VMBP_RING_GUEST_RECV, VMBP_RING_F_TRUSTED | VMBP_RING_F_START_UNMASKED);
    ck_assert_uint_eq(put(&w, 40, 7, NULL), VMBP_OK); /* 56 bytes + trailer from 112 */
    /* a copy into too small a buffer keeps the descriptor; the view takes the kept one */
    ck_assert_uint_eq(vmbp_ring_peek(&r, got, 8, &in), VMBP_E_NOSPACE);
    ck_assert_uint_eq(in.len, 56);
    memset(&in, 0, sizeof(in));
    ck_assert_uint_eq(vmbp_ring_peek_inplace(&r, &v, &in), VMBP_OK);
    ck_assert_uint_eq(in.len, 56);
    ck_assert_uint_eq(in.data_offset, 16);
    ck_assert_ptr_eq(v.part[0], M + CTL + 112);
    ck_assert_uint_eq(v.len[0], 16);
    ck_assert_ptr_eq(v.part[1], M + CTL);
    ck_assert_uint_eq(v.len[1], 40);
    memcpy(got, v.part[0], v.len[0]);
    memcpy(got + v.len[0], v.part[1], v.len[1]);
    fill_pattern(want, 40, 7);
    ck_assert_mem_eq(got + 16, want, 40);
    ck_assert_uint_eq(hw_get(4), 112);
    ck_assert_uint_eq(vmbp_ring_commit(&r, &sig, &more), VMBP_OK);
    ck_assert(!more);
    ck_assert_uint_eq(hw_get(4), 48);
    ck_assert_uint_eq(vmbp_ring_peek_inplace(&r, &v, &in), VMBP_E_RING_EMPTY);
    /* the descriptor is validated all the same (VMBP-RING-016) */
    host_desc(48, 0, 2, 3, 0, 1);
    hw_set(0, 80);
    ck_assert_uint_eq(vmbp_ring_peek_inplace(&r, &v, &in), VMBP_E_RING_PKT_TYPE);
    ck_assert_uint_eq(vmbp_ring_state(&r), VMBP_E_RING_PKT_TYPE);
    /* not on a ring that was not declared trusted */
    open_end(&rd, VMBP_RING_GUEST_RECV, VMBP_RING_F_START_UNMASKED);
    ck_assert_uint_eq(vmbp_ring_peek_inplace(&rd, &v, &in), VMBP_E_STATE);
    mem(256);
}
END_TEST

/* ======================== a host that rewrites the ring between reads =================== */

#if RT_INSTRUMENTED
struct tamper {
    unsigned reads;
    uint32_t desc_off;
};

/* After the descriptor has been fetched, rewrite it before every later read. */
static void tamper_desc(void *ctx, uint8_t *addr, size_t len)
{
    struct tamper *t = (struct tamper *)ctx;

    (void)addr;
    (void)len;
    if (t->reads++ >= 2) /* write index, descriptor, then the rest */
        host_desc(t->desc_off, 0xFFFF, 0, 0xFFFF, 0xFFFF, 0xBAD);
}

/* covers: VMBP-TRUST-002 VMBP-RING-011 */
START_TEST(descriptor_rewritten_after_validation_changes_nothing)
{
    struct vmbp_pkt_in in;
    struct tamper t = {0, 0};
    static uint8_t want[24];

    reader();
    host_desc(0, 6, 2, 5, 0, 0x77);
    fill_pattern(want, 24, 3);
    host_bytes(16, want, 24);
    hw_set(0, 48);
    rt_race = tamper_desc;
    rt_race_ctx = &t;
    ck_assert_uint_eq(vmbp_ring_read(&rd, buf, BUFCAP, &in, NULL), VMBP_OK);
    ck_assert_uint_eq(in.len, 40);
    ck_assert(in.trans_id == 0x77);
    ck_assert_uint_eq(vmbp_load_le16(buf + 4), 5); /* the copy holds what was validated */
    ck_assert_uint_eq(vmbp_load_le16(buf + 0), 6);
    assert_buf_untouched_from(40);
    ck_assert_uint_eq(hw_get(4), 48);
    rt_race = NULL;
}
END_TEST

static uint64_t rng_state;
static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* Every read returns fresh random bytes (a host racing every fetch, kAFL style). */
static void random_bytes(void *ctx, uint8_t *addr, size_t len)
{
    size_t i;

    (void)ctx;
    for (i = 0; i < len; i++)
        addr[i] = (uint8_t)rng();
    if (len == 4 && (rng() & 3) != 0) /* mostly plausible indices */
        vmbp_store_le32(addr, (uint32_t)(rng() % (S / 8)) * 8u);
    if (len == 16 && (rng() & 1) != 0) { /* half of the descriptors plausible */
        static const uint16_t types[] = {6, 7, 9, 0xB};
        uint16_t off8 = (uint16_t)(2 + rng() % 3);

        vmbp_store_le16(addr, types[rng() % 4]);
        vmbp_store_le16(addr + 2, off8);
        vmbp_store_le16(addr + 4, (uint16_t)(off8 + rng() % 6));
        vmbp_store_le16(addr + 6, (uint16_t)(rng() % 2));
    }
}

/* Every read against a host that rewrites the ring before each fetch: contained, and the
 * work per call bounded (a fixed number of accessor calls, whatever the host writes).
 * covers: VMBP-TRUST-001 VMBP-TRUST-003 VMBP-TRUST-004 (read-once is checked by every other
 * test of the instrumented suite: this one rewrites the indices on purpose) */
START_TEST(random_host_on_every_read_is_contained)
{
    unsigned iter, ok = 0, broken = 0, other = 0;
    size_t max_calls = 0;

    rng_state = 0x9E3779B97F4A7C15ull;
    for (iter = 0; iter < 3000; iter++) {
        struct vmbp_pkt_in in;
        bool sig;
        unsigned k;
        enum vmbp_status st = VMBP_OK;

        mem(256);
        open_end(&rd, iter % 2 ? VMBP_RING_GUEST_RECV : VMBP_RING_HOST_RECV,
                 VMBP_RING_F_RESET |
                     (iter % 2 ? VMBP_RING_F_START_UNMASKED : VMBP_RING_F_START_MASKED));
        rt_check = false; /* indices are rewritten too: step detection is off here */
        rt_race = random_bytes;
        for (k = 0; k < 8 && st != VMBP_E_RING_EMPTY; k++) {
            size_t cap = (size_t)(rng() % 300);

            memset(buf, FILL, sizeof(buf));
            vmbp_tshm_reset_counts();
            st = vmbp_ring_read(&rd, buf, cap, &in, &sig);
            /* index, descriptor, extension, payload, publish, signal checks: a handful */
            ck_assert_uint_le(vmbp_tshm_calls(), 12);
            if (vmbp_tshm_calls() > max_calls)
                max_calls = vmbp_tshm_calls();
            if (st == VMBP_OK) {
                ok++;
                ck_assert_uint_le(in.len, cap);
                ck_assert_uint_ge(in.len, 16);
                assert_buf_untouched_from(in.len);
            } else if (vmbp_status_is_ring_violation(st)) {
                broken++;
                ck_assert_uint_eq(vmbp_ring_state(&rd), st);
                assert_buf_untouched_from(
                    st == VMBP_E_RING_RANGE_COUNT || st == VMBP_E_RING_RANGE_BOUNDS ||
                            st == VMBP_E_RING_EXT_OFFSET || st == VMBP_E_RING_PENDING_SZ ||
                            st == VMBP_E_RING_WRITE_INDEX
                        ? cap
                        : 0);
                break;
            } else {
                ck_assert_msg(st == VMBP_E_RING_EMPTY || st == VMBP_E_NOSPACE, "%s",
                              vmbp_status_str(st));
                if (st == VMBP_E_NOSPACE)
                    assert_buf_untouched_from(0);
                other++;
            }
        }
        rt_race = NULL;
    }
    ck_assert_uint_gt(ok, 0);
    ck_assert_uint_gt(broken, 100);
    printf("random host: %u packets accepted, %u rings broken, %u empty/nospace, at most %zu "
           "shared accesses per read\n",
           ok, broken, other, max_calls);
    mem(256);
}
END_TEST
#endif

/* ======================== ring-image vectors ============================================ */

/* Parse "k=v k=v ..." into an in-band packet description. */
struct vpkt {
    uint16_t type, flags;
    uint32_t ext_len, len, data_offset;
    uint64_t trans_id;
    uint8_t data[1024];
    size_t n;
};

static void parse_pkt(const char *s, struct vpkt *p)
{
    char key[32], val[2100];
    int used;

    memset(p, 0, sizeof(*p));
    while (sscanf(s, " %31[^=]=%2099s%n", key, val, &used) == 2) {
        s += used;
        if (strcmp(key, "data") == 0) {
            int n = strcmp(val, "-") == 0 ? 0 : vmbp_test_unhex(val, p->data, sizeof(p->data));

            ck_assert_int_ge(n, 0);
            p->n = (size_t)n;
        } else {
            uint64_t x = vmbp_vec_num(val);

            if (strcmp(key, "type") == 0)
                p->type = (uint16_t)x;
            else if (strcmp(key, "flags") == 0)
                p->flags = (uint16_t)x;
            else if (strcmp(key, "trans_id") == 0)
                p->trans_id = x;
            else if (strcmp(key, "ext_len") == 0)
                p->ext_len = (uint32_t)x;
            else if (strcmp(key, "len") == 0)
                p->len = (uint32_t)x;
            else if (strcmp(key, "data_offset") == 0)
                p->data_offset = (uint32_t)x;
            else
                ck_abort_msg("unknown packet key %s", key);
        }
    }
}

static enum vmbp_status status_by_name(const char *name)
{
#define RT_STATUS_BY_NAME(e, v, t)                                                             \
    if (strcmp(name, &(#e)[sizeof("VMBP_") - 1]) == 0)                                         \
        return (e);
    VMBP_STATUS_LIST(RT_STATUS_BY_NAME)
#undef RT_STATUS_BY_NAME
    ck_abort_msg("unknown status %s", name);
    return VMBP_E_INVAL;
}

/* covers: VMBP-RING-004 VMBP-PKT-002 VMBP-PKT-003 */
START_TEST(ring_image_vectors)
{
    struct vmbp_vec_set set;
    size_t i, k, images = 0, decoded = 0;

    vmbp_vec_load(&set, "ring");
    ck_assert_uint_ge(set.n, 10);
    for (i = 0; i < set.n; i++) {
        const struct vmbp_vec *v = &set.v[i];
        uint32_t size = (uint32_t)vmbp_vec_num(vmbp_vec_field(v, "data_size"));
        const char *start = vmbp_vec_field(v, "start");
        enum vmbp_status want = status_by_name(vmbp_vec_get(v, "status"));
        struct vmbp_ring w;
        enum vmbp_status st;
        size_t nr = 0;

        ck_assert_str_eq(vmbp_vec_get(v, "kind"), "ring");
        ck_assert_uint_eq(v->len, CTL + size);
        /* our writer reproduces the image byte for byte */
        if (start) {
            uint32_t p = (uint32_t)vmbp_vec_num(start);

            mem(size);
            hw_set(0, p);
            hw_set(4, p);
            open_end(&w, VMBP_RING_GUEST_SEND, 0);
            for (k = 0; k < v->nkv; k++) {
                struct vpkt pk;
                struct vmbp_pkt_out o;
                struct vmbp_seg sg;

                if (strcmp(v->kv[k].key, "write") != 0)
                    continue;
                parse_pkt(v->kv[k].value, &pk);
                o.type = pk.type;
                o.flags = pk.flags;
                o.ext_len = pk.ext_len;
                o.trans_id = pk.trans_id;
                sg.ptr = pk.data;
                sg.len = pk.n;
                ck_assert_uint_eq(vmbp_ring_write_add(&w, &o, &sg, 1), VMBP_OK);
            }
            ck_assert_uint_eq(vmbp_ring_write_commit(&w, NULL), VMBP_OK);
            ck_assert_msg(memcmp(M, v->bytes, CTL + size) == 0, "%s: image differs", v->name);
            images++;
        }
        /* our reader decodes it */
        mem(size);
        memcpy(M, v->bytes, CTL + size);
        st = vmbp_ring_init(&rd, M, CTL + S, VMBP_RING_GUEST_RECV, VMBP_RING_F_START_UNMASKED);
        if (st != VMBP_OK) { /* indices already bad when attaching */
            ck_assert_msg(st == want, "%s: init %s", v->name, vmbp_status_str(st));
            decoded++;
            continue;
        }
        for (k = 0; k < v->nkv && st == VMBP_OK; k++) {
            struct vpkt pk;
            struct vmbp_pkt_in in;

            if (strcmp(v->kv[k].key, "read") != 0)
                continue;
            parse_pkt(v->kv[k].value, &pk);
            memset(buf, FILL, sizeof(buf));
            st = vmbp_ring_read(&rd, buf, BUFCAP, &in, NULL);
            ck_assert_msg(st == VMBP_OK, "%s: packet %zu: %s", v->name, nr,
                          vmbp_status_str(st));
            ck_assert_uint_eq(in.type, pk.type);
            ck_assert_uint_eq(in.flags, pk.flags);
            ck_assert(in.trans_id == pk.trans_id);
            ck_assert_uint_eq(in.len, pk.len);
            ck_assert_uint_eq(in.data_offset, pk.data_offset);
            ck_assert_uint_eq(in.len - in.data_offset, (pk.n + 7) / 8 * 8);
            ck_assert_mem_eq(buf + in.data_offset, pk.data, pk.n);
            nr++;
        }
        {
            struct vmbp_pkt_in in;

            st = vmbp_ring_read(&rd, buf, BUFCAP, &in, NULL);
        }
        ck_assert_msg(st == (want == VMBP_OK ? VMBP_E_RING_EMPTY : want), "%s: %s, want %s",
                      v->name, vmbp_status_str(st), vmbp_status_str(want));
        decoded++;
    }
    printf("ring vectors: %zu images reproduced by the writer, %zu decoded\n", images, decoded);
    vmbp_vec_free(&set);
    mem(256);
}
END_TEST

static Suite *ring_suite(void)
{
    Suite *s = suite_create(RT_INSTRUMENTED ? "ring_instrumented" : "ring");
    TCase *tc;

    tc = tcase_create("layout");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, control_page_layout);
    tcase_add_test(tc, index_arithmetic_validates_its_inputs);
    tcase_add_test(tc, index_consistency_checks_exhaustive);
    tcase_add_test(tc, index_arithmetic_of_sizes_not_powers_of_two);
    tcase_add_test(tc, signal_predicates);
    suite_add_tcase(s, tc);

    tc = tcase_create("init_write");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, init_rejects_bad_arguments);
    tcase_add_test(tc, init_writes_only_the_words_its_role_owns);
    tcase_add_test(tc, init_attach_rejects_bad_indices);
    tcase_add_test(tc, write_lays_out_descriptor_padding_and_trailer);
    tcase_add_test(tc, write_rejects_caller_errors_and_writes_nothing);
    tcase_add_test(tc, optional_and_required_pointers);
    tcase_add_test(tc, unmask_recheck_validates_the_write_index);
#if !RT_INSTRUMENTED
    tcase_add_test(tc, write_refuses_a_packet_len8_cannot_describe);
#endif
    tcase_add_test(tc, write_full_is_all_or_nothing_and_reports_bytes_needed);
    tcase_add_test(tc, writer_rejects_extensions_the_reader_would_reject);
    tcase_add_test(tc, batch_that_fills_the_ring_asks_for_a_commit);
    tcase_add_test(tc, failed_init_leaves_an_object_that_refuses_every_call);
    tcase_add_test(tc, writer_rejects_a_read_index_out_of_range);
    tcase_add_test(tc, writer_rejects_a_read_index_past_what_was_written);
    suite_add_tcase(s, tc);

    tc = tcase_create("reject");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, reject_write_index_out_of_range);
    tcase_add_test(tc, reject_write_index_misaligned);
    tcase_add_test(tc, reject_write_index_moving_back);
    tcase_add_test(tc, reject_available_bytes_below_descriptor_and_trailer);
    tcase_add_test(tc, reject_length_below_data_offset);
    tcase_add_test(tc, reject_data_offset_inside_descriptor);
    tcase_add_test(tc, reject_packet_and_trailer_longer_than_available);
    tcase_add_test(tc, reject_unknown_packet_type);
    tcase_add_test(tc, reject_flags_other_than_completion_requested);
    tcase_add_test(tc, reject_extended_packets_without_their_header);
    tcase_add_test(tc, reject_zero_ranges);
    tcase_add_test(tc, reject_ranges_past_the_packet);
    tcase_add_test(tc, reject_pending_send_size_larger_than_the_ring);
    tcase_add_test(tc, packet_larger_than_the_buffer_is_kept_and_not_broken);
    tcase_add_test(tc, empty_ring_returns_empty_and_publishes_nothing);
    suite_add_tcase(s, tc);

    tc = tcase_create("flow");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, guest_and_host_rings_of_a_channel);
    tcase_add_test(tc, reader_is_signalled_only_on_empty_to_non_empty_unmasked);
    tcase_add_test(tc, writer_is_signalled_only_when_a_read_crosses_pending_send_size);
    tcase_add_test(tc, writer_signal_uses_the_write_index_loaded_after_publishing);
    tcase_add_test(tc, released_packets_are_decided_on_at_the_commit);
    tcase_add_test(tc, a_read_after_a_release_decides_for_both);
    tcase_add_test(tc, a_drain_longer_than_the_ring_still_wakes_the_writer);
    tcase_add_test(tc, wrap_around_at_every_8_byte_position);
    tcase_add_test(tc, packets_wrap_data_areas_of_any_multiple_of_8);
    tcase_add_test(tc, trusted_ring_zero_copy_peek_wraps_in_two_spans);
    tcase_add_test(tc, ring_image_vectors);
#if RT_INSTRUMENTED
    tcase_add_test(tc, descriptor_rewritten_after_validation_changes_nothing);
    tcase_add_test(tc, random_host_on_every_read_is_contained);
#endif
    suite_add_tcase(s, tc);
    return s;
}

VMBP_TEST_MAIN(ring_suite)
