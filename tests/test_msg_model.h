/* SPDX-License-Identifier: MIT */
/*
 * An independent model of message gating (spec/msg.md, VMBP-MSG-002..007), typed from the
 * spec's type table and not from VMBP_MSG_TABLE(), so the tests check the header's table
 * and its selection code against a second reading of the facts.
 */
#ifndef VMBP_TEST_MSG_MODEL_H
#define VMBP_TEST_MSG_MODEL_H

#include <stdint.h>
#include <string.h>

#include <vmbus_proto/status.h>

enum { M_VER = 0, M_SIZE = 1, M_CONTENT = 2 };
enum { M_G2H = 1, M_H2G = 2 };

struct model_variant {
    const char *name;
    uint32_t min_version; /* 0: any (also before negotiation) */
    uint32_t features;    /* one of them must be negotiated; for CONTENT: requested */
    int select;
    unsigned size;
};

/* Room for the variants of one type (INITIATE_CONTACT has 4). */
#define MODEL_MAX_VARIANTS 6

struct model_type {
    uint32_t type;
    const char *name;
    int dir;
    int any_state;
    struct model_variant v[MODEL_MAX_VARIANTS]; /* newest first; name NULL ends */
};

#define V0_13 0x0000000Du
#define V1_1 0x00010001u
#define V4_0 0x00040000u
#define V4_1 0x00040001u
#define V5_0 0x00050000u
#define V5_2 0x00050002u
#define V5_3 0x00050003u
#define V6_0 0x00060000u

static const struct model_type model_types[] = {
    {1,
     "OFFER_CHANNEL",
     M_H2G,
     0,
     {{"OFFER_CHANNEL", V1_1, 0, M_VER, 196}, {"OFFER_CHANNEL_V1", V0_13, 0, M_VER, 190}}},
    {2, "RESCIND_CHANNEL_OFFER", M_H2G, 0, {{"RESCIND_CHANNEL_OFFER", V0_13, 0, M_VER, 12}}},
    {3, "REQUEST_OFFERS", M_G2H, 0, {{"REQUEST_OFFERS", V0_13, 0, M_VER, 8}}},
    {4, "ALL_OFFERS_DELIVERED", M_H2G, 0, {{"ALL_OFFERS_DELIVERED", V0_13, 0, M_VER, 8}}},
    {5,
     "OPEN_CHANNEL",
     M_G2H,
     0,
     {{"OPEN_CHANNEL_SIGNAL", V6_0, 0x3, M_VER, 156}, {"OPEN_CHANNEL", V0_13, 0, M_VER, 148}}},
    {6, "OPEN_CHANNEL_RESULT", M_H2G, 0, {{"OPEN_CHANNEL_RESULT", V0_13, 0, M_VER, 20}}},
    {7, "CLOSE_CHANNEL", M_G2H, 0, {{"CLOSE_CHANNEL", V0_13, 0, M_VER, 12}}},
    {8, "GPADL_HEADER", M_G2H, 0, {{"GPADL_HEADER", V0_13, 0, M_VER, 20}}},
    {9, "GPADL_BODY", M_G2H, 0, {{"GPADL_BODY", V0_13, 0, M_VER, 16}}},
    {10, "GPADL_CREATED", M_H2G, 0, {{"GPADL_CREATED", V0_13, 0, M_VER, 20}}},
    {11, "GPADL_TEARDOWN", M_G2H, 0, {{"GPADL_TEARDOWN", V0_13, 0, M_VER, 16}}},
    {12, "GPADL_TORNDOWN", M_H2G, 0, {{"GPADL_TORNDOWN", V0_13, 0, M_VER, 12}}},
    {13, "RELID_RELEASED", M_G2H, 0, {{"RELID_RELEASED", V0_13, 0, M_VER, 12}}},
    {14,
     "INITIATE_CONTACT",
     M_G2H,
     1,
     {{"INITIATE_CONTACT_CLIENT_ID", V6_0, 0x8, M_CONTENT, 56},
      {"INITIATE_CONTACT_FEATURES", V6_0, 0, M_CONTENT, 40},
      {"INITIATE_CONTACT_SINT", V5_0, 0, M_CONTENT, 40},
      {"INITIATE_CONTACT_IPAGE", 0, 0, M_CONTENT, 40}}},
    {15,
     "VERSION_RESPONSE",
     M_H2G,
     1,
     {{"VERSION_RESPONSE_MONITOR", 0, 0, M_SIZE, 40},
      {"VERSION_RESPONSE_FEATURES", 0, 0, M_SIZE, 20},
      {"VERSION_RESPONSE", 0, 0, M_VER, 16}}},
    {16, "UNLOAD", M_G2H, 0, {{"UNLOAD", V0_13, 0, M_VER, 8}}},
    {17, "UNLOAD_COMPLETE", M_H2G, 0, {{"UNLOAD_COMPLETE", V1_1, 0, M_VER, 8}}},
    {18, "OPEN_RESERVED_CHANNEL", M_G2H, 0, {{"OPEN_RESERVED_CHANNEL", V4_0, 0, M_VER, 28}}},
    {19, "CLOSE_RESERVED_CHANNEL", M_G2H, 1, {{"CLOSE_RESERVED_CHANNEL", 0, 0, M_VER, 20}}},
    {20,
     "CLOSE_RESERVED_RESPONSE",
     M_H2G,
     0,
     {{"CLOSE_RESERVED_RESPONSE", V4_0, 0, M_VER, 12}}},
    {21,
     "TL_CONNECT_REQUEST",
     M_G2H,
     0,
     {{"TL_CONNECT_REQUEST_SILO", V5_2, 0, M_SIZE, 56},
      {"TL_CONNECT_REQUEST", V4_0, 0, M_VER, 40}}},
    {22, "MODIFY_CHANNEL", M_G2H, 0, {{"MODIFY_CHANNEL", V4_1, 0, M_VER, 16}}},
    {23, "TL_CONNECT_RESULT", M_H2G, 0, {{"TL_CONNECT_RESULT", V4_1, 0, M_VER, 44}}},
    {24,
     "MODIFY_CHANNEL_RESPONSE",
     M_H2G,
     0,
     {{"MODIFY_CHANNEL_RESPONSE", V5_3, 0, M_VER, 16}}},
    {25, "MODIFY_CONNECTION", M_G2H, 0, {{"MODIFY_CONNECTION", V6_0, 0x4, M_VER, 24}}},
    {26,
     "MODIFY_CONNECTION_RESPONSE",
     M_H2G,
     0,
     {{"MODIFY_CONNECTION_RESPONSE", V6_0, 0x4, M_VER, 9}}},
    {27, "PAUSE", M_G2H, 0, {{"PAUSE", V6_0, 0x20, M_VER, 8}}},
    {28, "PAUSE_RESPONSE", M_H2G, 0, {{"PAUSE_RESPONSE", V6_0, 0x20, M_VER, 8}}},
    {29, "RESUME", M_G2H, 0, {{"RESUME", V6_0, 0x20, M_VER, 8}}},
};

/* Types 1..MODEL_NTYPES, in number order. */
#define MODEL_NTYPES ((uint32_t)(sizeof(model_types) / sizeof(model_types[0])))

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
