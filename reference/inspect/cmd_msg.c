/* SPDX-License-Identifier: MIT */
/*
 * vmbp-inspect msg: decode one VMBus channel message, or a whole 256-byte SynIC message slot
 * holding one, against a negotiated state (version, features) and the direction it travelled.
 * Every field of the message's variant is printed with its offset, size and meaning, from the
 * field tables of the message headers (vmbp_msg_fields()); validation is the library's own
 * (vmbp_msg_validate_fault(), and vmbp_msg_offer_overlay_fault() for an offer's pipe or
 * hv_sock user data), so the tool reports exactly what a guest or host using it would, down
 * to the field, its value, what was allowed and the rule.
 */
#include "inspect.h"

#include <stdlib.h>
#include <string.h>

#include <vmbus_proto/devices.h>
#include <vmbus_proto/msg_dispatch.h>
#include <vmbus_proto/synic.h>

static void guid_str(const uint8_t *g, char *out, size_t cap)
{
    snprintf(out, cap, "{%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x}",
             g[3], g[2], g[1], g[0], g[5], g[4], g[7], g[6], g[8], g[9], g[10], g[11], g[12],
             g[13], g[14], g[15]);
}

/* Names of the set bits of a flag word, "A | B | 0x40". */
static void flag_names(uint64_t v, const char *(*name)(uint64_t bit), char *out, size_t cap)
{
    size_t used = 0;
    int b;

    out[0] = 0;
    for (b = 0; b < 64 && used < cap; b++) {
        uint64_t bit = (uint64_t)1 << b;
        const char *n;

        if (!(v & bit))
            continue;
        n = name(bit);
        if (n)
            used += (size_t)snprintf(out + used, cap - used, "%s%s", used ? " | " : "", n);
        else
            used += (size_t)snprintf(out + used, cap - used, "%s0x%llx", used ? " | " : "",
                                     (unsigned long long)bit);
    }
    if (used >= cap && cap > 4)
        strcpy(out + cap - 4, "...");
}

static const char *feature_bit(uint64_t bit)
{
    return vmbp_feature_name((uint32_t)bit);
}

static const char *offer_bit(uint64_t bit)
{
    return bit <= 0xFFFFu ? vmbp_offer_flag_name((uint16_t)bit) : NULL;
}

static const char *open_flag_bit(uint64_t bit)
{
    return bit == VMBP_OPEN_FLAG_REDIRECT_INTERRUPT ? "REDIRECT_INTERRUPT" : NULL;
}

static const char *pipe_flag_bit(uint64_t bit)
{
    return bit == VMBP_PIPE_FLAG_GPA_DIRECT ? "GPA_DIRECT" : NULL;
}

/* The meaning column of a value field: names for enumerated and flag formats. */
static void meaning(const struct vmbp_msg_field *f, uint64_t v, char *out, size_t cap)
{
    const char *s = NULL;

    out[0] = 0;
    switch (f->fmt) {
    case VMBP_MSG_FMT_MSGTYPE:
        s = vmbp_msg_type_name((uint32_t)v);
        break;
    case VMBP_MSG_FMT_VERSION:
        if (vmbp_version_is_known((uint32_t)v))
            snprintf(out, cap, "%u.%u, %s", (unsigned)VMBP_VERSION_MAJOR(v),
                     (unsigned)VMBP_VERSION_MINOR(v), vmbp_version_windows_name((uint32_t)v));
        else if (v != 0)
            snprintf(out, cap, "%u.%u, not a known version", (unsigned)VMBP_VERSION_MAJOR(v),
                     (unsigned)VMBP_VERSION_MINOR(v));
        return;
    case VMBP_MSG_FMT_FEATURES:
        flag_names(v, feature_bit, out, cap);
        return;
    case VMBP_MSG_FMT_OFFER_FLAGS:
        flag_names(v, offer_bit, out, cap);
        return;
    case VMBP_MSG_FMT_NTSTATUS:
        s = v <= 0xFFFFFFFFu ? vmbp_ntstatus_name((uint32_t)v) : NULL;
        break;
    case VMBP_MSG_FMT_CONN_STATE:
        s = v <= 0xFFFFFFFFu ? vmbp_connection_state_name((uint32_t)v) : NULL;
        break;
    case VMBP_MSG_FMT_PIPE_TYPE:
        s = v <= 0xFFFFFFFFu ? vmbp_pipe_type_name((uint32_t)v) : NULL;
        break;
    case VMBP_MSG_FMT_OPEN_FLAGS:
        flag_names(v, open_flag_bit, out, cap);
        break;
    case VMBP_MSG_FMT_PIPE_FLAGS:
        flag_names(v, pipe_flag_bit, out, cap);
        break;
    case VMBP_MSG_FMT_BOOL:
        snprintf(out, cap, "%s: %s", f->doc ? f->doc : "set", v ? "yes" : "no");
        return;
    default:
        break;
    }
    if (s)
        snprintf(out, cap, "%s", s);
    if (*out == 0 && f->doc)
        snprintf(out, cap, "%s", f->doc);
    else if (f->doc && strlen(out) + strlen(f->doc) + 4 < cap) {
        size_t n = strlen(out);

        snprintf(out + n, cap - n, " - %s", f->doc);
    }
}

/* Whether the fault names this field: the decoder rejected the message there. */
static bool faulted(const struct vmbp_msg_fault *fault, const struct vmbp_msg_field *f)
{
    return fault && fault->field && strcmp(fault->field->name, f->name) == 0 &&
           fault->field->offset == f->offset;
}

/* The fields of a table (a variant's, or an offer overlay's with message offsets) as far as
 * the message goes; the field a fault names is marked with its rule. */
static void print_fields(struct vmbpi_out *o, const char *key, const struct vmbp_msg_field *tab,
                         size_t nf, const uint8_t *p, size_t n,
                         const struct vmbp_msg_fault *fault)
{
    size_t i;
    char val[600], mean[400];

    vmbpi_arr_begin(o, key);
    for (i = 0; tab && i < nf; i++) {
        const struct vmbp_msg_field *f = &tab[i];
        uint64_t v = 0;
        size_t size = f->size;

        if ((size_t)f->offset > n)
            continue;
        switch (f->kind) {
        case VMBP_MSG_FIELD_GUID:
            if ((size_t)f->offset + 16u > n)
                continue;
            guid_str(p + f->offset, val, sizeof(val));
            {
                struct vmbp_guid g;
                enum vmbp_device d;

                memcpy(g.bytes, p + f->offset, 16);
                d = vmbp_device_from_guid(&g);
                snprintf(mean, sizeof(mean), "%s%s%s", f->doc ? f->doc : "",
                         d != VMBP_DEVICE_UNKNOWN ? ": " : "",
                         d != VMBP_DEVICE_UNKNOWN ? vmbp_device_name(d) : "");
            }
            break;
        case VMBP_MSG_FIELD_WORDS:
            /* decoded below the fields (GPADL ranges and PFNs) */
            size = n - f->offset;
            snprintf(val, sizeof(val), "%zu words", size / 8u);
            snprintf(mean, sizeof(mean), "%s", f->doc ? f->doc : "");
            break;
        case VMBP_MSG_FIELD_BYTES: {
            size_t k, len = (size_t)f->offset + size > n ? n - f->offset : size;
            size_t shown = len > 32 ? 32 : len, used = 0;

            size = len;
            for (k = 0; k < shown; k++)
                used +=
                    (size_t)snprintf(val + used, sizeof(val) - used, "%02x", p[f->offset + k]);
            if (shown < len)
                snprintf(val + used, sizeof(val) - used, "... (%zu bytes)", len);
            if (len == 0)
                snprintf(val, sizeof(val), "(none)");
            snprintf(mean, sizeof(mean), "%s", f->doc ? f->doc : "");
            break;
        }
        default:
            if (vmbp_msg_field_wire_get(f, p, n, &v) != VMBP_OK)
                continue;
            if (f->fmt == VMBP_MSG_FMT_DEC)
                snprintf(val, sizeof(val), "%llu", (unsigned long long)v);
            else
                snprintf(val, sizeof(val), "0x%0*llx", (int)(f->size * 2),
                         (unsigned long long)v);
            meaning(f, v, mean, sizeof(mean));
            break;
        }
        if (faulted(fault, f)) {
            size_t used = strlen(mean);

            snprintf(mean + used, sizeof(mean) - used, " [rejected: %s]", fault->rule);
        }
        vmbpi_field(o, f->name, f->offset, size, val, mean);
    }
    vmbpi_arr_end(o);
}

/* Whether a variant ends in a variable-length list (GPADL messages): its bytes past the
 * fixed part are data, not trailing bytes. */
static bool has_words(enum vmbp_msg_variant variant)
{
    size_t nf = 0, i;
    const struct vmbp_msg_field *tab = vmbp_msg_fields(variant, &nf);

    for (i = 0; tab && i < nf; i++)
        if (tab[i].kind == VMBP_MSG_FIELD_WORDS)
            return true;
    return false;
}

/* An offer's user data as the overlay its flags select (hv_sock, else named pipe), read
 * with the library's overlay reader; returns false if the reader rejects it. */
static bool offer_overlay(struct vmbpi_out *o, const uint8_t *p, size_t n,
                          const struct vmbp_ctx *ctx, const struct vmbpi_msg_opts *opts,
                          enum vmbp_status *st)
{
    struct vmbp_msg m;
    struct vmbp_msg_fault fault;
    enum vmbp_msg_overlay which;
    const struct vmbp_msg_field *tab;
    size_t nf = 0;
    const char *name;

    if (vmbp_msg_decode(p, n, ctx, (enum vmbp_dir)opts->dir, &m) != VMBP_OK ||
        m.type != VMBP_MSG_OFFER_CHANNEL)
        return true;
    if (m.u.offer.flags & VMBP_OFFER_FLAG_TLNPI_PROVIDER) {
        which = VMBP_MSG_OVERLAY_HVSOCK;
        name = "hvsock";
    } else if (m.u.offer.flags & VMBP_OFFER_FLAG_NAMED_PIPE_MODE) {
        which = VMBP_MSG_OVERLAY_PIPE;
        name = "pipe";
    } else {
        return true;
    }
    *st = vmbp_msg_offer_overlay_fault(&m.u.offer, which, &fault);
    tab = vmbp_msg_overlay_fields(which, &nf);
    vmbpi_str(o, "overlay", name);
    print_fields(o, "overlay_fields", tab, nf, p, n, *st == VMBP_OK ? NULL : &fault);
    if (*st == VMBP_OK)
        return true;
    vmbpi_str(o, "status", vmbp_status_name(*st));
    vmbpi_msg_error(o, &fault, p, n, ctx, opts->dir, name);
    return false;
}

/* Decode the channel message p[0..n). Returns the exit status. */
static int channel_message(struct vmbpi_out *o, const uint8_t *p, size_t n,
                           const struct vmbpi_msg_opts *opts)
{
    struct vmbp_ctx ctx;
    struct vmbp_msg_fault fault;
    enum vmbp_msg_variant variant;
    enum vmbp_status st, sel;
    uint32_t type = 0;
    char buf[64];

    ctx.version = opts->version;
    ctx.features = opts->features;
    vmbpi_u64(o, "length", n);
    if (vmbp_msg_header_type(p, n, &type) == VMBP_OK) {
        const char *tn = vmbp_msg_type_name(type);

        vmbpi_u64(o, "type", type);
        vmbpi_str(o, "type_name", tn ? tn : "unknown");
    }
    st = vmbp_msg_validate_fault(p, n, &ctx, (enum vmbp_dir)opts->dir, &fault);
    sel = vmbp_msg_select(p, n, &ctx, (enum vmbp_dir)opts->dir, &variant);
    if (sel != VMBP_OK) {
        /* Not valid in this state: show the newest variant's fields as far as they go. */
        variant = vmbp_msg_type_newest_variant(type);
    }
    if (variant != VMBP_MSGV_NONE) {
        size_t nf = 0;
        const struct vmbp_msg_field *tab = vmbp_msg_fields(variant, &nf);
        const struct vmbp_msg_fault *named =
            st != VMBP_OK && (fault.variant == variant || !fault.check) ? &fault : NULL;

        vmbpi_str(o, "variant", vmbp_msg_variant_name(variant));
        vmbpi_u64(o, "variant_size", vmbp_msg_variant_size(variant));
        print_fields(o, "fields", tab, nf, p, n, named);
        if (n <= VMBP_SYNIC_MESSAGE_PAYLOAD_MAX && variant == VMBP_MSGV_GPADL_HEADER)
            vmbpi_gpadl_header_data(o, p, n, &ctx, named);
        else if (n <= VMBP_SYNIC_MESSAGE_PAYLOAD_MAX && variant == VMBP_MSGV_GPADL_BODY)
            vmbpi_gpadl_body_data(o, p, n);
    }
    if (n > VMBP_SYNIC_MESSAGE_PAYLOAD_MAX)
        vmbpi_str(o, "note", "longer than the 240-byte SynIC payload");
    else if (variant != VMBP_MSGV_NONE && n > vmbp_msg_variant_size(variant) &&
             !has_words(variant)) {
        snprintf(buf, sizeof(buf), "%zu trailing bytes ignored",
                 n - vmbp_msg_variant_size(variant));
        vmbpi_str(o, "note", buf);
    }
    if (st == VMBP_OK && !offer_overlay(o, p, n, &ctx, opts, &st))
        return VMBPI_EXIT_INVALID;
    vmbpi_str(o, "status", vmbp_status_name(st));
    if (st != VMBP_OK)
        vmbpi_msg_error(o, &fault, p, n, &ctx, opts->dir, NULL);
    return st == VMBP_OK ? VMBPI_EXIT_VALID : VMBPI_EXIT_INVALID;
}

/* A SynIC slot the snapshot refused (spec/synic.md): its status and rule, and the slot field
 * it names (NULL: the slot's length). */
static void slot_error(struct vmbpi_out *o, enum vmbp_status st, const char *rule,
                       const char *field, size_t offset, size_t size, uint64_t value,
                       const char *allowed)
{
    vmbpi_str(o, "status", vmbp_status_name(st));
    vmbpi_obj_begin(o, "error");
    vmbpi_str(o, "status", vmbp_status_name(st));
    vmbpi_str(o, "meaning", vmbp_status_text(st));
    vmbpi_str(o, "rule", rule);
    if (field) {
        vmbpi_str(o, "field", field);
        vmbpi_u64(o, "offset", offset);
        vmbpi_u64(o, "size", size);
    } else {
        vmbpi_str(o, "step", "length");
    }
    vmbpi_u64(o, "value", value);
    if (field)
        vmbpi_hex(o, "value_hex", value, (int)size * 2);
    vmbpi_str(o, "allowed", allowed);
    vmbpi_obj_end(o);
}

bool vmbpi_msg_is_slot(const uint8_t *p, size_t n)
{
    uint32_t t;

    if (n != VMBP_SYNIC_MESSAGE_SIZE)
        return false;
    t = vmbp_load_le32(p);
    return (t == VMBP_SYNIC_MSG_TYPE_VMBUS || t == VMBP_SYNIC_MSG_TYPE_NONE ||
            (t & VMBP_SYNIC_MSG_TYPE_HYPERVISOR_MASK) != 0) &&
           p[4] <= VMBP_SYNIC_MESSAGE_PAYLOAD_MAX;
}

int vmbpi_msg(struct vmbpi_out *o, const uint8_t *p, size_t n,
              const struct vmbpi_msg_opts *opts)
{
    char buf[64];
    int rc;

    vmbpi_doc_begin(o);
    if (opts->version)
        snprintf(buf, sizeof(buf), "%u.%u", (unsigned)VMBP_VERSION_MAJOR(opts->version),
                 (unsigned)VMBP_VERSION_MINOR(opts->version));
    else
        snprintf(buf, sizeof(buf), "none");
    if (!opts->body && (opts->slot || vmbpi_msg_is_slot(p, n))) {
        struct vmbp_synic_message slot;
        enum vmbp_status st;

        vmbpi_str(o, "kind", "synic slot");
        if (opts->input)
            vmbpi_str(o, "input", opts->input);
        vmbpi_str(o, "negotiated_version", buf);
        vmbpi_hex(o, "negotiated_features", opts->features, 8);
        if (n != VMBP_SYNIC_MESSAGE_SIZE) {
            slot_error(o, VMBP_E_LENGTH_FIELD, "VMBP-SYNIC-003", NULL, 0, 0, n,
                       "256 bytes (a SynIC message slot)");
            vmbpi_doc_end(o);
            return VMBPI_EXIT_INVALID;
        }
        st = vmbp_synic_slot_snapshot(p, &slot);
        vmbpi_obj_begin(o, "slot");
        vmbpi_hex(o, "message_type", slot.type, 8);
        {
            const char *tn = vmbp_synic_msg_type_name(slot.type);

            vmbpi_str(o, "message_type_name", tn ? tn : "unknown");
        }
        vmbpi_u64(o, "payload_size", slot.payload_size);
        vmbpi_hex(o, "message_flags", slot.flags, 2);
        vmbpi_bool(o, "message_pending", (slot.flags & VMBP_SYNIC_MESSAGE_FLAG_PENDING) != 0);
        vmbpi_hex(o, "sender", slot.sender, 16);
        vmbpi_obj_end(o);
        if (st == VMBP_E_LENGTH_FIELD)
            slot_error(o, st, "VMBP-SYNIC-004", "payload_size", 4, 1, p[4], "0..240");
        else if (st != VMBP_OK)
            slot_error(o, st, "VMBP-SYNIC-004", "message_type", 0, 4, vmbp_load_le32(p),
                       "a known SynIC message type (NONE, VMBus or a hypervisor message)");
        if (st != VMBP_OK) {
            vmbpi_doc_end(o);
            return VMBPI_EXIT_INVALID;
        }
        if (slot.type != VMBP_SYNIC_MSG_TYPE_VMBUS) {
            vmbpi_str(o, "status", "OK");
            vmbpi_str(o, "note",
                      slot.type == VMBP_SYNIC_MSG_TYPE_NONE
                          ? "empty slot"
                          : "a hypervisor message, not a VMBus channel message");
            vmbpi_doc_end(o);
            return VMBPI_EXIT_VALID;
        }
        vmbpi_obj_begin(o, "message");
        rc = channel_message(o, slot.payload, slot.payload_size, opts);
        vmbpi_obj_end(o);
        vmbpi_doc_end(o);
        return rc;
    }
    vmbpi_str(o, "kind", "channel message");
    if (opts->input)
        vmbpi_str(o, "input", opts->input);
    vmbpi_str(o, "negotiated_version", buf);
    vmbpi_hex(o, "negotiated_features", opts->features, 8);
    rc = channel_message(o, p, n, opts);
    vmbpi_doc_end(o);
    return rc;
}
