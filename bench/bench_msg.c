/* SPDX-License-Identifier: MIT */
/*
 * Decode of every channel-message variant, beside one memcpy of the same bytes.
 *
 * The messages are the byte-exact vectors of tests/vectors/msg/ (the first one with status
 * OK for each variant), decoded in the negotiated state the vector names. Two figures per
 * variant:
 *  - "decode": the family decoder (vmbp_msg_offer_decode, vmbp_msg_gpadl_header_decode,
 *    ...): framing, gating, variant selection, reserved fields, field ranges, conversion to
 *    the host-order struct;
 *  - "dispatch": vmbp_msg_decode(), the any-message entry (selection, then the family
 *    decoder into the tagged union).
 * Each is called out of line through a function pointer, and so is the baseline (one memcpy
 * of the message's bytes into a private buffer), so both pay the same call. The message and
 * the output stay in the L1 cache: this is the codec's cost, not memory's.
 */
#include "bench.h"

#include <vmbus_proto/vmbus_proto.h>

#include "vectors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum vmbp_status (*dec_fn)(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                                   union vmbp_msg_body *out);

/* type, decoder stem, union member, family (the header it is declared in) */
#define DECODERS(X)                                                                            \
    X(OFFER_CHANNEL, offer, offer, "offer")                                                    \
    X(RESCIND_CHANNEL_OFFER, rescind, rescind, "offer")                                        \
    X(REQUEST_OFFERS, empty, empty, "connect")                                                 \
    X(ALL_OFFERS_DELIVERED, empty, empty, "connect")                                           \
    X(OPEN_CHANNEL, open_channel, open_channel, "channel")                                     \
    X(OPEN_CHANNEL_RESULT, open_result, open_result, "channel")                                \
    X(CLOSE_CHANNEL, close_channel, close_channel, "channel")                                  \
    X(GPADL_HEADER, gpadl_header, gpadl_header, "gpadl")                                       \
    X(GPADL_BODY, gpadl_body, gpadl_body, "gpadl")                                             \
    X(GPADL_CREATED, gpadl_created, gpadl_created, "gpadl")                                    \
    X(GPADL_TEARDOWN, gpadl_teardown, gpadl_teardown, "gpadl")                                 \
    X(GPADL_TORNDOWN, gpadl_torndown, gpadl_torndown, "gpadl")                                 \
    X(RELID_RELEASED, relid_released, relid_released, "offer")                                 \
    X(INITIATE_CONTACT, initiate_contact, initiate_contact, "connect")                         \
    X(VERSION_RESPONSE, version_response, version_response, "connect")                         \
    X(UNLOAD, empty, empty, "connect")                                                         \
    X(UNLOAD_COMPLETE, empty, empty, "connect")                                                \
    X(OPEN_RESERVED_CHANNEL, open_reserved_channel, open_reserved_channel, "channel")          \
    X(CLOSE_RESERVED_CHANNEL, close_reserved_channel, close_reserved_channel, "channel")       \
    X(CLOSE_RESERVED_RESPONSE, close_reserved_response, close_reserved_response, "channel")    \
    X(TL_CONNECT_REQUEST, tl_connect_request, tl_connect_request, "hvsock")                    \
    X(MODIFY_CHANNEL, modify_channel, modify_channel, "channel")                               \
    X(TL_CONNECT_RESULT, tl_connect_result, tl_connect_result, "hvsock")                       \
    X(MODIFY_CHANNEL_RESPONSE, modify_channel_response, modify_channel_response, "channel")    \
    X(MODIFY_CONNECTION, modify_connection, modify_connection, "connect")                      \
    X(MODIFY_CONNECTION_RESPONSE, modify_connection_response, modify_connection_response,      \
      "connect")                                                                               \
    X(PAUSE, empty, empty, "connect")                                                          \
    X(PAUSE_RESPONSE, empty, empty, "connect")                                                 \
    X(RESUME, empty, empty, "connect")

/* One out-of-line wrapper per type: callgrind.sh reads their inclusive counts. */
#define WRAP(T, stem, member, fam)                                                             \
    enum vmbp_status bench_dec_##T(const void *buf, size_t len, const struct vmbp_ctx *ctx,    \
                                   union vmbp_msg_body *out);                                  \
    __attribute__((noinline)) enum vmbp_status bench_dec_##T(                                  \
        const void *buf, size_t len, const struct vmbp_ctx *ctx, union vmbp_msg_body *out)     \
    {                                                                                          \
        return vmbp_msg_##stem##_decode(buf, len, ctx, &out->member);                          \
    }
DECODERS(WRAP)

#define ENTRY(T, stem, member, fam) {VMBP_MSG_##T, bench_dec_##T, fam},
static const struct {
    uint32_t type;
    dec_fn fn;
    const char *family;
} decoders[] = {DECODERS(ENTRY)};

enum vmbp_status bench_dec_any(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                               struct vmbp_msg *out);
void bench_copy_msg(void *dst, const void *src, size_t n);

__attribute__((noinline)) enum vmbp_status
bench_dec_any(const void *buf, size_t len, const struct vmbp_ctx *ctx, struct vmbp_msg *out)
{
    return vmbp_msg_decode(buf, len, ctx, VMBP_DIR_ANY, out);
}

__attribute__((noinline)) void bench_copy_msg(void *dst, const void *src, size_t n)
{
    memcpy(dst, src, n);
}

/* Called through volatile pointers: the compiler sees neither body at the call. */
static enum vmbp_status (*volatile any_fn)(const void *, size_t, const struct vmbp_ctx *,
                                           struct vmbp_msg *) = bench_dec_any;
static void (*volatile copy_fn)(void *, const void *, size_t) = bench_copy_msg;

struct sample {
    enum vmbp_msg_variant variant;
    const char *family;
    dec_fn fn;
    struct vmbp_ctx ctx;
    uint8_t bytes[VMBP_MSG_MAX_SIZE];
    size_t len;
};

static struct sample samples[VMBP_MSGV_COUNT];
static int nsamples;

__attribute__((noreturn)) static void die(const char *what, const char *name, int st)
{
    fprintf(stderr, "vmbp-bench: %s of %s failed (status %d)\n", what, name, st);
    exit(1);
}

static dec_fn decoder_of(uint32_t type, const char **family)
{
    size_t i;

    for (i = 0; i < sizeof(decoders) / sizeof(decoders[0]); i++)
        if (decoders[i].type == type) {
            *family = decoders[i].family;
            return decoders[i].fn;
        }
    return NULL;
}

/* The first vector with status OK of every variant, in variant order. */
static void load_samples(void)
{
    struct vmbp_vec_set set;
    int v;

    if (nsamples)
        return;
    vmbp_vec_load(&set, "msg");
    for (v = 1; v < (int)VMBP_MSGV_COUNT; v++) {
        size_t i;

        for (i = 0; i < set.n; i++) {
            const struct vmbp_vec *x = &set.v[i];
            const char *kind = vmbp_vec_get(x, "kind"), *status = vmbp_vec_get(x, "status");
            const char *variant = vmbp_vec_get(x, "variant"), *ver, *feat;
            struct sample *s = &samples[nsamples];

            if (!kind || strcmp(kind, "msg") || !status || strcmp(status, "OK") || !variant ||
                vmbp_msg_variant_by_name(variant) != (enum vmbp_msg_variant)v ||
                x->len > sizeof(s->bytes))
                continue;
            s->variant = (enum vmbp_msg_variant)v;
            s->fn = decoder_of(vmbp_msg_variant_type(s->variant), &s->family);
            ver = vmbp_vec_get(x, "version");
            feat = vmbp_vec_get(x, "features");
            s->ctx.version = ver ? vmbp_vec_version(ver) : 0;
            s->ctx.features = feat ? (uint32_t)vmbp_vec_num(feat) : 0;
            memcpy(s->bytes, x->bytes, x->len);
            s->len = x->len;
            if (s->fn)
                nsamples++;
            break;
        }
    }
    vmbp_vec_free(&set);
}

static void check(const struct sample *s)
{
    union vmbp_msg_body body;
    struct vmbp_msg m;
    enum vmbp_status st = s->fn(s->bytes, s->len, &s->ctx, &body);

    if (st != VMBP_OK)
        die("decode", vmbp_msg_variant_name(s->variant), (int)st);
    st = vmbp_msg_decode(s->bytes, s->len, &s->ctx, VMBP_DIR_ANY, &m);
    if (st != VMBP_OK || m.variant != s->variant)
        die("vmbp_msg_decode", vmbp_msg_variant_name(s->variant), (int)st);
}

enum what { W_DECODE, W_DISPATCH, W_COPY };

static unsigned run(const struct sample *s, enum what w, unsigned long iters)
{
    static union vmbp_msg_body body;
    static struct vmbp_msg m;
    static uint8_t copy[VMBP_MSG_MAX_SIZE];
    dec_fn fn = s->fn;
    unsigned acc = 0;
    unsigned long i;

    for (i = 0; i < iters; i++) {
        if (w == W_DECODE)
            acc |= (unsigned)fn(s->bytes, s->len, &s->ctx, &body);
        else if (w == W_DISPATCH)
            acc |= (unsigned)any_fn(s->bytes, s->len, &s->ctx, &m);
        else
            copy_fn(copy, s->bytes, s->len);
    }
    bench_sink += copy[0];
    return acc;
}

static void measure(const struct sample *s, enum what w, unsigned long iters)
{
    double t_ours[64], t_base[64], ratio[64];
    struct bench_row *row;
    int rep;

    if (run(s, w, iters) != 0) /* warm-up */
        die("decode", vmbp_msg_variant_name(s->variant), -1);
    run(s, W_COPY, iters);
    for (rep = 0; rep < bench_opt.reps; rep++) {
        double t0 = bench_now_ns(), t1, t2;

        run(s, w, iters);
        t1 = bench_now_ns();
        run(s, W_COPY, iters);
        t2 = bench_now_ns();
        t_ours[rep] = (t1 - t0) / (double)iters;
        t_base[rep] = (t2 - t1) / (double)iters;
        ratio[rep] = t_base[rep] / t_ours[rep];
    }
    row = bench_add_row(w == W_DECODE ? "decode" : "dispatch");
    if (!row)
        return;
    snprintf(row->name, sizeof(row->name), "%s: %s", s->family,
             vmbp_msg_variant_name(s->variant));
    row->bytes = (uint32_t)s->len;
    row->ns = bench_median(t_ours, bench_opt.reps);
    row->base_ns = bench_median(t_base, bench_opt.reps);
    row->ratio = bench_median(ratio, bench_opt.reps);
    row->gbps = (double)s->len / row->ns;
    row->base_gbps = (double)s->len / row->base_ns;
    row->target = 0.5; /* decode <= 2x the memcpy of its bytes */
}

void bench_msg_decode(void)
{
    unsigned long iters = (unsigned long)(bench_opt.block_ms * 1e6 / 20.0) + 1; /* ~20 ns */
    int i;

    load_samples();
    for (i = 0; i < nsamples; i++)
        check(&samples[i]);
    for (i = 0; i < nsamples; i++)
        measure(&samples[i], W_DECODE, iters);
    for (i = 0; i < nsamples; i++)
        measure(&samples[i], W_DISPATCH, iters);
}

/*
 * Fixed work for callgrind: n decodes of sample `index` with its family decoder (through
 * bench_dec_<TYPE>), n with vmbp_msg_decode (bench_dec_any), and n memcpy of its bytes
 * (bench_copy_msg). With index -1: list the samples (index, variant, bytes) and exit.
 */
int bench_icount_msg(long index, unsigned long n)
{
    int i;

    load_samples();
    if (index < 0) {
        for (i = 0; i < nsamples; i++)
            printf("%d %s %s %zu bench_dec_%s\n", i, samples[i].family,
                   vmbp_msg_variant_name(samples[i].variant), samples[i].len,
                   vmbp_msg_type_name(vmbp_msg_variant_type(samples[i].variant)));
        return 0;
    }
    if (index >= nsamples)
        return 2;
    check(&samples[index]);
    if (run(&samples[index], W_DECODE, n) || run(&samples[index], W_DISPATCH, n))
        return 1;
    run(&samples[index], W_COPY, n);
    return 0;
}
