/* SPDX-License-Identifier: MIT */
/*
 * vmbp-inspect msg: decode one VMBus channel message, or a whole 256-byte SynIC message slot
 * holding one, against a negotiated state (version, features) and the direction it travelled.
 * Every field of the message's variant is printed with its offset, size and meaning, from the
 * field tables of the message headers (vmbp_msg_fields()); validation is the library's own
 * (vmbp_msg_validate()), so the tool reports exactly what a guest or host using it would.
 */
#include "inspect.h"

#include <stdlib.h>
#include <string.h>

#include <vmbus_proto/devices.h>
#include <vmbus_proto/msg_dispatch.h>
#include <vmbus_proto/synic.h>

static void status_split(enum vmbp_status st, char *name, size_t cap, const char **rule)
{
    const char *s = vmbp_status_str(st);
    size_t n = strcspn(s, ":");

    snprintf(name, cap, "%.*s", (int)n, s);
    *rule = s[n] ? s + n + 2 : s;
}

static void guid_str(const uint8_t *g, char *out, size_t cap)
{
    snprintf(out, cap,
             "{%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x}", g[3],
             g[2], g[1], g[0], g[5], g[4], g[7], g[6], g[8], g[9], g[10], g[11], g[12], g[13],
             g[14], g[15]);
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

static const char *ntstatus_name(uint64_t v)
{
    switch (v) {
    case VMBP_NTSTATUS_SUCCESS:
        return "STATUS_SUCCESS";
    case VMBP_NTSTATUS_UNSUCCESSFUL:
        return "STATUS_UNSUCCESSFUL";
    case VMBP_NTSTATUS_CONNECTION_REFUSED:
        return "STATUS_CONNECTION_REFUSED";
    default:
        return NULL;
    }
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
        s = ntstatus_name(v);
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

        snprintf(out + n, cap - n, " (%s)", f->doc);
    }
}

static void print_fields(struct vmbpi_out *o, enum vmbp_msg_variant variant, const uint8_t *p,
                         size_t n)
{
    size_t nf = 0, i;
    const struct vmbp_msg_field *tab = vmbp_msg_fields(variant, &nf);
    char val[600], mean[400];

    vmbpi_arr_begin(o, "fields");
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
        case VMBP_MSG_FIELD_BYTES:
        case VMBP_MSG_FIELD_WORDS: {
            size_t k, len = f->kind == VMBP_MSG_FIELD_WORDS || (size_t)f->offset + size > n
                                ? n - f->offset
                                : size;
            size_t shown = len > 32 ? 32 : len, used = 0;

            size = len;
            for (k = 0; k < shown; k++)
                used += (size_t)snprintf(val + used, sizeof(val) - used, "%02x", p[f->offset + k]);
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
            if (f->kind == VMBP_MSG_FIELD_RSVDZ && v != 0)
                snprintf(mean + strlen(mean), sizeof(mean) - strlen(mean),
                         " [must be zero]");
            break;
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

/* Decode the channel message p[0..n). Returns the exit status. */
static int channel_message(struct vmbpi_out *o, const uint8_t *p, size_t n,
                           const struct vmbpi_msg_opts *opts)
{
    struct vmbp_ctx ctx;
    enum vmbp_msg_variant variant;
    enum vmbp_status st, sel;
    uint32_t type = 0;
    char name[48], buf[64];
    const char *rule;

    ctx.version = opts->version;
    ctx.features = opts->features;
    vmbpi_u64(o, "length", n);
    if (vmbp_msg_header_type(p, n, &type) == VMBP_OK) {
        const char *tn = vmbp_msg_type_name(type);

        vmbpi_u64(o, "type", type);
        vmbpi_str(o, "type_name", tn ? tn : "unknown");
    }
    st = vmbp_msg_validate(p, n, &ctx, (enum vmbp_dir)opts->dir);
    sel = vmbp_msg_select(p, n, &ctx, (enum vmbp_dir)opts->dir, &variant);
    if (sel != VMBP_OK) {
        /* Not valid in this state: show the newest variant's fields as far as they go. */
        variant = vmbp_msg_type_newest_variant(type);
    }
    if (variant != VMBP_MSGV_NONE) {
        vmbpi_str(o, "variant", vmbp_msg_variant_name(variant));
        vmbpi_u64(o, "variant_size", vmbp_msg_variant_size(variant));
        print_fields(o, variant, p, n);
    }
    if (n > VMBP_MSG_MAX_SIZE)
        vmbpi_str(o, "note", "longer than the 240-byte SynIC payload");
    else if (variant != VMBP_MSGV_NONE && n > vmbp_msg_variant_size(variant) &&
             !has_words(variant)) {
        snprintf(buf, sizeof(buf), "%zu trailing bytes ignored",
                 n - vmbp_msg_variant_size(variant));
        vmbpi_str(o, "note", buf);
    }
    status_split(st, name, sizeof(name), &rule);
    vmbpi_str(o, "status", name);
    if (st != VMBP_OK)
        vmbpi_str(o, "rule", rule);
    return st == VMBP_OK ? VMBPI_EXIT_VALID : VMBPI_EXIT_INVALID;
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

int vmbpi_msg(struct vmbpi_out *o, const uint8_t *p, size_t n, const struct vmbpi_msg_opts *opts)
{
    char buf[64], name[48];
    const char *rule;
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
        vmbpi_str(o, "negotiated_version", buf);
        vmbpi_hex(o, "negotiated_features", opts->features, 8);
        if (n != VMBP_SYNIC_MESSAGE_SIZE) {
            vmbpi_str(o, "status", "E_LENGTH_FIELD");
            vmbpi_str(o, "rule", "a SynIC message slot is 256 bytes");
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
        if (st != VMBP_OK) {
            status_split(st, name, sizeof(name), &rule);
            vmbpi_str(o, "status", name);
            vmbpi_str(o, "rule", rule);
            vmbpi_doc_end(o);
            return VMBPI_EXIT_INVALID;
        }
        if (slot.type != VMBP_SYNIC_MSG_TYPE_VMBUS) {
            vmbpi_str(o, "status", "OK");
            vmbpi_str(o, "note", slot.type == VMBP_SYNIC_MSG_TYPE_NONE
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
    vmbpi_str(o, "negotiated_version", buf);
    vmbpi_hex(o, "negotiated_features", opts->features, 8);
    rc = channel_message(o, p, n, opts);
    vmbpi_doc_end(o);
    return rc;
}
