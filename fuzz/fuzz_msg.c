/* SPDX-License-Identifier: MIT */
/*
 * fuzz_msg: channel messages from a hostile peer. Input (fuzz_format.h): the negotiated
 * version (an index into the known versions, 0 for none, or a raw value), the negotiated
 * features, the direction the caller accepts, then the message bytes.
 *
 * Contracts, for every input:
 * - vmbp_msg_select() agrees with an independent model of the type table's selection
 *   rules (spec/msg.md: framing, direction, negotiation state, version, features, size);
 * - vmbp_msg_validate(), vmbp_msg_decode() and the type's own _decode agree; every other
 *   family decoder refuses the message; a decoder that fails writes nothing;
 * - the direction check: a message valid from ANY is valid from its sender and refused
 *   (VMBP_E_DIRECTION) from the other side;
 * - round trip: a decoded message re-encodes to exactly the bytes it came from, on every
 *   field the field tables describe (reserved-and-ignored fields and undescribed bytes are
 *   encoded as zero, trailing bytes are dropped), decodes again to the same message, and
 *   re-encodes byte for byte the same; the decoded value fields equal the wire fields;
 * - the encoder reports the size it needs on a short buffer and writes nothing past it;
 * - offers: the pipe and hv_sock overlays read back what they write; device lookups agree
 *   with the device table.
 */
#include <vmbus_proto/devices.h>
#include <vmbus_proto/msg_dispatch.h>

#include "fuzz_format.h"
#include "fuzz_util.h"

#define CANARY 0xB7u

/* ---- the type table, expanded here: the model's only source ---------------------------- */

struct m_type {
    uint32_t type;
    uint32_t dir;
    uint32_t any_state;
};
struct m_var {
    uint32_t type;
    uint32_t select; /* enum vmbp_msg_select */
    uint32_t min_version;
    uint32_t features;
    uint32_t size;
    enum vmbp_msg_variant id;
};
#define M_T(type, num, dir, any, l, o) {num, (uint32_t)(dir), any},
#define M_V(type, var, sel, minv, feat, size)                                                  \
    {(type), (uint32_t)(sel), (uint32_t)(minv), (uint32_t)(feat), size, (var)},
#define M_NT(type, num, dir, any, l, o)
#define M_NV(type, var, sel, minv, feat, size)
static const struct m_type m_types[] = {VMBP_MSG_TABLE(M_T, M_NV)};
static const struct m_var m_vars[] = {VMBP_MSG_TABLE(M_NT, M_V)};
#define M_NTYPES (sizeof(m_types) / sizeof(m_types[0]))
#define M_NVARS (sizeof(m_vars) / sizeof(m_vars[0]))

#define M_VERSION(e, maj, min, w, l, o) (((uint32_t)(maj) << 16) | (uint32_t)(min)),
static const uint32_t m_versions[] = {VMBP_VERSION_LIST(M_VERSION)};
#define M_NVERSIONS (sizeof(m_versions) / sizeof(m_versions[0]))

static const struct m_type *m_type_of(uint32_t type)
{
    size_t i;

    for (i = 0; i < M_NTYPES; i++)
        if (m_types[i].type == type)
            return &m_types[i];
    return NULL;
}

static bool m_version_known(uint32_t v)
{
    size_t i;

    for (i = 0; i < M_NVERSIONS; i++)
        if (m_versions[i] == v)
            return true;
    return false;
}

/* spec/msg.md, the selection of a message's variant. */
static enum vmbp_status m_select(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                 uint32_t dir, enum vmbp_msg_variant *out)
{
    const struct m_type *t;
    uint32_t type, req_v = 0, req_f = 0, min_size = 0xFFFFu;
    enum vmbp_status miss = VMBP_E_VERSION;
    bool first = true;
    size_t i;

    if (dir < 1u || dir > 3u || (ctx->version != 0 && !m_version_known(ctx->version)))
        return VMBP_E_INVAL;
    if (len < 8u)
        return VMBP_E_TRUNCATED;
    if (len > 240u)
        return VMBP_E_TOO_LONG;
    type = fz_le32(p);
    t = m_type_of(type);
    if (!t)
        return VMBP_E_UNKNOWN_TYPE;
    if (!(t->dir & dir))
        return VMBP_E_DIRECTION;
    if (ctx->version == 0 && !t->any_state)
        return VMBP_E_NOT_NEGOTIATED;
    for (i = 0; i < M_NVARS; i++) {
        const struct m_var *v = &m_vars[i];

        if (v->type != type)
            continue;
        if (v->select == (uint32_t)VMBP_MSG_SELECT_CONTENT) {
            if (first) {
                size_t k;

                for (k = i; k < M_NVARS && m_vars[k].type == type; k++)
                    if (m_vars[k].size < min_size)
                        min_size = m_vars[k].size;
                if (len < min_size)
                    return VMBP_E_TRUNCATED;
                req_v = fz_le32(p + 8);
                req_f = fz_le32(p + 20);
            }
            first = false;
            if (req_v < v->min_version || (v->features && !(req_f & v->features)))
                continue;
        } else {
            first = false;
            if (v->min_version && (ctx->version == 0 || ctx->version < v->min_version))
                continue;
            if (v->features && !(ctx->version >= (6u << 16) && (ctx->features & v->features))) {
                miss = VMBP_E_FEATURE;
                continue;
            }
            if (v->select == (uint32_t)VMBP_MSG_SELECT_SIZE && len < v->size)
                continue;
        }
        if (len < v->size)
            return VMBP_E_TRUNCATED;
        *out = v->id;
        return VMBP_OK;
    }
    return miss;
}

/* ---- the family decoders, one signature ------------------------------------------------ */

typedef enum vmbp_status (*dec_fn)(const void *, size_t, const struct vmbp_ctx *, void *);
struct fam {
    uint32_t type;       /* the type the entry is for */
    dec_fn fn;           /* its family decoder, through one signature */
    const char *decoder; /* the decoder's name: the header-only types share one */
    size_t out_size;     /* its decoded struct */
};
/* One entry per type, from the codec list of msg_dispatch.h. */
#define FAM(T, decode, encode, tag, member, family)                                            \
    static enum vmbp_status d_##T(const void *b, size_t l, const struct vmbp_ctx *c, void *o)  \
    {                                                                                          \
        return decode(b, l, c, (struct tag *)o);                                               \
    }
VMBP_MSG_CODEC_LIST(FAM)
#define FAM_ROW(T, decode, encode, tag, member, family) {T, d_##T, #decode, sizeof(struct tag)},
static const struct fam fams[] = {VMBP_MSG_CODEC_LIST(FAM_ROW)};

/* Whether the decoder of entry f is the one of messages of this type. */
static bool fam_has(const struct fam *f, uint32_t type)
{
    size_t i;

    for (i = 0; i < sizeof(fams) / sizeof(fams[0]); i++)
        if (fams[i].type == type)
            return strcmp(fams[i].decoder, f->decoder) == 0;
    return false;
}

FZ_NOCOV static bool all_canary(const void *p, size_t n)
{
    const uint8_t *b = (const uint8_t *)p;

    return n == 0 || (b[0] == CANARY && memcmp(b, b + 1, n - 1) == 0);
}

/* ---- round trip ------------------------------------------------------------------------ */

static uint64_t le_n(const uint8_t *b, size_t n)
{
    uint64_t v = 0;

    while (n--)
        v = v << 8 | b[n];
    return v;
}

static uint64_t host_n(const uint8_t *b, size_t n)
{
    uint8_t u8;
    uint16_t u16;
    uint32_t u32;
    uint64_t u64 = 0;

    switch (n) {
    case 1:
        memcpy(&u8, b, 1);
        return u8;
    case 2:
        memcpy(&u16, b, 2);
        return u16;
    case 4:
        memcpy(&u32, b, 4);
        return u32;
    default:
        memcpy(&u64, b, 8);
        return u64;
    }
}

/* The field table's accessors (vmbp_msg_field_*) on the message and its decoded form. */
static void check_accessors(const struct vmbp_msg_field *f, size_t nf, const uint8_t *in,
                            size_t len, const struct vmbp_msg *m)
{
    union vmbp_msg_body copy;
    size_t i;

    FZ_CHECK(vmbp_msg_field_find(NULL, nf, "x") == NULL &&
                 vmbp_msg_field_find(f, nf, NULL) == NULL,
             "field_find(NULL)");
    for (i = 0; i < nf; i++) {
        const struct vmbp_msg_field *e = vmbp_msg_field_find(f, nf, f[i].name);
        bool scalar = f[i].kind != VMBP_MSG_FIELD_GUID && f[i].kind != VMBP_MSG_FIELD_BYTES &&
                      f[i].kind != VMBP_MSG_FIELD_WORDS &&
                      (f[i].size == 1 || f[i].size == 2 || f[i].size == 4 || f[i].size == 8);
        uint64_t w = 0xEEEEu, h = 0xEEEEu;
        enum vmbp_status st;

        FZ_CHECK(e && strcmp(e->name, f[i].name) == 0, "field_find(%s)", f[i].name);
        st = vmbp_msg_field_wire_get(&f[i], in, len, &w);
        if (!scalar) {
            FZ_CHECK(st == VMBP_E_INVAL, "wire_get of %s (not a number): 0x%x", f[i].name,
                     (unsigned)st);
            FZ_CHECK(vmbp_msg_field_host_get(&f[i], &m->u, &h) == VMBP_E_INVAL,
                     "host_get of %s (not a number)", f[i].name);
            continue;
        }
        FZ_CHECK(st == VMBP_OK &&
                     w == (le_n(in + f[i].offset, f[i].size) & (f[i].mask ? f[i].mask : ~0ull)),
                 "wire_get of %s (%s): 0x%x value 0x%llx, size %u mask 0x%x", f[i].name,
                 vmbp_msg_variant_name(m->variant), (unsigned)st, (unsigned long long)w,
                 f[i].size, f[i].mask);
        FZ_CHECK(vmbp_msg_field_wire_get(&f[i], in, f[i].offset, &w) == VMBP_E_TRUNCATED &&
                     vmbp_msg_field_wire_get(&f[i], NULL, len, &w) == VMBP_E_INVAL &&
                     vmbp_msg_field_wire_get(&f[i], in, len, NULL) == VMBP_E_INVAL &&
                     vmbp_msg_field_wire_get(NULL, in, len, &w) == VMBP_E_INVAL,
                 "wire_get of %s: short message and NULL arguments", f[i].name);
        st = vmbp_msg_field_host_get(&f[i], &m->u, &h);
        if (f[i].host_offset == VMBP_MSG_FIELD_NO_HOST || f[i].kind != VMBP_MSG_FIELD_VALUE) {
            FZ_CHECK(st == VMBP_E_INVAL &&
                         vmbp_msg_field_host_set(&f[i], &copy, 0) == VMBP_E_INVAL,
                     "host access to %s, which has no member", f[i].name);
            continue;
        }
        FZ_CHECK(vmbp_msg_field_wire_get(&f[i], in, len, &w) == VMBP_OK,
                 "wire_get of %s in a decoded message", f[i].name);
        FZ_CHECK(st == VMBP_OK && (f[i].mask ? (h & f[i].mask) : h) == w,
                 "host_get of %s: 0x%llx, wire 0x%llx", f[i].name, (unsigned long long)h,
                 (unsigned long long)w);
        memcpy(&copy, &m->u, sizeof(copy));
        FZ_CHECK(vmbp_msg_field_host_set(&f[i], &copy, h) == VMBP_OK &&
                     memcmp(&copy, &m->u, sizeof(copy)) == 0,
                 "host_set of %s with its own value changed the message", f[i].name);
        if (f[i].size < 8)
            FZ_CHECK(vmbp_msg_field_host_set(&f[i], &copy, 1ull << (8u * f[i].size)) ==
                         VMBP_E_INVAL,
                     "host_set of %s with a value too wide", f[i].name);
        FZ_CHECK(vmbp_msg_field_host_get(&f[i], NULL, &h) == VMBP_E_INVAL &&
                     vmbp_msg_field_host_get(&f[i], &m->u, NULL) == VMBP_E_INVAL &&
                     vmbp_msg_field_host_get(NULL, &m->u, &h) == VMBP_E_INVAL &&
                     vmbp_msg_field_host_set(&f[i], NULL, 0) == VMBP_E_INVAL &&
                     vmbp_msg_field_host_set(NULL, &copy, 0) == VMBP_E_INVAL,
                 "host access to %s with NULL arguments", f[i].name);
    }
}

/* The encoded message E (elen bytes) against the input (len bytes), field by field. */
static void check_fields(const uint8_t *in, size_t len, const uint8_t *E, size_t elen,
                         const struct vmbp_msg *m)
{
    size_t nf = 0, i, k;
    const struct vmbp_msg_field *f = vmbp_msg_fields(m->variant, &nf);
    uint8_t covered[256];

    FZ_CHECK(f != NULL && nf > 0, "variant %d has no field table", (int)m->variant);
    memset(covered, 0, sizeof(covered));
    for (i = 0; i < nf; i++) {
        size_t sz = f[i].size ? f[i].size : elen - f[i].offset;

        FZ_CHECK(f[i].offset + sz <= elen, "field %s at %u+%zu beyond the %zu encoded bytes",
                 f[i].name, f[i].offset, sz, elen);
        for (k = 0; k < sz; k++) {
            size_t at = f[i].offset + k;
            uint8_t fm = f[i].mask ? (uint8_t)(f[i].mask >> (8u * k)) : 0xFFu;

            FZ_CHECK((covered[at] & fm) == 0, "fields overlap at byte %zu (%s)", at, f[i].name);
            covered[at] |= fm;
            if (f[i].kind == VMBP_MSG_FIELD_RSVD_IGN)
                FZ_CHECK((E[at] & fm) == 0, "ignored field %s encoded non-zero", f[i].name);
            else if (f[i].kind == VMBP_MSG_FIELD_RSVDZ) /* accepted only when zero */
                FZ_CHECK((in[at] & fm) == 0 && (E[at] & fm) == 0,
                         "must-be-zero field %s accepted non-zero", f[i].name);
            else
                FZ_CHECK((E[at] & fm) == (in[at] & fm),
                         "round trip: byte %zu of field %s is 0x%02x, was 0x%02x", at,
                         f[i].name, E[at], in[at]);
        }
        /* spec/msg.md VMBP-MSG-009: a channel ID is 1..2047 in any message */
        if (strcmp(f[i].name, "child_relid") == 0 && f[i].size == 4)
            FZ_CHECK(fz_le32(in + f[i].offset) >= 1u && fz_le32(in + f[i].offset) <= 2047u,
                     "%s accepted with channel ID %u", vmbp_msg_variant_name(m->variant),
                     fz_le32(in + f[i].offset));
        /* the decoded member holds the wire value */
        if (f[i].host_offset != VMBP_MSG_FIELD_NO_HOST && f[i].mask == 0) {
            const uint8_t *h = (const uint8_t *)&m->u + f[i].host_offset;

            if (f[i].kind == VMBP_MSG_FIELD_VALUE)
                FZ_CHECK(host_n(h, f[i].size) == le_n(in + f[i].offset, f[i].size),
                         "decoded %s differs from the wire", f[i].name);
            else if (f[i].kind == VMBP_MSG_FIELD_GUID || f[i].kind == VMBP_MSG_FIELD_BYTES)
                FZ_CHECK(memcmp(h, in + f[i].offset, f[i].size) == 0,
                         "decoded %s differs from the wire", f[i].name);
        }
    }
    check_accessors(f, nf, in, len, m);
    for (k = 0; k < elen; k++)
        FZ_CHECK((E[k] & (uint8_t)~covered[k]) == 0, "undescribed byte %zu encoded as 0x%02x",
                 k, E[k]);
}

static void round_trip(const uint8_t *in, size_t len, const struct vmbp_ctx *ctx,
                       const struct vmbp_msg *m)
{
    uint8_t E[256], E2[256], *small;
    size_t elen = 0, elen2 = 0, need = 0;
    struct vmbp_msg m2;
    enum vmbp_status st;

    st = vmbp_msg_encode(m, E, sizeof(E), &elen);
    FZ_CHECK(st == VMBP_OK, "a decoded %s does not encode: 0x%x",
             vmbp_msg_variant_name(m->variant), (unsigned)st);
    FZ_CHECK(elen >= vmbp_msg_variant_size(m->variant) && elen <= len,
             "%s encodes to %zu bytes (variant size %zu, input %zu)",
             vmbp_msg_variant_name(m->variant), elen, vmbp_msg_variant_size(m->variant), len);
    check_fields(in, len, E, elen, m);

    /* decode(encode(m)) == m, shown by encoding it once more */
    memset(&m2, CANARY, sizeof(m2));
    st = vmbp_msg_decode(E, elen, ctx, VMBP_DIR_ANY, &m2);
    FZ_CHECK(st == VMBP_OK && m2.variant == m->variant && m2.type == m->type,
             "the re-encoded %s does not decode (0x%x)", vmbp_msg_variant_name(m->variant),
             (unsigned)st);
    st = vmbp_msg_encode(&m2, E2, sizeof(E2), &elen2);
    FZ_CHECK(st == VMBP_OK && elen2 == elen && memcmp(E, E2, elen) == 0,
             "encode(decode(encode(m))) differs from encode(m)");

    /* a buffer one byte short: the size it needs, nothing written past it */
    small = (uint8_t *)fz_malloc(elen - 1u);
    st = vmbp_msg_encode(m, small, elen - 1u, &need);
    FZ_CHECK(st == VMBP_E_NOSPACE && need == elen, "encode into %zu bytes: 0x%x, needs %zu",
             elen - 1u, (unsigned)st, need);
    free(small);
}

/* Offers: the overlays and the device table. */
static void check_offer(const struct vmbp_offer *o)
{
    struct vmbp_offer_pipe pipe, pipe2;
    struct vmbp_offer_hvsock hv, hv2;
    struct vmbp_offer copy;
    enum vmbp_device d = vmbp_device_from_guid(&o->interface_type);
    const struct vmbp_device_info *di = vmbp_device_lookup(d);

    FZ_CHECK(d == VMBP_DEVICE_UNKNOWN ? di == NULL
                                      : (di && vmbp_guid_equal(&di->guid, &o->interface_type)),
             "device lookup");
    FZ_CHECK(vmbp_device_name(d) != NULL, "device name");
    FZ_CHECK(vmbp_device_allowed_in_isolated_vm(&o->interface_type, o->flags) ==
                 ((o->flags & VMBP_OFFER_FLAG_TLNPI_PROVIDER) || (di && di->linux_isolated)),
             "isolated-VM rule");
    if (vmbp_msg_offer_pipe_get(o, &pipe) == VMBP_OK) {
        copy = *o;
        FZ_CHECK(vmbp_msg_offer_pipe_set(&copy, &pipe) == VMBP_OK &&
                     vmbp_msg_offer_pipe_get(&copy, &pipe2) == VMBP_OK &&
                     memcmp(&pipe, &pipe2, sizeof(pipe)) == 0,
                 "pipe overlay round trip");
    }
    memset(&hv, 0, sizeof(hv));
    memset(&hv2, 0, sizeof(hv2));
    if (vmbp_msg_offer_hvsock_get(o, &hv) == VMBP_OK) {
        copy = *o;
        FZ_CHECK(vmbp_msg_offer_hvsock_set(&copy, &hv) == VMBP_OK &&
                     vmbp_msg_offer_hvsock_get(&copy, &hv2) == VMBP_OK &&
                     memcmp(&hv, &hv2, sizeof(hv)) == 0,
                 "hv_sock overlay round trip");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fz in = {data, size};
    struct vmbp_ctx ctx;
    uint8_t vsel = fz_u8(&in), *buf;
    uint32_t dir, type;
    size_t len, i;
    enum vmbp_msg_variant v = VMBP_MSGV_NONE, mv = VMBP_MSGV_NONE;
    enum vmbp_status st_sel, want_sel, st_val, st_any, st_dec, st_fault;
    struct vmbp_msg_fault fault;
    struct vmbp_msg m;
    const struct m_type *t;

    ctx.version = vsel == 0 ? 0u : vsel <= M_NVERSIONS ? m_versions[vsel - 1u] : fz_u32(&in);
    ctx.features = fz_u32(&in);
    dir = fz_u8(&in) % 4u;
    len = in.n < 256u ? in.n : 256u;
    buf = (uint8_t *)fz_malloc(len); /* exact size: ASan sees any read past the message */
    memcpy(buf, in.p, len);

    want_sel = m_select(buf, len, &ctx, dir, &mv);
    st_sel = vmbp_msg_select(buf, len, &ctx, (enum vmbp_dir)dir, &v);
    FZ_CHECK(st_sel == want_sel && (st_sel != VMBP_OK || v == mv),
             "select: 0x%x variant %d, the model: 0x%x variant %d", (unsigned)st_sel, (int)v,
             (unsigned)want_sel, (int)mv);

    st_val = vmbp_msg_validate(buf, len, &ctx, (enum vmbp_dir)dir);
    st_any = vmbp_msg_validate(buf, len, &ctx, VMBP_DIR_ANY);
    /* the fault report runs the same checks and says the same */
    st_fault = vmbp_msg_validate_fault(buf, len, &ctx, (enum vmbp_dir)dir, &fault);
    FZ_CHECK(st_fault == st_val && fault.status == st_val,
             "fault report 0x%x (0x%x), validate 0x%x", (unsigned)st_fault,
             (unsigned)fault.status, (unsigned)st_val);
    memset(&m, CANARY, sizeof(m));
    st_dec = vmbp_msg_decode(buf, len, &ctx, (enum vmbp_dir)dir, &m);
    FZ_CHECK(st_dec == st_val, "decode 0x%x, validate 0x%x", (unsigned)st_dec,
             (unsigned)st_val);
    if (st_sel != VMBP_OK)
        FZ_CHECK(st_val == st_sel, "validate 0x%x, select 0x%x", (unsigned)st_val,
                 (unsigned)st_sel);
    if (st_dec != VMBP_OK)
        FZ_CHECK(all_canary(&m, sizeof(m)), "a failed decode wrote its output");
    FZ_CHECK(vmbp_msg_decode(buf, len, &ctx, VMBP_DIR_ANY, NULL) == VMBP_E_INVAL,
             "decode(NULL out)");

    /* direction: the sender's side and the other side */
    type = len >= 4 ? fz_le32(buf) : 0;
    t = m_type_of(type);
    if (t && dir >= 1u) {
        enum vmbp_status own = vmbp_msg_validate(buf, len, &ctx, (enum vmbp_dir)t->dir);
        enum vmbp_status other =
            vmbp_msg_validate(buf, len, &ctx, (enum vmbp_dir)(3u - t->dir));

        bool framing =
            (ctx.version != 0 && !m_version_known(ctx.version)) || len < 8u || len > 240u;

        FZ_CHECK(own == st_any, "validate from the sender 0x%x, from ANY 0x%x", (unsigned)own,
                 (unsigned)st_any);
        FZ_CHECK(other == (framing ? st_any : VMBP_E_DIRECTION),
                 "validate from the wrong side: 0x%x (from ANY 0x%x)", (unsigned)other,
                 (unsigned)st_any);
        FZ_CHECK(st_val == ((t->dir & dir) ? st_any : other), "validate with dir %u", dir);
    }

    /* the family decoders: the type's own agrees, the others refuse */
    for (i = 0; i < sizeof(fams) / sizeof(fams[0]); i++) {
        uint8_t out[sizeof(struct vmbp_offer) + sizeof(struct vmbp_msg)];
        enum vmbp_status st;

        memset(out, CANARY, sizeof(out));
        st = fams[i].fn(buf, len, &ctx, out);
        if (t && fam_has(&fams[i], type))
            FZ_CHECK(st == st_any, "family decoder %zu: 0x%x, validate(ANY) 0x%x", i,
                     (unsigned)st, (unsigned)st_any);
        else
            FZ_CHECK(st == VMBP_E_UNKNOWN_TYPE || st == VMBP_E_TRUNCATED ||
                         st == VMBP_E_TOO_LONG || st == VMBP_E_INVAL,
                     "family decoder %zu accepted type %u: 0x%x", i, type, (unsigned)st);
        if (st != VMBP_OK)
            FZ_CHECK(all_canary(out, fams[i].out_size), "family decoder %zu failed and wrote",
                     i);
        FZ_CHECK(all_canary(out + fams[i].out_size, sizeof(out) - fams[i].out_size),
                 "family decoder %zu wrote past its output", i);
    }

    if (st_dec == VMBP_OK) {
        FZ_CHECK(m.type == type && m.variant == v, "decoded type %u variant %d", m.type,
                 (int)m.variant);
        round_trip(buf, len, &ctx, &m);
        if (m.type == VMBP_MSG_OFFER_CHANNEL)
            check_offer(&m.u.offer);
    }
    if (fz_trace())
        fprintf(stderr,
                "version 0x%x features 0x%x dir %u len %zu type %u: select 0x%x (%s), "
                "validate 0x%x, any 0x%x\n",
                ctx.version, ctx.features, dir, len, type, (unsigned)st_sel,
                st_sel == VMBP_OK ? vmbp_msg_variant_name(v) : "-", (unsigned)st_val,
                (unsigned)st_any);
    free(buf);
    return 0;
}
