/* SPDX-License-Identifier: MIT */
/*
 * vmbp-inspect's account of a rejected message: the library's own fault report (struct
 * vmbp_msg_fault, from vmbp_msg_validate_fault() and vmbp_msg_offer_overlay_fault()) put in
 * words. A field check names the field as the tables do, its offset, size and value, what
 * the check allows and its rule; a framing or gating step (VMBP-MSG-002: length, type,
 * direction, state, version, feature) names what the message table allows for its type.
 * Nothing here checks a message: every verdict is the decoder's.
 */
#include "inspect.h"

#include <string.h>

#include <vmbus_proto/msg_dispatch.h>

const char *vmbpi_check_kind_name(uint8_t kind)
{
    switch (kind) {
    case VMBP_MSG_CHECK_RANGE:
        return "range";
    case VMBP_MSG_CHECK_ZERO:
        return "zero";
    case VMBP_MSG_CHECK_ONE_OF:
        return "one_of";
    case VMBP_MSG_CHECK_NEEDS_FEATURE:
        return "needs_feature";
    case VMBP_MSG_CHECK_RULE:
        return "rule";
    default:
        return "unknown";
    }
}

const char *vmbpi_fault_step(const struct vmbp_msg_fault *f)
{
    if (f->check)
        return NULL;
    switch (f->status) {
    case VMBP_E_TRUNCATED:
    case VMBP_E_TOO_LONG:
        return "length";
    case VMBP_E_UNKNOWN_TYPE:
        return "type";
    case VMBP_E_DIRECTION:
        return "direction";
    case VMBP_E_NOT_NEGOTIATED:
        return "state";
    case VMBP_E_VERSION:
        return "version";
    case VMBP_E_FEATURE:
        return "feature";
    default:
        return NULL;
    }
}

static const char *sender(unsigned dir)
{
    switch (dir) {
    case VMBP_DIR_HOST_TO_GUEST:
        return "the host";
    case VMBP_DIR_GUEST_TO_HOST:
        return "the guest";
    default:
        return "either side";
    }
}

/* "NAME (0x..)" for each bit of a feature mask, joined with " or ". */
static void feature_names(uint32_t mask, char *out, size_t cap)
{
    size_t used = 0;
    int b;

    out[0] = 0;
    for (b = 0; b < 32 && used < cap; b++) {
        uint32_t bit = (uint32_t)1 << b;
        const char *n;

        if (!(mask & bit))
            continue;
        n = vmbp_feature_name(bit);
        used += (size_t)snprintf(out + used, cap - used, "%s%s (0x%x)", used ? " or " : "",
                                 n ? n : "feature", (unsigned)bit);
    }
}

/* What the message table allows at the framing or gating step that failed. */
static void step_allowed(const struct vmbp_msg_fault *f, const uint8_t *msg, size_t len,
                         const struct vmbp_ctx *ctx, int dir, char *out, size_t cap)
{
    const struct vmbp_msg_type_info *ti = NULL;
    uint32_t type = f->field ? (uint32_t)f->value : 0, t, k, minv = 0xFFFFFFFFu, feat = 0;
    size_t used = 0;

    out[0] = 0;
    if (!f->field && vmbp_msg_header_type(msg, len, &t) == VMBP_OK)
        type = t; /* a length fault names no field; the header still says the type */
    if (type)
        ti = vmbp_msg_type_lookup(type);
    for (k = 0; ti && k < ti->nvariants; k++) {
        const struct vmbp_msg_variant_info *vi =
            vmbp_msg_variant_lookup((enum vmbp_msg_variant)(ti->first_variant + k));

        if (!vi)
            continue;
        if (vi->min_version < minv)
            minv = vi->min_version;
        if (vi->min_version <= ctx->version)
            feat |= vi->features;
    }
    switch (f->status) {
    case VMBP_E_TOO_LONG:
        snprintf(out, cap, "at most %u bytes (a SynIC message payload)",
                 (unsigned)VMBP_SYNIC_MESSAGE_PAYLOAD_MAX);
        break;
    case VMBP_E_TRUNCATED:
        if (f->variant != VMBP_MSGV_NONE) {
            snprintf(out, cap, "at least %zu bytes (%s)", vmbp_msg_variant_size(f->variant),
                     vmbp_msg_variant_name(f->variant));
        } else if (!ti) {
            snprintf(out, cap, "at least %u bytes (the message header)",
                     (unsigned)VMBP_MSG_HEADER_SIZE);
        } else {
            /* the form is chosen before its size is known: its forms as the table gives them */
            used =
                (size_t)snprintf(out, cap, "at least the size of the form the state selects:");
            for (k = 0; k < ti->nvariants && used < cap; k++) {
                const struct vmbp_msg_variant_info *vi =
                    vmbp_msg_variant_lookup((enum vmbp_msg_variant)(ti->first_variant + k));

                if (vi)
                    used +=
                        (size_t)snprintf(out + used, cap - used, "%s %s %u bytes (from %u.%u)",
                                         k ? "," : "", vi->name, (unsigned)vi->size,
                                         (unsigned)VMBP_VERSION_MAJOR(vi->min_version),
                                         (unsigned)VMBP_VERSION_MINOR(vi->min_version));
            }
        }
        break;
    case VMBP_E_UNKNOWN_TYPE:
        snprintf(out, cap, "a message type 1..%u", (unsigned)VMBP_MSG_TYPE_MAX);
        break;
    case VMBP_E_DIRECTION:
        if (ti)
            snprintf(out, cap, "sent by %s (read as sent by %s)", sender(ti->dir),
                     sender((unsigned)dir));
        break;
    case VMBP_E_NOT_NEGOTIATED:
        used = (size_t)snprintf(out, cap, "before a version is negotiated:");
        for (t = 1, k = 0; t <= (uint32_t)VMBP_MSG_TYPE_MAX && used < cap; t++) {
            const struct vmbp_msg_type_info *x = vmbp_msg_type_lookup(t);

            if (x && x->any_state)
                used +=
                    (size_t)snprintf(out + used, cap - used, "%s %s", k++ ? "," : "", x->name);
        }
        if (used < cap)
            snprintf(out + used, cap - used, " only");
        break;
    case VMBP_E_VERSION:
        if (ti && minv != 0xFFFFFFFFu)
            snprintf(out, cap, "version %u.%u or later (negotiated: %u.%u)",
                     (unsigned)VMBP_VERSION_MAJOR(minv), (unsigned)VMBP_VERSION_MINOR(minv),
                     (unsigned)VMBP_VERSION_MAJOR(ctx->version),
                     (unsigned)VMBP_VERSION_MINOR(ctx->version));
        break;
    case VMBP_E_FEATURE:
        if (feat) {
            used = (size_t)snprintf(out, cap, "negotiated feature ");
            if (used < cap)
                feature_names(feat, out + used, cap - used);
        }
        break;
    default:
        break;
    }
}

/* The bytes of a field that is no integer (a reserved byte array), as hex digits. */
static void field_bytes(const uint8_t *msg, size_t len, uint32_t offset, uint32_t size,
                        char *out, size_t cap)
{
    size_t used = 0, i;

    out[0] = 0;
    for (i = 0; i < size && (size_t)offset + i < len && used + 3 < cap; i++)
        used += (size_t)snprintf(out + used, cap - used, "%02x", msg[offset + i]);
}

/* Whether the fault's value is an integer (a byte array's is shown as its bytes). */
static bool integer_value(const struct vmbp_msg_fault *f)
{
    if (!f->field || f->field->kind == (uint8_t)VMBP_MSG_FIELD_WORDS)
        return true;
    return f->size <= 8u && f->field->kind != (uint8_t)VMBP_MSG_FIELD_BYTES &&
           f->field->kind != (uint8_t)VMBP_MSG_FIELD_GUID;
}

void vmbpi_msg_fault_line(const struct vmbp_msg_fault *f, char *out, size_t cap)
{
    const char *step = vmbpi_fault_step(f);

    if (f->check)
        snprintf(out, cap,
                 f->field->fmt == (uint8_t)VMBP_MSG_FMT_DEC
                     ? "%s @%u = %llu, allowed %s (%s)"
                     : "%s @%u = 0x%llx, allowed %s (%s)",
                 f->field->name, (unsigned)f->offset, (unsigned long long)f->value,
                 f->check->allowed, f->rule);
    else if (step && !f->field)
        snprintf(out, cap, "%s %llu bytes (%s)", step, (unsigned long long)f->value,
                 f->rule ? f->rule : "no rule");
    else if (step)
        snprintf(out, cap, "%s @%u = %llu: %s step (%s)", f->field->name, (unsigned)f->offset,
                 (unsigned long long)f->value, step, f->rule ? f->rule : "no rule");
    else
        snprintf(out, cap, "%s", vmbp_status_text(f->status));
}

void vmbpi_msg_error(struct vmbpi_out *o, const struct vmbp_msg_fault *f, const uint8_t *msg,
                     size_t len, const struct vmbp_ctx *ctx, int dir, const char *overlay)
{
    const char *step = vmbpi_fault_step(f);
    char allowed[400];

    vmbpi_obj_begin(o, "error");
    vmbpi_str(o, "status", vmbp_status_name(f->status));
    vmbpi_str(o, "meaning", vmbp_status_text(f->status));
    if (f->rule)
        vmbpi_str(o, "rule", f->rule);
    if (overlay)
        vmbpi_str(o, "overlay", overlay);
    if (step)
        vmbpi_str(o, "step", step);
    if (f->check)
        vmbpi_str(o, "check", vmbpi_check_kind_name(f->check->kind));
    if (f->field) {
        vmbpi_str(o, "field", f->field->name);
        if (f->field->kind == (uint8_t)VMBP_MSG_FIELD_WORDS)
            vmbpi_u64(o, "word", f->index);
        vmbpi_u64(o, "offset", f->offset);
        vmbpi_u64(o, "size", f->size);
    }
    if (f->field && f->field->kind == (uint8_t)VMBP_MSG_FIELD_WORDS && f->size == 0) {
        vmbpi_str(o, "value", "(past the end of the message)");
    } else if (integer_value(f)) {
        /* a 64-bit value only as a hexadecimal string, as everywhere in the JSON output */
        if (f->size < 8u)
            vmbpi_u64(o, "value", f->value);
        if (f->field)
            vmbpi_hex(o, "value_hex", f->value, (int)(f->size ? f->size * 2u : 8u));
    } else {
        char hex[2 * 128 + 1];

        field_bytes(msg, len, f->offset, f->size, hex, sizeof(hex));
        vmbpi_str(o, "value_bytes", hex);
    }
    if (f->check) {
        vmbpi_str(o, "allowed", f->check->allowed);
        if (f->check->when)
            vmbpi_str(o, "when", f->check->when);
        if (f->check->kind == (uint8_t)VMBP_MSG_CHECK_NEEDS_FEATURE) {
            feature_names(f->check->feature, allowed, sizeof(allowed));
            vmbpi_str(o, "needs_feature", allowed);
        }
    } else {
        step_allowed(f, msg, len, ctx, dir, allowed, sizeof(allowed));
        if (allowed[0])
            vmbpi_str(o, "allowed", allowed);
    }
    vmbpi_obj_end(o);
}
