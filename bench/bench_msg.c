/* SPDX-License-Identifier: MIT */
/*
 * The message decoders beside two baselines (bench_msg_base.h), for every variant.
 *
 * The messages are the byte-exact vectors of tests/vectors/msg/ (the first one with status
 * OK for each variant), decoded in the negotiated state the vector names. Four decoders run
 * on each, alternating within every repetition (their order rotating from one repetition to
 * the next), each called out of line through a function pointer:
 *  - lib:  the library's family decoder of the type (vmbp_msg_offer_decode, ...);
 *  - any:  vmbp_msg_decode(), the any-message entry;
 *  - ovmm: the OpenVMM-style decoder of the type's family (no field checks);
 *  - hand: the hand-written decoder of the type, with the library's checks.
 * Three ratios per variant, each the median over the repetitions of that repetition's ratio:
 *  - group "decode":      ovmm / lib, target >= 0.70 (lib at least 0.7x the OpenVMM style);
 *  - group "decode-hand": hand / lib, target >= 0.80 (lib within 1.25x of the hand-written);
 *  - group "dispatch":    lib / any,  target >= 0.83 (vmbp_msg_decode at most 1.2x lib).
 * Before measuring, the hand-written decoders are checked against the library's, status and
 * output, on every message vector and on mutations of the samples; a difference stops the
 * run. The messages and outputs stay in the L1 cache: this is the codec's cost.
 */
#include "bench.h"
#include "bench_msg_base.h"

#include <vmbus_proto/vmbus_proto.h>

#include "vectors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))

/* The library's family decoder of every type, out of line (callgrind.sh counts them by
 * name), from the codec list of msg_dispatch.h. */
#define LIB_WRAP(T, decode, encode, tag, member, family)                                       \
    enum vmbp_status bench_lib_##T(const void *b, size_t n, const struct vmbp_ctx *c,          \
                                   void *o);                                                   \
    NOINLINE enum vmbp_status bench_lib_##T(const void *b, size_t n, const struct vmbp_ctx *c, \
                                            void *o)                                           \
    {                                                                                          \
        return decode(b, n, c, (struct tag *)o);                                               \
    }
VMBP_MSG_CODEC_LIST(LIB_WRAP)

struct lib_row {
    uint32_t type;
    bench_dec_fn fn;
    const char *sym;    /* the wrapper's name */
    const char *family; /* the header that declares the decoder */
    size_t out_size;    /* bytes of its decoded struct */
};
#define LIB_ROW(T, decode, encode, tag, member, family)                                        \
    {T, bench_lib_##T, "bench_lib_" #T, family, sizeof(struct tag)},
static const struct lib_row libs[] = {VMBP_MSG_CODEC_LIST(LIB_ROW)};

enum vmbp_status bench_dec_any(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                               void *out);
NOINLINE enum vmbp_status bench_dec_any(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                                        void *out)
{
    return vmbp_msg_decode(buf, len, ctx, VMBP_DIR_ANY, (struct vmbp_msg *)out);
}

enum impl { I_LIB, I_ANY, I_OVMM, I_HAND, I_COUNT };

struct sample {
    enum vmbp_msg_variant variant;
    const struct lib_row *lib;
    const struct bench_msg_base *base;
    bench_dec_fn fn[I_COUNT];
    struct vmbp_ctx ctx;
    uint8_t bytes[VMBP_SYNIC_MESSAGE_PAYLOAD_MAX];
    size_t len;
};

static struct sample samples[VMBP_MSGV_COUNT];
static int nsamples;

/* Room for any decoder's output. */
union out_buf {
    struct vmbp_msg msg;
    struct bench_ovmm_msg ovmm;
};

__attribute__((noreturn)) static void die(const char *what, const char *name, int st)
{
    fprintf(stderr, "vmbp-bench: %s of %s failed (status 0x%x)\n", what, name, (unsigned)st);
    exit(1);
}

static const struct lib_row *lib_of(uint32_t type)
{
    size_t i;

    for (i = 0; i < sizeof(libs) / sizeof(libs[0]); i++)
        if (libs[i].type == type)
            return &libs[i];
    return NULL;
}

static void vec_ctx(const struct vmbp_vec *x, struct vmbp_ctx *ctx)
{
    const char *ver = vmbp_vec_get(x, "version"), *feat = vmbp_vec_get(x, "features");

    ctx->version = ver ? vmbp_vec_version(ver) : 0;
    ctx->features = feat ? (uint32_t)vmbp_vec_num(feat) : 0;
}

/* The library's family decoder and the hand-written one agree on status and output. */
static void agree(const struct sample *s, const uint8_t *b, size_t len,
                  const struct vmbp_ctx *ctx, const char *what)
{
    union out_buf x, y;
    enum vmbp_status a, h;

    memset(&x, 0xA5, sizeof(x));
    memset(&y, 0xA5, sizeof(y));
    a = s->fn[I_LIB](b, len, ctx, &x);
    h = s->fn[I_HAND](b, len, ctx, &y);
    if (a != h || memcmp(&x, &y, s->lib->out_size) != 0) {
        fprintf(stderr,
                "vmbp-bench: the hand-written decoder of %s differs from the library on %s "
                "(len %zu, version 0x%x, features 0x%x): status 0x%x, library 0x%x%s\n",
                vmbp_msg_variant_name(s->variant), what, len, ctx->version, ctx->features,
                (unsigned)h, (unsigned)a, a == h ? ", outputs differ" : "");
        exit(1);
    }
}

/* Write v into field f of b (little-endian, within the field's bits). */
static void put_field(const struct vmbp_msg_field *f, uint8_t *b, uint64_t v)
{
    uint64_t raw = 0;
    unsigned i;

    for (i = 0; i < f->size; i++)
        raw |= (uint64_t)b[f->offset + i] << (8 * i);
    raw = f->mask ? (raw & ~(uint64_t)f->mask) | (v & f->mask) : v;
    for (i = 0; i < f->size; i++)
        b[f->offset + i] = (uint8_t)(raw >> (8 * i));
}

/* The values at the edges of every check the library makes on the sample's variant. */
static void check_edges(const struct sample *s, const struct vmbp_ctx *ctx, uint8_t *b)
{
    size_t nc = 0, nf = 0, i, k;
    const struct vmbp_msg_check *c = vmbp_msg_checks(s->variant, &nc);
    const struct vmbp_msg_field *f = vmbp_msg_fields(s->variant, &nf);

    for (i = 0; c && i < nc; i++) {
        const struct vmbp_msg_field *fd = &f[c[i].field_index];
        uint64_t edge[8] = {c[i].min - 1u, c[i].min,       c[i].max,       c[i].max + 1u,
                            c[i].mask,     c[i].mask & 1u, c[i].values[0], c[i].values[0] + 1u};

        if (fd->wire_type < VMBP_MSG_WIRE_U8 || fd->wire_type > VMBP_MSG_WIRE_U64)
            continue;
        for (k = 0; k < 8; k++) {
            uint8_t keep[8];

            memcpy(keep, b + fd->offset, fd->size);
            put_field(fd, b, edge[k]);
            agree(s, b, s->len, ctx, c[i].field);
            memcpy(b + fd->offset, keep, fd->size);
        }
    }
}

/* Every vector of the sample's type; then, in every negotiated state of a few, the sample
 * one byte short and longer, each byte of it set to three values, and the edges of every
 * check. */
static void check_hand(const struct sample *s, const struct vmbp_vec_set *set)
{
    static const uint32_t versions[] = {
        0,          VMBP_VERSION_0_13, VMBP_VERSION_4_0, VMBP_VERSION_5_2, VMBP_VERSION_6_0,
        0x00070000u};
    static const uint32_t features[] = {0, 0x01, 0x02, 0x10, 0x24, 0x48, 0xFF};
    static const uint8_t values[] = {0x00, 0xFF, 0x01};
    uint8_t b[VMBP_SYNIC_MESSAGE_PAYLOAD_MAX + 8];
    size_t i, k, m, vi, fi;

    for (i = 0; i < set->n; i++) {
        const struct vmbp_vec *x = &set->v[i];
        struct vmbp_ctx ctx;

        if (x->len < 4 || x->len > VMBP_SYNIC_MESSAGE_PAYLOAD_MAX ||
            vmbp_load_le32(x->bytes) != s->lib->type)
            continue;
        vec_ctx(x, &ctx);
        agree(s, x->bytes, x->len, &ctx, x->name);
    }
    for (vi = 0; vi < sizeof(versions) / sizeof(versions[0]); vi++) {
        for (fi = 0; fi < sizeof(features) / sizeof(features[0]); fi++) {
            struct vmbp_ctx ctx = {versions[vi], features[fi]};

            memset(b, 0, sizeof(b));
            memcpy(b, s->bytes, s->len);
            agree(s, b, s->len - 1, &ctx, "the sample, one byte short");
            agree(s, b, s->len + 8 <= VMBP_SYNIC_MESSAGE_PAYLOAD_MAX ? s->len + 8 : s->len,
                  &ctx, "the sample, longer");
            for (k = 4; k < s->len; k++)
                for (m = 0; m < sizeof(values); m++) {
                    uint8_t keep = b[k];

                    b[k] = values[m];
                    agree(s, b, s->len, &ctx, "a mutated sample");
                    b[k] = keep;
                }
            check_edges(s, &ctx, b);
        }
    }
}

/* Whether the OpenVMM-style decoder takes the sample: OpenVMM has no 190-byte offer of
 * 0.13 (it reads 196 bytes at every version), so that variant has no such baseline. */
static int ovmm_takes(const struct sample *s)
{
    union out_buf o;

    return s->fn[I_OVMM](s->bytes, s->len, &s->ctx, &o) == VMBP_OK;
}

/* The first vector with status OK of every variant, in variant order; each checked. */
static void load_samples(int check)
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
            const char *variant = vmbp_vec_get(x, "variant");
            struct sample *s = &samples[nsamples];

            if (!kind || strcmp(kind, "msg") || !status || strcmp(status, "OK") || !variant ||
                vmbp_msg_variant_by_name(variant) != (enum vmbp_msg_variant)v ||
                x->len > sizeof(s->bytes))
                continue;
            s->variant = (enum vmbp_msg_variant)v;
            s->lib = lib_of(vmbp_msg_variant_type(s->variant));
            s->base = bench_msg_base_of(vmbp_msg_variant_type(s->variant));
            vec_ctx(x, &s->ctx);
            memcpy(s->bytes, x->bytes, x->len);
            s->len = x->len;
            if (!s->lib || !s->base) /* a type without baselines: not measured */
                break;
            s->fn[I_LIB] = s->lib->fn;
            s->fn[I_ANY] = bench_dec_any;
            s->fn[I_OVMM] = s->base->ovmm;
            s->fn[I_HAND] = s->base->hand;
            if (!ovmm_takes(s))
                s->fn[I_OVMM] = NULL;
            if (check)
                check_hand(s, &set);
            nsamples++;
            break;
        }
    }
    vmbp_vec_free(&set);
}

/* Each decoder accepts its sample; the two entries of the library agree. */
static void check(const struct sample *s)
{
    union out_buf a, b;
    int i;

    memset(&a, 0xA5, sizeof(a));
    memset(&b, 0xA5, sizeof(b));
    for (i = 0; i < I_COUNT; i++) {
        enum vmbp_status st;

        if (!s->fn[i])
            continue;
        st = s->fn[i](s->bytes, s->len, &s->ctx, i == I_LIB ? &a : &b);

        if (st != VMBP_OK)
            die("decode", vmbp_msg_variant_name(s->variant), (int)st);
        if (i == I_ANY &&
            (b.msg.variant != s->variant || memcmp(&a, &b.msg.u, s->lib->out_size) != 0))
            die("vmbp_msg_decode", vmbp_msg_variant_name(s->variant), -1);
    }
}

static unsigned run(const struct sample *s, enum impl w, unsigned long iters)
{
    static union out_buf out;
    bench_dec_fn fn = s->fn[w];
    unsigned acc = 0;
    unsigned long i;

    for (i = 0; i < iters; i++)
        acc |= (unsigned)fn(s->bytes, s->len, &s->ctx, &out);
    bench_sink += out.ovmm.type;
    return acc;
}

static void add_row(const struct sample *s, const char *group, double *ns, double *base_ns,
                    double *ratio, double target)
{
    struct bench_row *row = bench_add_row(group);

    if (!row)
        return;
    snprintf(row->name, sizeof(row->name), "%s: %s", s->lib->family,
             vmbp_msg_variant_name(s->variant));
    row->bytes = (uint32_t)s->len;
    row->ns = bench_median(ns, bench_opt.reps);
    row->base_ns = bench_median(base_ns, bench_opt.reps);
    row->ratio = bench_median(ratio, bench_opt.reps);
    row->gbps = (double)s->len / row->ns;
    row->base_gbps = (double)s->len / row->base_ns;
    row->target = target;
}

static void measure(const struct sample *s, unsigned long iters)
{
    double t[I_COUNT][64], r_ovmm[64], r_hand[64], r_any[64], lib[3][64], base[3][64];
    int rep, k;

    for (k = 0; k < I_COUNT; k++) /* warm-up */
        if (s->fn[k] && run(s, (enum impl)k, iters) != 0)
            die("decode", vmbp_msg_variant_name(s->variant), -1);
    for (rep = 0; rep < bench_opt.reps && rep < 64; rep++) {
        for (k = 0; k < I_COUNT; k++) {
            enum impl w = (enum impl)((rep + k) % I_COUNT);
            double t0 = bench_now_ns();

            if (!s->fn[w]) {
                t[w][rep] = 1;
                continue;
            }
            run(s, w, iters);
            t[w][rep] = (bench_now_ns() - t0) / (double)iters;
        }
        r_ovmm[rep] = t[I_OVMM][rep] / t[I_LIB][rep];
        r_hand[rep] = t[I_HAND][rep] / t[I_LIB][rep];
        r_any[rep] = t[I_LIB][rep] / t[I_ANY][rep];
        lib[0][rep] = lib[1][rep] = base[2][rep] = t[I_LIB][rep];
        base[0][rep] = t[I_OVMM][rep];
        base[1][rep] = t[I_HAND][rep];
        lib[2][rep] = t[I_ANY][rep];
    }
    if (s->fn[I_OVMM])
        add_row(s, "decode", lib[0], base[0], r_ovmm, 0.70);
    add_row(s, "decode-hand", lib[1], base[1], r_hand, 0.80);
    add_row(s, "dispatch", lib[2], base[2], r_any, 1.0 / 1.2);
}

void bench_msg_decode(void)
{
    unsigned long iters = (unsigned long)(bench_opt.block_ms * 1e6 / 20.0) + 1; /* ~20 ns */
    int i;

    load_samples(1);
    for (i = 0; i < nsamples; i++)
        check(&samples[i]);
    for (i = 0; i < nsamples; i++)
        measure(&samples[i], iters);
}

/*
 * Fixed work for callgrind: n decodes of sample `index` by each of the four decoders. With
 * index -1: list the samples, one line each: index, family, variant, bytes, and the names of
 * the library's, the OpenVMM-style ("-": none) and the hand-written decoder (vmbp_msg_decode
 * is bench_dec_any).
 */
int bench_icount_msg(long index, unsigned long n)
{
    int i, k;

    load_samples(0);
    if (index < 0) {
        for (i = 0; i < nsamples; i++) {
            const char *fam = samples[i].lib->family;

            printf("%d %s %s %zu %s %s %s\n", i, fam, vmbp_msg_variant_name(samples[i].variant),
                   samples[i].len, samples[i].lib->sym,
                   samples[i].fn[I_OVMM] ? samples[i].base->ovmm_name : "-",
                   samples[i].base->hand_name);
        }
        return 0;
    }
    if (index >= nsamples)
        return 2;
    check(&samples[index]);
    for (k = 0; k < I_COUNT; k++)
        if (samples[index].fn[k] && run(&samples[index], (enum impl)k, n) != 0)
            return 1;
    return 0;
}
