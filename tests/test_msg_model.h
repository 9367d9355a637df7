/* SPDX-License-Identifier: MIT */
/*
 * An independent model of message gating (spec/msg.md, VMBP-MSG-002..007): the spec's type
 * table as the vector files state it, one `row:` per variant in the valid vector of the
 * variant's file (tests/vectors/msg/README.md), read without VMBP_MSG_TABLE() or
 * gen/msg.toml, so the tests check the header's table and its selection code against a
 * second reading of the facts. A new variant brings its row in its own vector file.
 */
#ifndef VMBP_TEST_MSG_MODEL_H
#define VMBP_TEST_MSG_MODEL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vmbus_proto/status.h>

#include "vectors.h"

enum { M_VER = 0, M_SIZE = 1, M_CONTENT = 2 };
enum { M_G2H = 1, M_H2G = 2 };

struct model_variant {
    const char *name;
    uint32_t min_version; /* 0: any (also before negotiation) */
    uint32_t features;    /* one of them must be negotiated; for CONTENT: requested */
    int select;
    unsigned size;
};

/* Room for the types and for the variants of one type (INITIATE_CONTACT has 4). */
#define MODEL_MAX_TYPES 64
#define MODEL_MAX_VARIANTS 6

struct model_type {
    uint32_t type;
    const char *name;
    int dir;
    int any_state;
    struct model_variant v[MODEL_MAX_VARIANTS]; /* newest first; name NULL ends */
};

#define V6_0 0x00060000u

static struct model_type model_types[MODEL_MAX_TYPES];
static char model_type_names[MODEL_MAX_TYPES][48];
static uint32_t model_ntypes;

static void model_fail(const struct vmbp_vec *v, const char *what)
{
    fprintf(stderr, "vectors: %s:%u: row: %s\n", v->file, v->line, what);
    abort();
}

/* The value of "key=value" in a row, or NULL. */
static const char *model_row_value(const char *row, const char *key, char *buf, size_t n)
{
    size_t k = strlen(key);
    const char *p = row;

    while ((p = strstr(p, key)) != NULL) {
        if ((p == row || p[-1] == ' ') && p[k] == '=') {
            size_t len = strcspn(p + k + 1, " ");

            if (len >= n)
                return NULL;
            memcpy(buf, p + k + 1, len);
            buf[len] = 0;
            return buf;
        }
        p += k;
    }
    return NULL;
}

static const char *model_row_need(const struct vmbp_vec *v, const char *row, const char *key,
                                  char *buf, size_t n)
{
    const char *s = model_row_value(row, key, buf, n);

    if (!s)
        model_fail(v, key);
    return s;
}

/* spec/msg.md VMBP-MSG-007: a type's rows, newest first: by minimum (or requested) version,
 * then the rows that name features, then the larger sizes. */
static int model_newer(const struct model_variant *a, const struct model_variant *b)
{
    if (a->min_version != b->min_version)
        return a->min_version > b->min_version;
    if ((a->features != 0) != (b->features != 0))
        return a->features != 0;
    return a->size > b->size;
}

/* Read the rows once; returns the number of types (1..n, every one with a row). */
static uint32_t model_load(void)
{
    static struct vmbp_vec_set set;
    size_t i;
    uint32_t t;

    if (model_ntypes)
        return model_ntypes;
    vmbp_vec_load(&set, "msg");
    for (i = 0; i < set.n; i++) {
        const struct vmbp_vec *v = &set.v[i];
        const char *row = vmbp_vec_get(v, "row"), *name = vmbp_vec_get(v, "variant");
        char b[64];
        struct model_type *m;
        struct model_variant mv;
        unsigned k;
        int dir, any;

        if (!row)
            continue;
        if (!name)
            model_fail(v, "no variant: in its vector");
        t = (uint32_t)vmbp_vec_num(model_row_need(v, row, "type", b, sizeof(b)));
        if (t < 1 || t > MODEL_MAX_TYPES)
            model_fail(v, "type out of range");
        m = &model_types[t - 1];
        dir = strcmp(model_row_need(v, row, "dir", b, sizeof(b)), "host-to-guest") == 0 ? M_H2G
              : strcmp(b, "guest-to-host") == 0                                         ? M_G2H
                                                                                        : 0;
        any = strcmp(model_row_need(v, row, "before_negotiation", b, sizeof(b)), "yes") == 0;
        if (!dir || (!any && strcmp(b, "no") != 0))
            model_fail(v, "dir or before_negotiation");
        model_row_need(v, row, "type_name", b, sizeof(model_type_names[0]));
        if (!m->name) {
            m->type = t;
            m->name = strcpy(model_type_names[t - 1], b);
            m->dir = dir;
            m->any_state = any;
        } else if (strcmp(m->name, b) != 0 || m->dir != dir || m->any_state != any) {
            model_fail(v, "the type's name, dir or before_negotiation differ between its rows");
        }
        mv.name = name;
        model_row_need(v, row, "min_version", b, sizeof(b));
        mv.min_version = strcmp(b, "any") == 0 ? 0 : vmbp_vec_version(b);
        mv.features = (uint32_t)vmbp_vec_num(model_row_need(v, row, "features", b, sizeof(b)));
        model_row_need(v, row, "select", b, sizeof(b));
        mv.select = strcmp(b, "version") == 0   ? M_VER
                    : strcmp(b, "size") == 0    ? M_SIZE
                    : strcmp(b, "content") == 0 ? M_CONTENT
                                                : -1;
        if (mv.select < 0)
            model_fail(v, "select");
        mv.size = (unsigned)vmbp_vec_num(model_row_need(v, row, "size", b, sizeof(b)));
        /* insert in the spec's order */
        for (k = 0; k < MODEL_MAX_VARIANTS && m->v[k].name && !model_newer(&mv, &m->v[k]); k++)
            ;
        if (m->v[MODEL_MAX_VARIANTS - 1].name)
            model_fail(v, "more than MODEL_MAX_VARIANTS variants");
        memmove(&m->v[k + 1], &m->v[k], (MODEL_MAX_VARIANTS - 1 - k) * sizeof(m->v[0]));
        m->v[k] = mv;
    }
    for (t = 0; t < MODEL_MAX_TYPES && model_types[t].name; t++)
        ;
    model_ntypes = t;
    for (; t < MODEL_MAX_TYPES; t++)
        if (model_types[t].name) {
            fprintf(stderr, "vectors: msg: type %u has rows, type %u none\n", t + 1,
                    model_ntypes + 1);
            abort();
        }
    if (model_ntypes == 0) {
        fprintf(stderr, "vectors: msg: no row: lines\n");
        abort();
    }
    return model_ntypes;
}

/* Types 1..MODEL_NTYPES, in number order (read on first use). */
#define MODEL_NTYPES model_load()

/* The variants of every type, counted. */
static inline unsigned model_nvariants(void)
{
    unsigned t, k, n = 0;

    for (t = 0; t < MODEL_NTYPES; t++)
        for (k = 0; k < MODEL_MAX_VARIANTS && model_types[t].v[k].name; k++)
            n++;
    return n;
}

static const uint32_t model_versions[12] = {0,          0x0000000D, 0x00010001, 0x00020004,
                                            0x00030000, 0x00040000, 0x00040001, 0x00050000,
                                            0x00050001, 0x00050002, 0x00050003, 0x00060000};

static inline uint32_t model_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Expected result of vmbp_msg_select(): status and, on success, the variant's name. */
static inline enum vmbp_status model_select(const uint8_t *buf, size_t len, uint32_t version,
                                            uint32_t features, int dir, const char **variant)
{
    const struct model_type *t;
    enum vmbp_status miss = VMBP_E_VERSION;
    uint32_t type, negotiated = version >= V6_0 ? features : 0;
    unsigned i, min = 0xFFFF;

    *variant = NULL;
    if (len < 8)
        return VMBP_E_TRUNCATED;
    if (len > 240)
        return VMBP_E_TOO_LONG;
    type = model_le32(buf);
    if (type < 1 || type > MODEL_NTYPES)
        return VMBP_E_UNKNOWN_TYPE;
    t = &model_types[type - 1];
    if ((t->dir & dir) == 0)
        return VMBP_E_DIRECTION;
    if (version == 0 && !t->any_state)
        return VMBP_E_NOT_NEGOTIATED;
    for (i = 0; i < MODEL_MAX_VARIANTS && t->v[i].name; i++)
        if (t->v[i].size < min)
            min = t->v[i].size;
    for (i = 0; i < MODEL_MAX_VARIANTS && t->v[i].name; i++) {
        const struct model_variant *v = &t->v[i];

        if (v->select == M_CONTENT) {
            if (len < min)
                return VMBP_E_TRUNCATED;
            if (model_le32(buf + 8) < v->min_version)
                continue;
            if (v->features && !(model_le32(buf + 20) & v->features))
                continue;
        } else {
            if (v->min_version && (version == 0 || version < v->min_version))
                continue;
            if (v->features && !(negotiated & v->features)) {
                miss = VMBP_E_FEATURE;
                continue;
            }
            if (v->select == M_SIZE && len < v->size)
                continue;
        }
        if (len < v->size)
            return VMBP_E_TRUNCATED;
        *variant = v->name;
        return VMBP_OK;
    }
    return miss;
}

#endif /* VMBP_TEST_MSG_MODEL_H */
