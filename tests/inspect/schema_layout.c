/* SPDX-License-Identifier: MIT */
/*
 * The offsets and sizes of "vmbp-inspect schema --json" against the headers. Every field and
 * size of every message variant must be what the library's field tables and variant records
 * say (vmbp_msg_fields(), vmbp_msg_variant_size(): generated from gen/msg.toml, their offsets
 * written as offsetof() of the wire structs, so a new variant needs nothing here); every field
 * of the offer overlays and of the wire layouts without a field table (SynIC slot, ring
 * control page, packet headers, GPA ranges) what offsetof() and sizeof() say of the member it
 * names. Every expectation must appear in the export: the export cannot drift from the
 * headers, nor the headers from the export.
 *
 * usage: schema_layout VMBP_INSPECT     (runs "VMBP_INSPECT schema --json")
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vmbus_proto/msg_dispatch.h>
#include <vmbus_proto/packet.h>
#include <vmbus_proto/ring.h>
#include <vmbus_proto/synic.h>

/* ---- a small JSON reader: the document as a tree ----------------------------------- */

enum jt { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jv {
    enum jt t;
    double num;
    char *str;         /* J_STR */
    struct jv **items; /* J_ARR: values; J_OBJ: key/value pairs, keys as J_STR */
    size_t n;
};

struct jp {
    const char *p, *end;
    bool bad;
};

static void ws(struct jp *J)
{
    while (J->p < J->end && (*J->p == ' ' || *J->p == '\n' || *J->p == '\t' || *J->p == '\r'))
        J->p++;
}

static struct jv *node(enum jt t)
{
    struct jv *v = (struct jv *)calloc(1, sizeof(*v));

    if (!v) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    v->t = t;
    return v;
}

static void push(struct jv *v, struct jv *item)
{
    v->items = (struct jv **)realloc(v->items, (v->n + 1) * sizeof(*v->items));
    if (!v->items) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    v->items[v->n++] = item;
}

static struct jv *value(struct jp *J);

static struct jv *string(struct jp *J)
{
    struct jv *v = node(J_STR);
    size_t n = 0;
    const char *s;

    if (J->p >= J->end || *J->p != '"') {
        J->bad = true;
        return v;
    }
    s = ++J->p;
    while (J->p < J->end && *J->p != '"') {
        if (*J->p == '\\')
            J->p++;
        J->p++;
    }
    if (J->p >= J->end) {
        J->bad = true;
        return v;
    }
    v->str = (char *)malloc((size_t)(J->p - s) + 1);
    while (s < J->p) { /* escapes are kept as they are: the names compared have none */
        v->str[n++] = *s++;
    }
    v->str[n] = 0;
    J->p++;
    return v;
}

static struct jv *value(struct jp *J)
{
    struct jv *v;

    ws(J);
    if (J->p >= J->end) {
        J->bad = true;
        return node(J_NULL);
    }
    if (*J->p == '{' || *J->p == '[') {
        bool obj = *J->p == '{';
        char close = obj ? '}' : ']';

        v = node(obj ? J_OBJ : J_ARR);
        J->p++;
        ws(J);
        if (J->p < J->end && *J->p == close) {
            J->p++;
            return v;
        }
        while (!J->bad) {
            ws(J);
            if (obj) {
                push(v, string(J));
                ws(J);
                if (J->p >= J->end || *J->p != ':') {
                    J->bad = true;
                    break;
                }
                J->p++;
            }
            push(v, value(J));
            ws(J);
            if (J->p < J->end && *J->p == ',') {
                J->p++;
                continue;
            }
            if (J->p < J->end && *J->p == close) {
                J->p++;
                break;
            }
            J->bad = true;
        }
        return v;
    }
    if (*J->p == '"')
        return string(J);
    if (J->end - J->p >= 4 && memcmp(J->p, "true", 4) == 0) {
        J->p += 4;
        v = node(J_BOOL);
        v->num = 1;
        return v;
    }
    if (J->end - J->p >= 5 && memcmp(J->p, "false", 5) == 0) {
        J->p += 5;
        return node(J_BOOL);
    }
    if (J->end - J->p >= 4 && memcmp(J->p, "null", 4) == 0) {
        J->p += 4;
        return node(J_NULL);
    }
    v = node(J_NUM);
    {
        char *e;

        v->num = strtod(J->p, &e);
        if (e == J->p)
            J->bad = true;
        J->p = e;
    }
    return v;
}

static void jfree(struct jv *v)
{
    size_t i;

    for (i = 0; i < v->n; i++)
        jfree(v->items[i]);
    free(v->items);
    free(v->str);
    free(v);
}

static const struct jv *get(const struct jv *o, const char *key)
{
    size_t i;

    if (!o || o->t != J_OBJ)
        return NULL;
    for (i = 0; i + 1 < o->n; i += 2)
        if (strcmp(o->items[i]->str, key) == 0)
            return o->items[i + 1];
    return NULL;
}

static long num(const struct jv *o, const char *key)
{
    const struct jv *v = get(o, key);

    return v && v->t == J_NUM ? (long)v->num : -1;
}

static const char *str(const struct jv *o, const char *key)
{
    const struct jv *v = get(o, key);

    return v && v->t == J_STR ? v->str : "";
}

/* ---- what the structs say ---------------------------------------------------------- */

struct expect {
    const char *where; /* variant, overlay or layout name */
    const char *name;  /* field name in the export */
    size_t offset, size;
    bool seen;
};

#define MSZ(W, m) sizeof(((struct W *)0)->m)
/* A field named as its member; one named otherwise. */
#define F(v, W, m)                                                                             \
    {                                                                                          \
        v, #m, offsetof(struct W, m), MSZ(W, m), false                                         \
    }
/* Overlays of OFFER_CHANNEL's user data. */
#define OVL(v, W, m)                                                                           \
    {                                                                                          \
        v, #m, offsetof(struct vmbp_offer_wire, user_defined) + offsetof(struct W, m),         \
            MSZ(W, m), false                                                                   \
    }

static struct expect fixed_fields[] = {
    /* overlays of OFFER_CHANNEL's user data */
    OVL("pipe", vmbp_offer_pipe_wire, pipe_type),
    OVL("pipe", vmbp_offer_pipe_wire, pipe_user_defined),
    OVL("pipe", vmbp_offer_pipe_wire, pipe_flags),
    OVL("hvsock", vmbp_offer_hvsock_wire, pipe_type),
    OVL("hvsock", vmbp_offer_hvsock_wire, is_for_guest_accept),
    OVL("hvsock", vmbp_offer_hvsock_wire, is_for_guest_container),
    OVL("hvsock", vmbp_offer_hvsock_wire, version),
    OVL("hvsock", vmbp_offer_hvsock_wire, silo_id),
    OVL("hvsock", vmbp_offer_hvsock_wire, rsvdz0),
    /* wire layouts without a field table */
    F("synic_message_slot", vmbp_synic_message_wire, message_type),
    F("synic_message_slot", vmbp_synic_message_wire, payload_size),
    F("synic_message_slot", vmbp_synic_message_wire, message_flags),
    F("synic_message_slot", vmbp_synic_message_wire, rsvdz),
    F("synic_message_slot", vmbp_synic_message_wire, sender),
    F("synic_message_slot", vmbp_synic_message_wire, payload),
    F("control_page", vmbp_ring_control_wire, write_index),
    F("control_page", vmbp_ring_control_wire, read_index),
    F("control_page", vmbp_ring_control_wire, interrupt_mask),
    F("control_page", vmbp_ring_control_wire, pending_send_sz),
    F("control_page", vmbp_ring_control_wire, rsvdz1),
    F("control_page", vmbp_ring_control_wire, feature_bits),
    F("control_page", vmbp_ring_control_wire, rsvdz2),
    F("packet_descriptor", vmbp_pkt_desc_wire, type),
    F("packet_descriptor", vmbp_pkt_desc_wire, offset8),
    F("packet_descriptor", vmbp_pkt_desc_wire, len8),
    F("packet_descriptor", vmbp_pkt_desc_wire, flags),
    F("packet_descriptor", vmbp_pkt_desc_wire, trans_id),
    F("packet_trailer", vmbp_pkt_trailer_wire, rsvdz),
    F("packet_trailer", vmbp_pkt_trailer_wire, start_offset),
    F("transfer_page_header", vmbp_pkt_xfer_wire, desc),
    F("transfer_page_header", vmbp_pkt_xfer_wire, xfer_pageset_id),
    F("transfer_page_header", vmbp_pkt_xfer_wire, sender_owns_set),
    F("transfer_page_header", vmbp_pkt_xfer_wire, rsvdz),
    F("transfer_page_header", vmbp_pkt_xfer_wire, range_count),
    F("transfer_page_range", vmbp_pkt_xfer_range_wire, byte_count),
    F("transfer_page_range", vmbp_pkt_xfer_range_wire, byte_offset),
    F("gpa_direct_header", vmbp_pkt_gpa_direct_wire, desc),
    F("gpa_direct_header", vmbp_pkt_gpa_direct_wire, rsvdz),
    F("gpa_direct_header", vmbp_pkt_gpa_direct_wire, range_count),
    F("gpa_range", vmbp_pkt_gpa_range_wire, byte_count),
    F("gpa_range", vmbp_pkt_gpa_range_wire, byte_offset),
    F("gpadl_range", vmbp_gpa_range_wire, byte_count),
    F("gpadl_range", vmbp_gpa_range_wire, byte_offset),
};

/* Sizes of the layouts. */
static struct expect fixed_sizes[] = {
    {"synic_message_slot", "", 0, sizeof(struct vmbp_synic_message_wire), false},
    {"control_page", "", 0, sizeof(struct vmbp_ring_control_wire), false},
    {"packet_descriptor", "", 0, sizeof(struct vmbp_pkt_desc_wire), false},
    {"packet_trailer", "", 0, sizeof(struct vmbp_pkt_trailer_wire), false},
    {"transfer_page_header", "", 0, sizeof(struct vmbp_pkt_xfer_wire), false},
    {"transfer_page_range", "", 0, sizeof(struct vmbp_pkt_xfer_range_wire), false},
    {"gpa_direct_header", "", 0, sizeof(struct vmbp_pkt_gpa_direct_wire), false},
    {"gpa_range", "", 0, sizeof(struct vmbp_pkt_gpa_range_wire), false},
    {"gpadl_range", "", 0, sizeof(struct vmbp_gpa_range_wire), false},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The expectations: the message variants' from the library's tables, then the fixed ones. */
static struct expect *fields, *sizes;
static size_t nfields, nsizes;
static int failures, checked;

static struct expect *grow(struct expect *a, size_t n)
{
    a = (struct expect *)realloc(a, (n + 1) * sizeof(*a));
    if (!a) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    return a;
}

static void expect_all(void)
{
    unsigned v;
    size_t i, n;

    for (v = 1; v < (unsigned)VMBP_MSGV_COUNT; v++) {
        const char *name = vmbp_msg_variant_name((enum vmbp_msg_variant)v);
        const struct vmbp_msg_field *tab = vmbp_msg_fields((enum vmbp_msg_variant)v, &n);

        for (i = 0; i < n; i++) {
            fields = grow(fields, nfields);
            fields[nfields++] =
                (struct expect){name, tab[i].name, tab[i].offset, tab[i].size, false};
        }
        sizes = grow(sizes, nsizes);
        sizes[nsizes++] = (struct expect){
            name, "", 0, vmbp_msg_variant_size((enum vmbp_msg_variant)v), false};
    }
    for (i = 0; i < N(fixed_fields); i++) {
        fields = grow(fields, nfields);
        fields[nfields++] = fixed_fields[i];
    }
    for (i = 0; i < N(fixed_sizes); i++) {
        sizes = grow(sizes, nsizes);
        sizes[nsizes++] = fixed_sizes[i];
    }
}

static void check_field(const char *where, const struct jv *f)
{
    const char *name = str(f, "name");
    size_t i;

    checked++;
    for (i = 0; i < nfields; i++) {
        struct expect *e = &fields[i];

        if (strcmp(e->where, where) != 0 || strcmp(e->name, name) != 0)
            continue;
        if (e->seen) {
            printf("FAIL %s.%s: twice in the export\n", where, name);
            failures++;
        }
        e->seen = true;
        if ((long)e->offset != num(f, "offset") || (long)e->size != num(f, "size")) {
            printf("FAIL %s.%s: offset %ld size %ld in the export, %zu and %zu in C\n", where,
                   name, num(f, "offset"), num(f, "size"), e->offset, e->size);
            failures++;
        }
        return;
    }
    printf("FAIL %s.%s: in the export, not checked against a struct\n", where, name);
    failures++;
}

static void check_size(const char *where, long size)
{
    size_t i;

    checked++;
    for (i = 0; i < nsizes; i++) {
        if (strcmp(sizes[i].where, where) != 0)
            continue;
        sizes[i].seen = true;
        if ((long)sizes[i].size != size) {
            printf("FAIL %s: size %ld in the export, %zu in C\n", where, size, sizes[i].size);
            failures++;
        }
        return;
    }
    printf("FAIL %s: in the export, its size not checked against a struct\n", where);
    failures++;
}

static void check_layout(const struct jv *l)
{
    const struct jv *fs = get(l, "fields");
    size_t i;

    check_size(str(l, "name"), num(l, "size"));
    for (i = 0; fs && i < fs->n; i++)
        check_field(str(l, "name"), fs->items[i]);
}

int main(int argc, char **argv)
{
    char cmd[4096];
    char *text = NULL;
    size_t len = 0, cap = 0, i, j, k;
    struct jp J;
    struct jv *doc;
    const struct jv *msgs, *ovls, *ring;
    FILE *p;

    if (argc != 2) {
        fprintf(stderr, "usage: %s VMBP_INSPECT\n", argv[0]);
        return 2;
    }
    expect_all();
    snprintf(cmd, sizeof(cmd), "'%s' schema --json", argv[1]);
    p = popen(cmd, "r");
    if (!p) {
        perror(cmd);
        return 2;
    }
    for (;;) {
        size_t got;

        if (len == cap) {
            cap = cap ? cap * 2 : 65536;
            text = (char *)realloc(text, cap);
            if (!text)
                return 2;
        }
        got = fread(text + len, 1, cap - len, p);
        if (got == 0)
            break;
        len += got;
    }
    if (pclose(p) != 0) {
        fprintf(stderr, "%s failed\n", cmd);
        return 2;
    }
    J.p = text;
    J.end = text + len;
    J.bad = false;
    doc = value(&J);
    if (J.bad || doc->t != J_OBJ) {
        fprintf(stderr, "the export is not a JSON object\n");
        jfree(doc);
        free(text);
        return 2;
    }
    msgs = get(doc, "messages");
    for (i = 0; msgs && i < msgs->n; i++) {
        const struct jv *vs = get(msgs->items[i], "variants");

        for (j = 0; vs && j < vs->n; j++) {
            const struct jv *v = vs->items[j], *fs = get(v, "fields");

            check_size(str(v, "name"), num(v, "size"));
            for (k = 0; fs && k < fs->n; k++)
                check_field(str(v, "name"), fs->items[k]);
        }
    }
    ovls = get(doc, "overlays");
    for (i = 0; ovls && i < ovls->n; i++) {
        const struct jv *fs = get(ovls->items[i], "fields");

        for (k = 0; fs && k < fs->n; k++)
            check_field(str(ovls->items[i], "name"), fs->items[k]);
    }
    check_layout(get(doc, "gpadl_range"));
    check_layout(get(get(doc, "synic"), "message_slot"));
    ring = get(doc, "ring");
    for (i = 0; ring && i + 1 < ring->n; i += 2)
        if (ring->items[i + 1]->t == J_OBJ)
            check_layout(ring->items[i + 1]);
    for (i = 0; i < nfields; i++)
        if (!fields[i].seen) {
            printf("FAIL %s.%s: a struct member the export does not have\n", fields[i].where,
                   fields[i].name);
            failures++;
        }
    for (i = 0; i < nsizes; i++)
        if (!sizes[i].seen) {
            printf("FAIL %s: not in the export\n", sizes[i].where);
            failures++;
        }
    printf("schema layout: %d offsets and sizes checked against the structs, %d failures\n",
           checked, failures);
    jfree(doc);
    free(text);
    free(fields);
    free(sizes);
    return failures ? 1 : 0;
}
