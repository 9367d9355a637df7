/* SPDX-License-Identifier: MIT */
/*
 * The offsets and sizes of "vmbp-inspect schema --json" against the C structs: every field
 * of every message variant and overlay, every variant's size, and every wire layout (SynIC
 * slot, ring control page, packet headers, GPA ranges) must be what offsetof() and sizeof()
 * say of the member it names, and every member listed here must appear in the export. So the
 * export cannot drift from the headers, nor the headers from the export.
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
/* A field named as its member; one named otherwise; a header field; a list after W. */
#define F(v, W, m)                                                                             \
    {                                                                                          \
        v, #m, offsetof(struct W, m), MSZ(W, m), false                                         \
    }
#define FN(v, name, W, m)                                                                      \
    {                                                                                          \
        v, name, offsetof(struct W, m), MSZ(W, m), false                                       \
    }
#define HDR(v, W)                                                                              \
    {v, "msgtype", offsetof(struct W, hdr) + offsetof(struct vmbp_msg_header_wire, msgtype),   \
     MSZ(vmbp_msg_header_wire, msgtype), false},                                               \
    {                                                                                          \
        v, "rsvdz0", offsetof(struct W, hdr) + offsetof(struct vmbp_msg_header_wire, rsvdz0),  \
            MSZ(vmbp_msg_header_wire, rsvdz0), false                                           \
    }
#define WORDS(v, W)                                                                            \
    {                                                                                          \
        v, "words", sizeof(struct W), 0, false                                                 \
    }
/* Overlays of OFFER_CHANNEL's user data. */
#define OVL(v, W, m)                                                                           \
    {                                                                                          \
        v, #m, offsetof(struct vmbp_offer_wire, user_defined) + offsetof(struct W, m),         \
            MSZ(W, m), false                                                                   \
    }

#define OFFER_COMMON(v)                                                                        \
    HDR(v, vmbp_offer_wire), F(v, vmbp_offer_wire, interface_type),                            \
        F(v, vmbp_offer_wire, interface_instance), F(v, vmbp_offer_wire, rsvdz1),              \
        F(v, vmbp_offer_wire, flags), F(v, vmbp_offer_wire, mmio_megabytes),                   \
        F(v, vmbp_offer_wire, user_defined), F(v, vmbp_offer_wire, sub_channel_index),         \
        F(v, vmbp_offer_wire, mmio_megabytes_optional), F(v, vmbp_offer_wire, child_relid),    \
        F(v, vmbp_offer_wire, monitor_id), F(v, vmbp_offer_wire, monitor_allocated),           \
        FN(v, "rsvdz2", vmbp_offer_wire, monitor_allocated)
#define OPEN_COMMON(v)                                                                         \
    HDR(v, vmbp_open_channel_wire), F(v, vmbp_open_channel_wire, child_relid),                 \
        F(v, vmbp_open_channel_wire, open_id),                                                 \
        F(v, vmbp_open_channel_wire, ring_buffer_gpadl),                                       \
        F(v, vmbp_open_channel_wire, target_vp),                                               \
        F(v, vmbp_open_channel_wire, downstream_ring_buffer_page_offset),                      \
        F(v, vmbp_open_channel_wire, user_data)
#define CONTACT_COMMON(v, W)                                                                   \
    HDR(v, W), F(v, W, version_requested), F(v, W, target_message_vp), F(v, W, target_sint),   \
        F(v, W, target_vtl), F(v, W, rsvdz1), F(v, W, parent_to_child_monitor_gpa),            \
        F(v, W, child_to_parent_monitor_gpa)
#define VR_COMMON(v, W)                                                                        \
    HDR(v, W), F(v, W, version_supported), F(v, W, connection_state), F(v, W, rsvdz1),         \
        F(v, W, msg_conn_id)
#define RELID(v) HDR(v, vmbp_relid_msg_wire), F(v, vmbp_relid_msg_wire, child_relid)
#define EMPTY(v) HDR(v, vmbp_msg_header_wire_outer)

/* The header alone, seen as a message of its own. */
struct vmbp_msg_header_wire_outer {
    struct vmbp_msg_header_wire hdr;
};

static struct expect fields[] = {
    OFFER_COMMON("OFFER_CHANNEL"),
    F("OFFER_CHANNEL", vmbp_offer_wire, is_dedicated_interrupt),
    FN("OFFER_CHANNEL", "rsvdz3", vmbp_offer_wire, is_dedicated_interrupt),
    F("OFFER_CHANNEL", vmbp_offer_wire, connection_id),
    OFFER_COMMON("OFFER_CHANNEL_V1"),
    RELID("RESCIND_CHANNEL_OFFER"),
    EMPTY("REQUEST_OFFERS"),
    EMPTY("ALL_OFFERS_DELIVERED"),
    OPEN_COMMON("OPEN_CHANNEL_SIGNAL"),
    F("OPEN_CHANNEL_SIGNAL", vmbp_open_channel_wire, connection_id),
    F("OPEN_CHANNEL_SIGNAL", vmbp_open_channel_wire, event_flag),
    F("OPEN_CHANNEL_SIGNAL", vmbp_open_channel_wire, flags),
    FN("OPEN_CHANNEL_SIGNAL", "rsvdz1", vmbp_open_channel_wire, flags),
    OPEN_COMMON("OPEN_CHANNEL"),
    HDR("OPEN_CHANNEL_RESULT", vmbp_open_result_wire),
    F("OPEN_CHANNEL_RESULT", vmbp_open_result_wire, child_relid),
    F("OPEN_CHANNEL_RESULT", vmbp_open_result_wire, open_id),
    F("OPEN_CHANNEL_RESULT", vmbp_open_result_wire, status),
    RELID("CLOSE_CHANNEL"),
    HDR("GPADL_HEADER", vmbp_gpadl_header_wire),
    F("GPADL_HEADER", vmbp_gpadl_header_wire, child_relid),
    F("GPADL_HEADER", vmbp_gpadl_header_wire, gpadl),
    F("GPADL_HEADER", vmbp_gpadl_header_wire, range_buflen),
    F("GPADL_HEADER", vmbp_gpadl_header_wire, rangecount),
    WORDS("GPADL_HEADER", vmbp_gpadl_header_wire),
    HDR("GPADL_BODY", vmbp_gpadl_body_wire),
    F("GPADL_BODY", vmbp_gpadl_body_wire, msgnumber),
    F("GPADL_BODY", vmbp_gpadl_body_wire, gpadl),
    WORDS("GPADL_BODY", vmbp_gpadl_body_wire),
    HDR("GPADL_CREATED", vmbp_gpadl_created_wire),
    F("GPADL_CREATED", vmbp_gpadl_created_wire, child_relid),
    F("GPADL_CREATED", vmbp_gpadl_created_wire, gpadl),
    F("GPADL_CREATED", vmbp_gpadl_created_wire, creation_status),
    HDR("GPADL_TEARDOWN", vmbp_gpadl_teardown_wire),
    F("GPADL_TEARDOWN", vmbp_gpadl_teardown_wire, child_relid),
    F("GPADL_TEARDOWN", vmbp_gpadl_teardown_wire, gpadl),
    HDR("GPADL_TORNDOWN", vmbp_gpadl_torndown_wire),
    F("GPADL_TORNDOWN", vmbp_gpadl_torndown_wire, gpadl),
    RELID("RELID_RELEASED"),
    CONTACT_COMMON("INITIATE_CONTACT_CLIENT_ID", vmbp_initiate_contact_client_id_wire),
    F("INITIATE_CONTACT_CLIENT_ID", vmbp_initiate_contact_client_id_wire, feature_flags),
    F("INITIATE_CONTACT_CLIENT_ID", vmbp_initiate_contact_client_id_wire, client_id),
    CONTACT_COMMON("INITIATE_CONTACT_FEATURES", vmbp_initiate_contact_wire),
    F("INITIATE_CONTACT_FEATURES", vmbp_initiate_contact_wire, feature_flags),
    CONTACT_COMMON("INITIATE_CONTACT_SINT", vmbp_initiate_contact_wire),
    FN("INITIATE_CONTACT_SINT", "rsvdz2", vmbp_initiate_contact_wire, feature_flags),
    HDR("INITIATE_CONTACT_IPAGE", vmbp_initiate_contact_ipage_wire),
    F("INITIATE_CONTACT_IPAGE", vmbp_initiate_contact_ipage_wire, version_requested),
    F("INITIATE_CONTACT_IPAGE", vmbp_initiate_contact_ipage_wire, target_message_vp),
    F("INITIATE_CONTACT_IPAGE", vmbp_initiate_contact_ipage_wire, interrupt_page),
    F("INITIATE_CONTACT_IPAGE", vmbp_initiate_contact_ipage_wire, parent_to_child_monitor_gpa),
    F("INITIATE_CONTACT_IPAGE", vmbp_initiate_contact_ipage_wire, child_to_parent_monitor_gpa),
    VR_COMMON("VERSION_RESPONSE_MONITOR", vmbp_version_response_monitor_wire),
    F("VERSION_RESPONSE_MONITOR", vmbp_version_response_monitor_wire, supported_features),
    F("VERSION_RESPONSE_MONITOR", vmbp_version_response_monitor_wire, rsvdz2),
    F("VERSION_RESPONSE_MONITOR", vmbp_version_response_monitor_wire,
      parent_to_child_monitor_gpa),
    F("VERSION_RESPONSE_MONITOR", vmbp_version_response_monitor_wire,
      child_to_parent_monitor_gpa),
    VR_COMMON("VERSION_RESPONSE_FEATURES", vmbp_version_response_features_wire),
    F("VERSION_RESPONSE_FEATURES", vmbp_version_response_features_wire, supported_features),
    VR_COMMON("VERSION_RESPONSE", vmbp_version_response_wire),
    EMPTY("UNLOAD"),
    EMPTY("UNLOAD_COMPLETE"),
    HDR("OPEN_RESERVED_CHANNEL", vmbp_open_reserved_channel_wire),
    F("OPEN_RESERVED_CHANNEL", vmbp_open_reserved_channel_wire, child_relid),
    F("OPEN_RESERVED_CHANNEL", vmbp_open_reserved_channel_wire, target_vp),
    F("OPEN_RESERVED_CHANNEL", vmbp_open_reserved_channel_wire, target_sint),
    F("OPEN_RESERVED_CHANNEL", vmbp_open_reserved_channel_wire, ring_buffer_gpadl),
    F("OPEN_RESERVED_CHANNEL", vmbp_open_reserved_channel_wire,
      downstream_ring_buffer_page_offset),
    HDR("CLOSE_RESERVED_CHANNEL", vmbp_close_reserved_channel_wire),
    F("CLOSE_RESERVED_CHANNEL", vmbp_close_reserved_channel_wire, child_relid),
    F("CLOSE_RESERVED_CHANNEL", vmbp_close_reserved_channel_wire, target_vp),
    F("CLOSE_RESERVED_CHANNEL", vmbp_close_reserved_channel_wire, target_sint),
    RELID("CLOSE_RESERVED_RESPONSE"),
    HDR("TL_CONNECT_REQUEST_SILO", vmbp_tl_connect_request_silo_wire),
    F("TL_CONNECT_REQUEST_SILO", vmbp_tl_connect_request_silo_wire, endpoint_id),
    F("TL_CONNECT_REQUEST_SILO", vmbp_tl_connect_request_silo_wire, service_id),
    F("TL_CONNECT_REQUEST_SILO", vmbp_tl_connect_request_silo_wire, silo_id),
    HDR("TL_CONNECT_REQUEST", vmbp_tl_connect_request_wire),
    F("TL_CONNECT_REQUEST", vmbp_tl_connect_request_wire, endpoint_id),
    F("TL_CONNECT_REQUEST", vmbp_tl_connect_request_wire, service_id),
    HDR("MODIFY_CHANNEL", vmbp_modify_channel_wire),
    F("MODIFY_CHANNEL", vmbp_modify_channel_wire, child_relid),
    F("MODIFY_CHANNEL", vmbp_modify_channel_wire, target_vp),
    HDR("TL_CONNECT_RESULT", vmbp_tl_connect_result_wire),
    F("TL_CONNECT_RESULT", vmbp_tl_connect_result_wire, endpoint_id),
    F("TL_CONNECT_RESULT", vmbp_tl_connect_result_wire, service_id),
    F("TL_CONNECT_RESULT", vmbp_tl_connect_result_wire, status),
    HDR("MODIFY_CHANNEL_RESPONSE", vmbp_modify_channel_response_wire),
    F("MODIFY_CHANNEL_RESPONSE", vmbp_modify_channel_response_wire, child_relid),
    F("MODIFY_CHANNEL_RESPONSE", vmbp_modify_channel_response_wire, status),
    HDR("MODIFY_CONNECTION", vmbp_modify_connection_wire),
    F("MODIFY_CONNECTION", vmbp_modify_connection_wire, parent_to_child_monitor_gpa),
    F("MODIFY_CONNECTION", vmbp_modify_connection_wire, child_to_parent_monitor_gpa),
    HDR("MODIFY_CONNECTION_RESPONSE", vmbp_modify_connection_response_wire),
    F("MODIFY_CONNECTION_RESPONSE", vmbp_modify_connection_response_wire, connection_state),
    EMPTY("PAUSE"),
    EMPTY("PAUSE_RESPONSE"),
    EMPTY("RESUME"),
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

/* Sizes: of each variant (its wire struct, or the part of it the variant has) and of each
 * layout. */
static struct expect sizes[] = {
    {"OFFER_CHANNEL", "", 0, sizeof(struct vmbp_offer_wire), false},
    {"OFFER_CHANNEL_V1", "", 0, offsetof(struct vmbp_offer_wire, is_dedicated_interrupt),
     false},
    {"RESCIND_CHANNEL_OFFER", "", 0, sizeof(struct vmbp_relid_msg_wire), false},
    {"REQUEST_OFFERS", "", 0, sizeof(struct vmbp_msg_header_wire), false},
    {"ALL_OFFERS_DELIVERED", "", 0, sizeof(struct vmbp_msg_header_wire), false},
    {"OPEN_CHANNEL_SIGNAL", "", 0, sizeof(struct vmbp_open_channel_wire), false},
    {"OPEN_CHANNEL", "", 0, offsetof(struct vmbp_open_channel_wire, connection_id), false},
    {"OPEN_CHANNEL_RESULT", "", 0, sizeof(struct vmbp_open_result_wire), false},
    {"CLOSE_CHANNEL", "", 0, sizeof(struct vmbp_relid_msg_wire), false},
    {"GPADL_HEADER", "", 0, sizeof(struct vmbp_gpadl_header_wire), false},
    {"GPADL_BODY", "", 0, sizeof(struct vmbp_gpadl_body_wire), false},
    {"GPADL_CREATED", "", 0, sizeof(struct vmbp_gpadl_created_wire), false},
    {"GPADL_TEARDOWN", "", 0, sizeof(struct vmbp_gpadl_teardown_wire), false},
    {"GPADL_TORNDOWN", "", 0, sizeof(struct vmbp_gpadl_torndown_wire), false},
    {"RELID_RELEASED", "", 0, sizeof(struct vmbp_relid_msg_wire), false},
    {"INITIATE_CONTACT_CLIENT_ID", "", 0, sizeof(struct vmbp_initiate_contact_client_id_wire),
     false},
    {"INITIATE_CONTACT_FEATURES", "", 0, sizeof(struct vmbp_initiate_contact_wire), false},
    {"INITIATE_CONTACT_SINT", "", 0, sizeof(struct vmbp_initiate_contact_wire), false},
    {"INITIATE_CONTACT_IPAGE", "", 0, sizeof(struct vmbp_initiate_contact_ipage_wire), false},
    {"VERSION_RESPONSE_MONITOR", "", 0, sizeof(struct vmbp_version_response_monitor_wire),
     false},
    {"VERSION_RESPONSE_FEATURES", "", 0, sizeof(struct vmbp_version_response_features_wire),
     false},
    {"VERSION_RESPONSE", "", 0, sizeof(struct vmbp_version_response_wire), false},
    {"UNLOAD", "", 0, sizeof(struct vmbp_msg_header_wire), false},
    {"UNLOAD_COMPLETE", "", 0, sizeof(struct vmbp_msg_header_wire), false},
    {"OPEN_RESERVED_CHANNEL", "", 0, sizeof(struct vmbp_open_reserved_channel_wire), false},
    {"CLOSE_RESERVED_CHANNEL", "", 0, sizeof(struct vmbp_close_reserved_channel_wire), false},
    {"CLOSE_RESERVED_RESPONSE", "", 0, sizeof(struct vmbp_relid_msg_wire), false},
    {"TL_CONNECT_REQUEST_SILO", "", 0, sizeof(struct vmbp_tl_connect_request_silo_wire), false},
    {"TL_CONNECT_REQUEST", "", 0, sizeof(struct vmbp_tl_connect_request_wire), false},
    {"MODIFY_CHANNEL", "", 0, sizeof(struct vmbp_modify_channel_wire), false},
    {"TL_CONNECT_RESULT", "", 0, sizeof(struct vmbp_tl_connect_result_wire), false},
    {"MODIFY_CHANNEL_RESPONSE", "", 0, sizeof(struct vmbp_modify_channel_response_wire), false},
    {"MODIFY_CONNECTION", "", 0, sizeof(struct vmbp_modify_connection_wire), false},
    /* 9 bytes: the struct pads the one-byte state to 12 (OpenVMM's message is 9) */
    {"MODIFY_CONNECTION_RESPONSE", "", 0,
     offsetof(struct vmbp_modify_connection_response_wire, connection_state) +
         MSZ(vmbp_modify_connection_response_wire, connection_state),
     false},
    {"PAUSE", "", 0, sizeof(struct vmbp_msg_header_wire), false},
    {"PAUSE_RESPONSE", "", 0, sizeof(struct vmbp_msg_header_wire), false},
    {"RESUME", "", 0, sizeof(struct vmbp_msg_header_wire), false},
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

static int failures, checked;

static void check_field(const char *where, const struct jv *f)
{
    const char *name = str(f, "name");
    size_t i;

    checked++;
    for (i = 0; i < N(fields); i++) {
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
    for (i = 0; i < N(sizes); i++) {
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
    for (i = 0; i < N(fields); i++)
        if (!fields[i].seen) {
            printf("FAIL %s.%s: a struct member the export does not have\n", fields[i].where,
                   fields[i].name);
            failures++;
        }
    for (i = 0; i < N(sizes); i++)
        if (!sizes[i].seen) {
            printf("FAIL %s: not in the export\n", sizes[i].where);
            failures++;
        }
    printf("schema layout: %d offsets and sizes checked against the structs, %d failures\n",
           checked, failures);
    jfree(doc);
    free(text);
    return failures ? 1 : 0;
}
